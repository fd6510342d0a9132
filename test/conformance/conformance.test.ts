/**
 * The acceptance test of `hcp template`: the shared conformance corpus (real charts, real Helm
 * 4.1.4 output) run against the compiled dist/hcp. Skips with a visible message when the
 * corpus or the binary is absent. One test per case so failures name the case.
 *
 * The shared copy of kube-prometheus-stack lacks four of its vendored subcharts (see
 * test/fixtures/conformance/README.md). While it does, the test runs a temporary copy of the
 * corpus with them added from test/fixtures/conformance, so the kps-* cases run too.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = join(import.meta.dir, "..", "..");
const sharedCorpus = join(root, "..", "shared", "conformance");
const binary = join(root, "dist", "hcp");
const overlay = join(root, "test", "fixtures", "conformance");
const kpsCharts = join("charts", "kube-prometheus-stack", "charts");

/** The corpus to run: the shared one, or a copy completed with the overlay's subcharts. */
function corpusDir(): { dir: string; temporary: boolean } {
  const complete = existsSync(join(sharedCorpus, kpsCharts, "grafana", "Chart.yaml"));
  if (complete || !existsSync(join(sharedCorpus, "runner.mjs"))) {
    return { dir: sharedCorpus, temporary: false };
  }
  const dir = mkdtempSync(join(tmpdir(), "hcp-conformance-"));
  cpSync(sharedCorpus, dir, { recursive: true });
  // ../shared is read-only and cpSync keeps modes: make the copy writable (and removable).
  Bun.spawnSync(["chmod", "-R", "u+w", dir]);
  cpSync(join(overlay, "kube-prometheus-stack", "charts"), join(dir, kpsCharts), {
    recursive: true,
  });
  return { dir, temporary: true };
}

const corpusCopy = existsSync(binary) ? corpusDir() : { dir: sharedCorpus, temporary: false };
const corpus = corpusCopy.dir;
const runner = join(corpus, "runner.mjs");
afterAll(() => {
  if (corpusCopy.temporary) rmSync(corpus, { recursive: true, force: true });
});

const available = existsSync(runner) && existsSync(binary);
if (!available) {
  console.warn(
    `conformance: SKIPPED (${existsSync(runner) ? "dist/hcp not built: run `bun run build`" : "../shared/conformance not found"})`,
  );
}

function caseIds(): string[] {
  if (!existsSync(join(corpus, "cases.yaml"))) return [];
  const text = readFileSync(join(corpus, "cases.yaml"), "utf8");
  return [...text.matchAll(/^ {2}- id: (\S+)$/gm)].map((m) => m[1] as string);
}

describe.skipIf(!available)("conformance corpus (hcp template vs Helm 4.1.4)", () => {
  const results = new Map<string, string>();
  let summary = "";

  test("runner completes over every case", () => {
    const proc = Bun.spawnSync(["bun", runner, binary], {
      cwd: root,
      env: { ...process.env, NO_COLOR: "1", TZ: "UTC" },
      stdout: "pipe",
      stderr: "pipe",
    });
    const out = proc.stdout.toString();
    for (const line of out.split("\n")) {
      const m = /^(PASS|FAIL)\s+(\S+)/.exec(line);
      if (m) results.set(m[2] as string, line);
    }
    summary = out.trim().split("\n").pop() ?? "";
    expect(summary).toMatch(/^\d+ passed, \d+ failed$/);
  }, 600_000);

  for (const id of caseIds()) {
    test(`case ${id} is byte-identical to Helm`, () => {
      const line = results.get(id);
      expect(line ?? `MISSING ${id}`).toStartWith("PASS");
    });
  }
});
