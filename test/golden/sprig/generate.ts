/**
 * Regenerates cases.json: renders every case of case-list.ts with the reference Helm binary.
 *
 *   bun test/golden/sprig/generate.ts      (HCP_REF_HELM=/path/to/helm to choose the binary)
 *
 * Each case is a chart file templates/_<id>.tpl that out.yaml includes with the root context as
 * dot and pipes through b64enc, so the recorded output is the exact bytes Go produced (no YAML
 * parsing of the result). Cases run in batches; when Helm fails, the failing case is read from
 * the error, recorded with its error, removed, and the batch re-run.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fromUtf8 } from "../../../src/sprig/gostr.ts";
import { requireReferenceHelm } from "../../helpers/env.ts";
import { type HelmTemplateRun, helmTemplateFiles } from "../../helpers/helm-template.ts";
import { GROUPS, VALUES } from "./case-list.ts";
import { innermostError } from "./helm-error.ts";

const CHART = "golden";
const BATCH = 40;

interface Case {
  readonly id: string;
  readonly template: string;
}

/** One recorded case: `want` is the rendered text, or `error` Helm's innermost message. */
export interface GoldenCase {
  readonly id: string;
  readonly template: string;
  readonly want?: string;
  readonly error?: string;
}

const helm = await requireReferenceHelm();

function allCases(): Case[] {
  const out: Case[] = [];
  for (const [group, templates] of Object.entries(GROUPS)) {
    templates.forEach((template, i) => {
      out.push({ id: `${group}-${String(i + 1).padStart(3, "0")}`, template });
    });
  }
  return out;
}

async function render(cases: readonly Case[]): Promise<HelmTemplateRun> {
  const files: Record<string, string> = {
    "Chart.yaml": `apiVersion: v2\nname: ${CHART}\nversion: 0.1.0\n`,
    "values.yaml": `${JSON.stringify(VALUES, null, 1)}\n`,
  };
  let wrapper = "";
  for (const c of cases) {
    files[`templates/_${c.id}.tpl`] = c.template;
    wrapper += `${c.id}: {{ include "${CHART}/templates/_${c.id}.tpl" . | b64enc | quote }}\n`;
  }
  files["templates/out.yaml"] = wrapper;
  return helmTemplateFiles(helm, files, { prefix: "hcp-sprig-golden-" });
}

function failingCase(stderr: string, cases: readonly Case[]): Case | undefined {
  // Helm reports fail/required errors as "execution error at (golden/templates/out.yaml:L:C)".
  const line = /execution error at \(golden\/templates\/out\.yaml:(\d+):/.exec(stderr);
  if (line !== null) return cases[Number(line[1]) - 1];
  const hits = [...stderr.matchAll(/templates\/_([A-Za-z]+-\d{3})\.tpl/g)].map((m) => m[1]);
  const id = hits[hits.length - 1];
  return cases.find((c) => c.id === id);
}

async function runBatch(batch: Case[]): Promise<GoldenCase[]> {
  const results: GoldenCase[] = [];
  let pending = [...batch];
  while (pending.length > 0) {
    const r = await render(pending);
    if (r.code === 0) {
      const outs = new Map<string, string>();
      for (const m of r.stdout.matchAll(/^([A-Za-z]+-\d{3}): "([A-Za-z0-9+/=]*)"$/gm)) {
        // Lossless: bytes that are not UTF-8 stay as hcp's surrogate escapes (see gostr.ts).
        outs.set(m[1]!, fromUtf8(Buffer.from(m[2]!, "base64")));
      }
      for (const c of pending) {
        const want = outs.get(c.id);
        if (want === undefined) throw new Error(`no output for ${c.id}`);
        results.push({ id: c.id, template: c.template, want });
      }
      break;
    }
    const bad = failingCase(r.stderr, pending);
    if (bad === undefined) throw new Error(`cannot attribute Helm failure:\n${r.stderr}`);
    results.push({ id: bad.id, template: bad.template, error: innermostError(r.stderr) });
    pending = pending.filter((c) => c !== bad);
  }
  return results;
}

async function main(): Promise<void> {
  const version = Bun.spawnSync([helm, "version", "--template", "{{ .Version }}"]).stdout.toString();
  const cases = allCases();
  const results: GoldenCase[] = [];
  for (let i = 0; i < cases.length; i += BATCH) {
    results.push(...(await runBatch(cases.slice(i, i + BATCH))));
  }
  const order = new Map(cases.map((c, i) => [c.id, i]));
  results.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  const doc = {
    generator: "test/golden/sprig/generate.ts",
    helmVersion: version,
    timeZone: "UTC",
    values: VALUES,
    cases: results,
  };
  writeFileSync(join(import.meta.dir, "cases.json"), `${JSON.stringify(doc, null, 1)}\n`);
  const errors = results.filter((r) => r.error !== undefined).length;
  console.log(`${results.length} cases (${errors} errors) from helm ${version}`);
}

if (import.meta.main) await main();
