/**
 * Runs template expressions through the reference Helm binary (`helm template`) in batches and
 * returns each expression's output. Used by generate.ts only; never at runtime.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** One probe: a template expression whose value is a string. */
export interface Probe {
  readonly expr: string;
}

/** What Helm produced for a probe: its output, or the error Helm printed. */
export type ProbeResult = { readonly out: string } | { readonly error: string };

async function renderChart(helm: string, exprs: readonly string[]): Promise<ProbeResult> {
  const dir = await mkdtemp(join(tmpdir(), "hcp-yaml-probe-"));
  try {
    await mkdir(join(dir, "templates"));
    await writeFile(join(dir, "Chart.yaml"), "apiVersion: v2\nname: probe\nversion: 0.1.0\n");
    const body = exprs.map((e, i) => `c${i}: {{ ${e} | b64enc }}\n`).join("");
    await writeFile(join(dir, "templates", "t.yaml"), body);
    const proc = Bun.spawn([helm, "template", "x", dir], {
      stdout: "pipe",
      stderr: "pipe",
      env: { PATH: "/usr/bin:/bin", HOME: dir, NO_COLOR: "1", TZ: "UTC" },
    });
    const [stdout, stderr, code] = await Promise.all([
      new Response(proc.stdout).text(),
      new Response(proc.stderr).text(),
      proc.exited,
    ]);
    if (code !== 0) return { error: stderr.replaceAll(dir, "CHART") };
    return { out: stdout };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
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
  const dir = await mkdtemp(join(tmpdir(), "hcp-yaml-probe-"));
  try {
    const chart = join(dir, "probe");
    await mkdir(join(chart, "templates"), { recursive: true });
    await writeFile(join(chart, "Chart.yaml"), "apiVersion: v2\nname: probe\nversion: 0.1.0\n");
    if (where === "template") await writeFile(join(chart, "templates", "t.yaml"), text);
    else {
      await writeFile(join(chart, "values.yaml"), text);
      await writeFile(join(chart, "templates", "t.yaml"), "v: {{ toJson .Values | b64enc }}\n");
    }
    const proc = Bun.spawn([helm, "template", "x", chart], {
      stdout: "pipe",
      stderr: "pipe",
      env: { PATH: "/usr/bin:/bin", HOME: dir, NO_COLOR: "1", TZ: "UTC" },
    });
    const [stdout, stderr, code] = await Promise.all([
      new Response(proc.stdout).text(),
      new Response(proc.stderr).text(),
      proc.exited,
    ]);
    if (code !== 0) return { error: stderr.replaceAll(dir, "DIR") };
    return { out: stdout };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
