/**
 * The golden generators' one way to ask the reference Helm about templates: write a
 * throwaway chart, run `helm template` on it with a deterministic env, remove it. Test data
 * only; hcp never runs Helm.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** Options of helmTemplateFiles. */
export interface HelmTemplateOptions {
  /** Release name argument; omitted = Helm's default ("release-name"). */
  readonly release?: string;
  /** Folder of the chart inside the temp dir (files' paths include it); default the temp dir. */
  readonly chart?: string;
  /** Prefix of the temp dir's name. */
  readonly prefix?: string;
}

/** What `helm template` printed; `dir` is the (removed) temp dir, for scrubbing messages. */
export interface HelmTemplateRun {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number;
  readonly dir: string;
}

/**
 * Writes `files` (paths relative to a fresh temp dir, e.g. "Chart.yaml", "templates/t.yaml")
 * and runs `helm template [release] <dir>/<chart>` with HOME in that dir, NO_COLOR=1, TZ=UTC.
 */
export async function helmTemplateFiles(
  helm: string,
  files: Readonly<Record<string, string>>,
  options: HelmTemplateOptions = {},
): Promise<HelmTemplateRun> {
  const dir = await mkdtemp(join(tmpdir(), options.prefix ?? "hcp-helm-template-"));
  try {
    for (const [name, text] of Object.entries(files)) {
      await mkdir(dirname(join(dir, name)), { recursive: true });
      await writeFile(join(dir, name), text);
    }
    const release = options.release === undefined ? [] : [options.release];
    const proc = Bun.spawn([helm, "template", ...release, join(dir, options.chart ?? "")], {
      stdout: "pipe",
      stderr: "pipe",
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: dir, NO_COLOR: "1", TZ: "UTC" },
    });
    const [stdout, stderr, code] = await Promise.all([
      new Response(proc.stdout).text(),
      new Response(proc.stderr).text(),
      proc.exited,
    ]);
    return { stdout, stderr, code, dir };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
