/**
 * `hcp registry login|logout` against docker-registry with htpasswd auth, compared with
 * reference Helm 4.1.4: same messages, same config file, and the stored credentials are
 * what later pulls and pushes use.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { runInProcess } from "../helpers/cli.ts";
import { createTestEnv, findReferenceHelm, runProcess, type TestEnv } from "../helpers/env.ts";
import { hasDockerRegistry, startRegistry, type TestRegistry } from "../helpers/registry.ts";

const available = await hasDockerRegistry();
if (!available) console.warn("SKIP oci-login: /usr/bin/docker-registry is absent");
const helm = await findReferenceHelm();
if (!helm) console.warn("SKIP oci-login parity part: reference Helm is absent");

const hcp = runInProcess;

describe.skipIf(!available)("hcp registry login/logout", () => {
  let registry: TestRegistry;
  let env: TestEnv;
  const configPath = () => join(env.configHome, "registry", "config.json");
  beforeAll(async () => {
    registry = (await startRegistry({
      auth: { username: "alice", password: "s3cret" },
    })) as TestRegistry;
    env = await createTestEnv();
  });
  afterAll(async () => {
    await registry?.stop();
    await env?.[Symbol.asyncDispose]();
  });

  test("a wrong password is refused and nothing is stored", async () => {
    const r = await hcp(
      env,
      ["registry", "login", registry.host, "-u", "alice", "--password-stdin", "--plain-http"],
      "nope\n",
    );
    expect(r.code).toBe(1);
    expect(r.err).toContain(`Error: authenticating to "${registry.host}": `);
    expect(r.err).toContain("401");
    expect(await Bun.file(configPath()).exists()).toBe(false);
  });

  test("login stores base64 credentials (0600) that dependency/pull then use; logout removes them", async () => {
    const login = await hcp(
      env,
      ["registry", "login", registry.host, "-u", "alice", "--password-stdin", "--plain-http"],
      "s3cret\n",
    );
    expect(login).toEqual({ code: 0, out: "", err: "Login Succeeded\n" });
    const config = JSON.parse(await readFile(configPath(), "utf8"));
    expect(config).toEqual({ auths: { [registry.host]: { auth: btoa("alice:s3cret") } } });
    expect((await stat(configPath())).mode & 0o777).toBe(0o600);

    const { createRegistryClient, readRegistryConfig } = await import(
      "../../src/registry/index.ts"
    );
    expect(Object.keys((await readRegistryConfig(configPath())).auths)).toEqual([registry.host]);
    const tarball = await new Bun.Archive(
      {
        "auth-p/plugin.yaml":
          "apiVersion: v1\nname: auth-p\nversion: 0.1.0\ntype: cli/v1\nruntime: subprocess\n",
      },
      { compress: "gzip" },
    ).bytes();
    const client = createRegistryClient({ plainHttp: true, registryConfig: configPath() });
    await client.pushPlugin(`oci://${registry.host}/plugins/auth-p:0.1.0`, tarball);

    const logout = await hcp(env, ["registry", "logout", registry.host]);
    expect(logout).toEqual({
      code: 0,
      out: "",
      err: `Removing login credentials for ${registry.host}\n`,
    });
    expect(JSON.parse(await readFile(configPath(), "utf8"))).toEqual({ auths: {} });
    const anonymous = createRegistryClient({ plainHttp: true, registryConfig: configPath() });
    const err = await anonymous
      .pullPlugin(`oci://${registry.host}/plugins/auth-p:0.1.0`)
      .catch((e) => e);
    expect(err.cause.code).toBe("OCI_UNAUTHORIZED");
  });

  test.skipIf(!helm)(
    "hcp reads what helm registry login wrote, and helm accepts hcp's file",
    async () => {
      await using helmEnv = await createTestEnv();
      const login = await runProcess(
        [
          helm as string,
          "registry",
          "login",
          registry.host,
          "-u",
          "alice",
          "--password-stdin",
          "--plain-http",
        ],
        { env: helmEnv.env, stdin: "s3cret\n" },
      );
      expect(login.exitCode).toBe(0);
      const helmFile = await readFile(join(helmEnv.configHome, "registry", "config.json"), "utf8");
      // hcp login writes the same document
      await using hcpEnv = await createTestEnv();
      const r = await hcp(
        hcpEnv,
        ["registry", "login", registry.host, "-u", "alice", "--password-stdin", "--plain-http"],
        "s3cret\n",
      );
      expect(r.code).toBe(0);
      expect(
        JSON.parse(await readFile(join(hcpEnv.configHome, "registry", "config.json"), "utf8")),
      ).toEqual(JSON.parse(helmFile));
      // helm logs out of hcp's file
      const out = await runProcess([helm as string, "registry", "logout", registry.host], {
        env: hcpEnv.env,
      });
      expect(out.exitCode).toBe(0);
      expect(out.stderr).toBe(`Removing login credentials for ${registry.host}\n`);
    },
  );
});
