/**
 * S2 (and S12 end to end): the reference varsubst-render plugin pushed to a real
 * docker-registry, pulled into the cache by `hcp dependency update --plain-http`, and run by
 * `hcp template` from the cache. Skips visibly until the plugin is built
 * (`bun run build:plugins`) or when the registry binary is absent.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { cp, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createCapturedIo } from "../../src/cli/io.ts";
import { run } from "../../src/cli/run.ts";
import { createTestEnv, REPO_ROOT, type TestEnv } from "../helpers/env.ts";
import { hasDockerRegistry, startRegistry, type TestRegistry } from "../helpers/registry.ts";

const PLUGIN_DIR = join(REPO_ROOT, "plugins/varsubst-render");
const built = await Bun.file(join(PLUGIN_DIR, "plugin.wasm")).exists();
const available = await hasDockerRegistry();
if (!built)
  console.warn(
    "SKIP oci-render (S2): plugins/varsubst-render is not built (bun run build:plugins)",
  );
if (!available) console.warn("SKIP oci-render (S2): /usr/bin/docker-registry is absent");

async function hcp(env: TestEnv, ...argv: string[]) {
  const io = createCapturedIo({ env: env.env, cwd: env.work });
  const code = await run(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe.skipIf(!built || !available)("S2: render from the cache after an OCI download", () => {
  let env: TestEnv;
  let registry: TestRegistry;
  beforeAll(async () => {
    env = await createTestEnv();
    registry = (await startRegistry()) as TestRegistry;
  });
  afterAll(async () => {
    await registry?.stop();
    await env?.[Symbol.asyncDispose]();
  });

  // TODO(#6): a plain test once `hcp template` runs render plugins from the cache
  // (action/template.ts → resolveCachedPlugin); until then the .pkl files pass through the
  // built-in engine unrendered and the release-name assertion fails. `bun test --todo` runs it.
  test.todo("push, dependency update --plain-http, template: Deployment rendered by the plugin", async () => {
    const pack = await hcp(env, "plugin", "package", PLUGIN_DIR, "-d", env.work, "--sign=false");
    expect(pack.code).toBe(0);
    const version = /version:\s*(\S+)/.exec(
      await readFile(join(PLUGIN_DIR, "plugin.yaml"), "utf8"),
    )?.[1];
    const tgz = join(env.work, `varsubst-render-${version}.tgz`);
    expect(
      (await hcp(env, "plugin", "push", tgz, `oci://${registry.host}/plugins`, "--plain-http"))
        .code,
    ).toBe(0);

    const chartDir = join(env.work, "varsubst-chart");
    await cp(join(REPO_ROOT, "charts/varsubst-chart"), chartDir, { recursive: true });
    await rm(join(chartDir, "Chart.lock"), { force: true });
    const chartYaml = await readFile(join(chartDir, "Chart.yaml"), "utf8");
    await writeFile(
      join(chartDir, "Chart.yaml"),
      chartYaml.replace(
        /repository: \S+/,
        `repository: oci://${registry.host}/plugins/varsubst-render`,
      ),
    );
    const update = await hcp(env, "dependency", "update", "varsubst-chart", "--plain-http");
    expect(update.err).toBe("");
    expect(update.code).toBe(0);
    const files = await Array.fromAsync(
      new Bun.Glob("**/*.plugin").scan(join(env.cacheHome, "content")),
    );
    expect(files.length).toBe(1);

    const rendered = await hcp(env, "template", "my-release", "varsubst-chart");
    expect(rendered.err).toBe("");
    expect(rendered.code).toBe(0);
    expect(rendered.out).toContain("kind: Deployment");
    expect(rendered.out).toContain("name: my-release");
  });
});
