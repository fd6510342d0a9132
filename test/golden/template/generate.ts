/**
 * Regenerates cases.json: renders every case of inputs.ts with the reference Helm binary.
 *
 *   bun test/golden/template/generate.ts      (HCP_REF_HELM=/path/to/helm to choose the binary)
 *
 * Each case is a chart file templates/_cNNN.tpl that another template includes with
 * `.Values` as dot and pipes through b64enc, so the recorded output is the exact bytes Go's
 * text/template produced (no YAML parsing, no `<no value>` stripping). Cases without
 * definitions are batched into one chart per batch; cases that define templates or are
 * expected to fail run alone. For failures the innermost Go error message is recorded.
 *
 * Two Helm rewrites lose information and are recorded as Helm prints them: parse errors
 * (`parse error at (FILE:LINE): LAST`, only the last ": " part of Go's message) and the
 * multi-line execution trace (trailing spaces dropped). corpus.test.ts applies the same
 * rewrites to hcp's Go-shaped messages before comparing.
 *
 * Takes about a minute: the fuzz sections of inputs.ts (seeded, so stable) are mostly errors
 * and run one chart each, two at a time.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { requireReferenceHelm } from "../../helpers/env.ts";
import { type HelmTemplateRun, helmTemplateFiles } from "../../helpers/helm-template.ts";
import { CASES, type CaseInput, VALUES_YAML } from "./inputs.ts";

const CHART = "c";
const BATCH = 150;

const helm = await requireReferenceHelm();

function tplName(i: number): string {
  return `_c${String(i).padStart(4, "0")}.tpl`;
}

function renderChart(files: Record<string, string>): Promise<HelmTemplateRun> {
  const chart: Record<string, string> = {
    "Chart.yaml": `apiVersion: v2\nname: ${CHART}\nversion: 0.1.0\n`,
    "values.yaml": VALUES_YAML,
  };
  for (const [name, text] of Object.entries(files)) chart[`templates/${name}`] = text;
  return helmTemplateFiles(helm, chart, { prefix: "hcp-golden-" });
}

function wrapper(indexes: number[]): string {
  return indexes
    .map(
      (i) =>
        `c${i}: {{ include "${CHART}/templates/${tplName(i)}" .Values | b64enc | quote }}\n`,
    )
    .join("");
}

function decodeOutputs(stdout: string): Map<number, string> {
  const out = new Map<number, string>();
  for (const m of stdout.matchAll(/^c(\d+): "([A-Za-z0-9+/=]*)"$/gm)) {
    out.set(Number(m[1]), Buffer.from(m[2]!, "base64").toString("utf8"));
  }
  return out;
}

/** Turns Helm's rendering of a Go template error back into Go's one-line message. */
export function goMessageFromHelm(stderr: string): string {
  // Keep trailing spaces: they can be part of Go's message ("range can't iterate over ").
  const text = stderr.replace(/\n\nUse --debug flag to render out invalid YAML\n?$/, "").replace(/\n+$/, "");
  // Helm rewrites parse errors lossily (it keeps only the last ": " segment): keep its form.
  if (text.startsWith("Error: parse error at (")) return text.slice("Error: ".length);
  const include = "error calling include: ";
  if (text.startsWith("Error: template: ")) {
    const at = text.indexOf(include);
    return at >= 0 ? text.slice(at + include.length) : text.slice("Error: ".length);
  }
  // Helm 4's multi-line trace: blocks of "LOCATION\n  executing "NAME" at <CTX>:\n    MSG".
  const body = text.replace(/^Error: /, "");
  const blocks = [...body.matchAll(/^(\S[^\n]*:\d+:\d+)\n {2}executing ("(?:[^"\\]|\\.)*") at <([\s\S]*?)>:\n {4}/gm)];
  const last = blocks[blocks.length - 1];
  if (last === undefined) return body;
  const reason = body.slice(last.index! + last[0].length);
  return `template: ${last[1]}: executing ${last[2]} at <${last[3]}>: ${reason}`;
}

interface CaseResult {
  readonly name: string;
  readonly template: string;
  readonly file: string;
  readonly want?: string;
  readonly error?: string;
}

async function runAlone(c: CaseInput, i: number): Promise<CaseResult> {
  const file = `${CHART}/templates/${tplName(i)}`;
  const r = await renderChart({ [tplName(i)]: c.template, "out.yaml": wrapper([i]) });
  const out = decodeOutputs(r.stdout).get(i);
  if (r.code === 0 && out !== undefined) return { name: c.name, template: c.template, file, want: out };
  return { name: c.name, template: c.template, file, error: goMessageFromHelm(r.stderr) };
}

async function pool<T>(tasks: (() => Promise<T>)[], width: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < tasks.length) {
        const k = next++;
        results[k] = await tasks[k]!();
      }
    }),
  );
  return results;
}

async function main(): Promise<void> {
  const version = Bun.spawnSync([helm, "version", "--template", "{{ .Version }}"]).stdout.toString();
  const results: (CaseResult | undefined)[] = new Array(CASES.length);
  const alone: number[] = [];
  const batched: number[] = [];
  CASES.forEach((c, i) => {
    if (c.error || /\b(define|block)\b/.test(c.template)) alone.push(i);
    else batched.push(i);
  });
  for (let start = 0; start < batched.length; start += BATCH) {
    const idx = batched.slice(start, start + BATCH);
    const files: Record<string, string> = { "out.yaml": wrapper(idx) };
    for (const i of idx) files[tplName(i)] = CASES[i]!.template;
    const r = await renderChart(files);
    const outs = decodeOutputs(r.stdout);
    for (const i of idx) {
      const want = outs.get(i);
      if (r.code === 0 && want !== undefined) {
        const c = CASES[i]!;
        results[i] = { name: c.name, template: c.template, file: `${CHART}/templates/${tplName(i)}`, want };
      } else {
        alone.push(i);
      }
    }
  }
  const singles = await pool(
    alone.map((i) => () => runAlone(CASES[i]!, i)),
    2,
  );
  alone.forEach((i, k) => {
    results[i] = singles[k];
  });
  const valuesJson = await renderChart({
    "_v.tpl": "{{ .Values | toJson }}",
    "out.yaml": `v: {{ include "${CHART}/templates/_v.tpl" . | b64enc | quote }}\n`,
  });
  const values = JSON.parse(
    Buffer.from(/^v: "([^"]*)"$/m.exec(valuesJson.stdout)![1]!, "base64").toString("utf8"),
  );
  const doc = {
    generator: "test/golden/template/generate.ts",
    helmVersion: version,
    missingKey: "zero",
    values,
    cases: results,
  };
  const target = join(import.meta.dir, "cases.json");
  writeFileSync(target, JSON.stringify(doc, null, 1) + "\n");
  const errors = results.filter((r) => r?.error !== undefined).length;
  console.log(`wrote ${results.length} cases (${errors} errors) from helm ${version} to ${target}`);
}

if (import.meta.main) await main();
