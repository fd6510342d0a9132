/**
 * The acceptance test of `hcp template`: the shared conformance corpus (real charts, real Helm
 * 4.1.4 output) run against the compiled dist/hcp. Skips with a visible message when the
 * corpus or the binary is absent. One test per case so failures name the case.
 */
import { describe, expect, test } from "bun:test";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dir, "..", "..");
const corpus = join(root, "..", "shared", "conformance");
const binary = join(root, "dist", "hcp");
const runner = join(corpus, "runner.mjs");

const available = existsSync(runner) && existsSync(binary);
if (!available) {
  console.warn(
    `conformance: SKIPPED (${existsSync(runner) ? "dist/hcp not built: run `bun run build`" : "../shared/conformance not found"})`,
  );
}

/**
 * Cases that fail for reasons outside `hcp template`'s own code, each with the blocker. They
 * are reported as todo (visible in every run) instead of failing the suite; remove an entry
 * once its blocker is fixed.
 */
const KNOWN_BLOCKED: Readonly<Record<string, string>> = {
  "kps-default":
    "the corpus copy of kube-prometheus-stack lacks its vendored subcharts (charts/ holds only crds)",
  "kps-non-defaults": "the corpus copy of kube-prometheus-stack lacks its vendored subcharts",
  "kps-upgrade-crds": "the corpus copy of kube-prometheus-stack lacks its vendored subcharts",
};

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
    const blocked = KNOWN_BLOCKED[id];
    if (blocked !== undefined) {
      test.todo(`case ${id} (blocked: ${blocked})`);
      continue;
    }
    test(`case ${id} is byte-identical to Helm`, () => {
      const line = results.get(id);
      expect(line ?? `MISSING ${id}`).toStartWith("PASS");
    });
  }
});
