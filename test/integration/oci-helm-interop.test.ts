/**
 * Interop with reference Helm 4.1.4 through a real docker-registry on 127.0.0.1:
 * - a plugin packaged and signed by hcp and pushed by `hcp plugin push` installs with
 *   `helm plugin install oci://… --plain-http`, signature verified, and runs under helm;
 * - a tarball made by `helm plugin package` pushed by hcp comes back byte for byte and
 *   installs with helm;
 * - the manifest hcp pushes has the shape Helm's PullPlugin accepts (golden).
 * Skips visibly without the registry binary or reference Helm.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createRegistryClient } from "../../src/registry/index.ts";
import { runInProcess } from "../helpers/cli.ts";
import {
  createTestEnv,
  findReferenceHelm,
  REPO_ROOT,
  runProcess,
  type TestEnv,
} from "../helpers/env.ts";
import {
  hasDockerRegistry,
  startFakeRegistry,
  startRegistry,
  type TestRegistry,
} from "../helpers/registry.ts";

const helm = await findReferenceHelm();
const hasRegistry = await hasDockerRegistry();
if (!helm)
  console.warn("SKIP oci-helm-interop: reference Helm is absent (run ../shared/tools/get-helm.sh)");
if (!hasRegistry) console.warn("SKIP oci-helm-interop: /usr/bin/docker-registry is absent");

const PUBRING = join(REPO_ROOT, "keys/hcp-test.pub.gpg");
const SECRING = join(REPO_ROOT, "keys/hcp-test.sec.gpg");

const hcp = (env: TestEnv, ...argv: string[]) => runInProcess(env, argv);

async function cliPlugin(env: TestEnv, name: string, version: string): Promise<string> {
  const dir = join(env.work, "src", name);
  await mkdir(dir, { recursive: true });
  await writeFile(
    join(dir, "plugin.yaml"),
    `apiVersion: v1\nname: ${name}\nversion: ${version}\ntype: cli/v1\nruntime: subprocess\nconfig:\n  usage: ${name}\n  shortHelp: says hello\nruntimeConfig:\n  platformCommand:\n    - command: echo\n      args: ["hello from ${name}"]\n`,
  );
  return dir;
}

describe.skipIf(!helm || !hasRegistry)("hcp push ↔ helm install", () => {
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

  test("a plugin signed and pushed by hcp installs with helm, signature verified, and runs", async () => {
    const dir = await cliPlugin(env, "hello-hcp", "0.1.0");
    const pack = await hcp(
      env,
      "plugin",
      "package",
      dir,
      "-d",
      env.work,
      "--key",
      "hcp-test-key@example.invalid",
      "--keyring",
      SECRING,
    );
    expect(pack.code).toBe(0);
    const tgz = join(env.work, "hello-hcp-0.1.0.tgz");
    expect(await Bun.file(`${tgz}.prov`).exists()).toBe(true);
    const push = await hcp(
      env,
      "plugin",
      "push",
      tgz,
      `oci://${registry.host}/plugins`,
      "--plain-http",
    );
    expect(push.code).toBe(0);
    expect(push.out).toContain("Provenance: hello-hcp-0.1.0.tgz.prov\n");

    const install = await runProcess(
      [
        helm as string,
        "plugin",
        "install",
        `oci://${registry.host}/plugins/hello-hcp:0.1.0`,
        "--plain-http",
        "--keyring",
        PUBRING,
      ],
      { env: env.env },
    );
    expect(install.stderr).toBe("");
    expect(install.exitCode).toBe(0);
    expect(install.stdout).toContain("Verifying plugin signature...");
    expect(install.stdout).toContain("Plugin Hash Verified: sha256:");
    expect(install.stdout).toContain("Installed plugin: hello-hcp");
    const ran = await runProcess([helm as string, "hello-hcp"], { env: env.env });
    expect(ran.stdout).toBe("hello from hello-hcp\n");
  });

  test("a tarball made by `helm plugin package` round-trips through hcp push and pull", async () => {
    const dir = await cliPlugin(env, "hello-helm", "1.2.3");
    const pack = await runProcess(
      [helm as string, "plugin", "package", dir, "-d", env.work, "--sign=false"],
      { env: env.env },
    );
    expect(pack.exitCode).toBe(0);
    const tgz = join(env.work, "hello-helm-1.2.3.tgz");
    const push = await hcp(
      env,
      "plugin",
      "push",
      tgz,
      `oci://${registry.host}/helm-made`,
      "--plain-http",
    );
    expect(push.code).toBe(0);
    const pulled = await createRegistryClient({ plainHttp: true }).pullPlugin(
      `oci://${registry.host}/helm-made/hello-helm:1.2.3`,
    );
    expect(Buffer.from(pulled.tarball)).toEqual(await readFile(tgz));
    const install = await runProcess(
      [
        helm as string,
        "plugin",
        "install",
        `oci://${registry.host}/helm-made/hello-helm:1.2.3`,
        "--plain-http",
        "--verify=false",
      ],
      { env: env.env },
    );
    expect(install.exitCode).toBe(0);
    expect((await runProcess([helm as string, "hello-helm"], { env: env.env })).stdout).toBe(
      "hello from hello-helm\n",
    );
  });
});

test("the manifest hcp pushes has Helm 4's plugin artifact shape (golden)", async () => {
  await using reg = startFakeRegistry();
  const client = createRegistryClient({ plainHttp: true });
  const pushed = await client.pushPlugin(
    `oci://${reg.host}/plugins/echo:0.1.0`,
    new TextEncoder().encode("tarball bytes"),
    new TextEncoder().encode("prov bytes"),
  );
  const golden = join(REPO_ROOT, "test/golden/registry/plugin-manifest.json");
  const actual = `${JSON.stringify(pushed.manifest, null, 2)}\n`;
  if (process.env.UPDATE_GOLDEN === "1") await Bun.write(golden, actual);
  expect(actual).toBe(await readFile(golden, "utf8"));
});
