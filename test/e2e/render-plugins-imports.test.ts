/**
 * Lazy loading: `hcp template` of a chart without plugins must not evaluate the render plugin
 * runner, the Extism runtime, the trust policy, openpgp or tar. Each probe is a fresh bun
 * process (a clean module registry) that runs the command in-process and lists the modules it
 * loaded. The varsubst-chart probe shows the same listing does see them when plugins run.
 */
import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { copyChart, hcp, KEYRING, renderPrerequisites } from "../fixtures/render-plugins/setup.ts";
import { createTestEnv, REPO_ROOT, runProcess } from "../helpers/env.ts";

const ready = await renderPrerequisites();
const PROBE = join(REPO_ROOT, "test/fixtures/render-plugins/import-probe.ts");
const HEAVY = [
  /src\/action\/render-plugins\.ts$/,
  /src\/runtimes\/extism\.ts$/,
  /src\/plugin\/trust\.ts$/,
  /node_modules\/openpgp\//,
  /node_modules\/tar\//,
  /node_modules\/@extism\//,
];

async function probe(env: Record<string, string>, cwd: string, argv: string[]) {
  const r = await runProcess([process.execPath, PROBE, ...argv], { env, cwd });
  expect(r.stderr).toBe("");
  return JSON.parse(r.stdout) as { code: number; modules: string[]; err: string };
}

function heavy(modules: readonly string[]): string[] {
  return modules.filter((m) => HEAVY.some((re) => re.test(m)));
}

describe("template loads plugin machinery only for charts with plugins", () => {
  test("hello-chart (no plugins) loads none of render-plugins, extism, trust, openpgp, tar", async () => {
    await using env = await createTestEnv();
    const got = await probe(env.env, env.work, [join(REPO_ROOT, "charts/hello-chart")]);
    expect(got.code).toBe(0);
    expect(got.modules.length).toBeGreaterThan(10);
    expect(heavy(got.modules)).toEqual([]);
  });

  test.skipIf(!ready)(
    "varsubst-chart (render plugin) does load them, so the probe can fail",
    async () => {
      await using env = await createTestEnv();
      const chart = await copyChart(env, "varsubst-chart");
      expect((await hcp(env, ["dependency", "update", chart])).exitCode).toBe(0);
      const got = await probe(env.env, env.work, [chart, "--keyring", KEYRING]);
      expect(got.err).toBe("");
      expect(got.code).toBe(0);
      const loaded = heavy(got.modules).join("\n");
      expect(loaded).toContain("src/action/render-plugins.ts");
      expect(loaded).toContain("src/runtimes/extism.ts");
      expect(loaded).toContain("src/plugin/trust.ts");
    },
  );
});
