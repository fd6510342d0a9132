/**
 * The plain reference charts in charts/ (no render plugins) render through dist/hcp exactly as
 * the real Helm renders them (goldens made by test/golden/reference-charts/generate.sh), and
 * scenario S8 of the chart-defined plugins spec holds: the gotemplate chart, rendered by hcp's
 * built-in engine, gives Service then Deployment, each exactly once.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { createTestEnv, HCP_BIN, runProcess, type TestEnv } from "../helpers/env.ts";

const REPO = join(import.meta.dir, "..", "..");
const GOLDEN = join(REPO, "test", "golden", "reference-charts");

describe("reference charts without plugins", () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv();
  });
  afterAll(() => env?.[Symbol.asyncDispose]());

  const render = (chart: string) =>
    runProcess([HCP_BIN, "template", "my-release", join("charts", chart)], {
      env: env.env,
      cwd: REPO,
    });

  test.each(["hello-chart", "gotemplate-chart"])(
    "%s renders byte for byte like helm template",
    async (chart) => {
      const r = await render(chart);
      expect(r.stderr).toBe("");
      expect(r.exitCode).toBe(0);
      expect(r.stdout).toBe(await readFile(join(GOLDEN, `${chart}.yaml`), "utf8"));
    },
  );

  test("S8: the gotemplate chart gives Service then Deployment, each once", async () => {
    const r = await render("gotemplate-chart");
    const docs = r.stdout.split(/^---$/m).slice(1);
    expect(docs).toHaveLength(2);
    expect(docs[0]).toContain("kind: Service");
    expect(docs[0]).toContain("type: ClusterIP");
    expect(docs[0]).toContain("port: 80");
    expect(docs[1]).toContain("kind: Deployment");
    expect(docs[1]).toContain("replicas: 3");
    expect(docs[1]).toContain('image: "nginx:1.24"');
    expect(docs[1]).toContain("imagePullPolicy: IfNotPresent");
    expect(docs[1]).toContain('app.kubernetes.io/version: "1.0.0"');
  });
});
