/**
 * Runs template expressions through the reference Helm binary (`helm template`) in batches and
 * returns each expression's output. Used by generate.ts only; never at runtime.
 */
import { helmTemplateFiles } from "../../helpers/helm-template.ts";

/** One probe: a template expression whose value is a string. */
export interface Probe {
  readonly expr: string;
}

/** What Helm produced for a probe: its output, or the error Helm printed. */
export type ProbeResult = { readonly out: string } | { readonly error: string };

const CHART_YAML = "apiVersion: v2\nname: probe\nversion: 0.1.0\n";
const PREFIX = "hcp-yaml-probe-";

async function renderChart(helm: string, exprs: readonly string[]): Promise<ProbeResult> {
  const body = exprs.map((e, i) => `c${i}: {{ ${e} | b64enc }}\n`).join("");
  const r = await helmTemplateFiles(
    helm,
    { "Chart.yaml": CHART_YAML, "templates/t.yaml": body },
    { release: "x", prefix: PREFIX },
  );
  return r.code === 0 ? { out: r.stdout } : { error: r.stderr.replaceAll(r.dir, "CHART") };
}

function decode(stdout: string, count: number): string[] {
  const outs: string[] = [];
  const lines = new Map<string, string>();
  for (const line of stdout.split("\n")) {
    const m = /^c(\d+): ?(.*)$/.exec(line);
    if (m) lines.set(m[1] as string, m[2] as string);
  }
  for (let i = 0; i < count; i++) {
    const b64 = lines.get(String(i));
    if (b64 === undefined) throw new Error(`probe output lacks c${i}`);
    outs.push(new TextDecoder().decode(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))));
  }
  return outs;
}

/** Runs all expressions; a batch that fails is split until the failing expressions are alone. */
export async function probeAll(helm: string, exprs: readonly string[]): Promise<ProbeResult[]> {
  const results: ProbeResult[] = new Array(exprs.length);
  async function run(start: number, end: number): Promise<void> {
    const r = await renderChart(helm, exprs.slice(start, end));
    if ("out" in r) {
      decode(r.out, end - start).forEach((out, i) => {
        results[start + i] = { out };
      });
      return;
    }
    if (end - start === 1) {
      results[start] = r;
      return;
    }
    const mid = Math.floor((start + end) / 2);
    await run(start, mid);
    await run(mid, end);
  }
  const BATCH = 200;
  for (let s = 0; s < exprs.length; s += BATCH) await run(s, Math.min(exprs.length, s + BATCH));
  return results;
}

/** Renders a chart whose only template (or values.yaml) is `text`; returns Helm's stdout or stderr. */
export async function probeFile(
  helm: string,
  text: string,
  where: "template" | "values",
): Promise<ProbeResult> {
  const files: Record<string, string> = { "probe/Chart.yaml": CHART_YAML };
  if (where === "template") files["probe/templates/t.yaml"] = text;
  else {
    files["probe/values.yaml"] = text;
    files["probe/templates/t.yaml"] = "v: {{ toJson .Values | b64enc }}\n";
  }
  const r = await helmTemplateFiles(helm, files, { release: "x", chart: "probe", prefix: PREFIX });
  return r.code === 0 ? { out: r.stdout } : { error: r.stderr.replaceAll(r.dir, "DIR") };
}
