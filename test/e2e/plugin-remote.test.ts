/**
 * Installing plugins over the network, through dist/hcp, against servers on 127.0.0.1: an
 * http server with .tgz + .prov (Helm's http/* vectors), and OCI registries (the in-process
 * fake for faults, plus the real docker-registry when installed).
 */
import { describe, expect, test } from "bun:test";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import {
  createTestEnv,
  HCP_BIN,
  hasHcpBinary,
  REPO_ROOT,
  runHcp,
  runProcess,
} from "../helpers/env.ts";
import { hasDockerRegistry, startFakeRegistry, startRegistry } from "../helpers/registry.ts";

const VECTORS = join(REPO_ROOT, "test/fixtures/provenance/helm-4.1.4");
const KEYRING = join(VECTORS, "keys/signer-a.pub.gpg");
const TGZ = join(VECTORS, "packaged/hello-v1-0.1.0.tgz");
const haveBinary = hasHcpBinary("plugin remote e2e");
const e2e = haveBinary ? describe : describe.skip;

const VERIFIED =
  "Verifying plugin signature...\nSigned by: Test Signer A <signer-a@example.com>\nUsing Key With Fingerprint: 1B8E28E266486B58087B1190F6CB20D81F4B56FD\nPlugin Hash Verified: sha256:07713c73c68a61b9bb4909e76da601c8b4c0e6f06e69cc72483ab9d414aa02ea\n";

async function serveFiles(
  files: Record<string, Uint8Array | undefined>,
  types: Record<string, string> = {},
) {
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    fetch(req) {
      const path = new URL(req.url).pathname;
      const body = files[path];
      if (!body) return new Response("not found", { status: 404 });
      return new Response(req.method === "HEAD" ? null : body, {
        headers: { "content-type": types[path] ?? "application/octet-stream" },
      });
    },
  });
  return {
    url: `http://127.0.0.1:${server.port}`,
    async [Symbol.asyncDispose]() {
      await server.stop(true);
    },
  };
}

e2e("hcp plugin install from http(s) URLs", () => {
  test("verifies with the .prov next to the URL and installs (Helm's http/verified)", async () => {
    await using env = await createTestEnv({ prefix: "hcp-e2e-http-" });
    const tgz = new Uint8Array(await readFile(TGZ));
    await using server = await serveFiles(
      {
        "/hello-v1-0.1.0.tgz": tgz,
        "/hello-v1-0.1.0.tgz.prov": new Uint8Array(await readFile(`${TGZ}.prov`)),
        "/download": tgz,
        "/noprov/hello-v1-0.1.0.tgz": tgz,
      },
      { "/download": "application/gzip" },
    );
    const hcp = (...args: string[]) => runHcp(env, args);

    const result = await hcp(
      "plugin",
      "install",
      `${server.url}/hello-v1-0.1.0.tgz`,
      "--keyring",
      KEYRING,
    );
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe(
      `${VERIFIED}hello-v1 install hook: hello-v1 ${join(env.pluginsDir, "hello-v1")}\nInstalled plugin: hello-v1\n`,
    );
    expect((await readdir(env.pluginsDir)).sort()).toEqual([
      ".hcp-sources",
      "hello-v1",
      "hello-v1-0.1.0.tgz",
      "hello-v1-0.1.0.tgz.prov",
    ]);
    expect((await hcp("plugin", "list")).stdout).toContain("\tsigned    \t");
    expect((await hcp("plugin", "update", "hello-v1")).stdout).toEndWith(
      "Updated plugin: hello-v1\n",
    );
    await hcp("plugin", "uninstall", "hello-v1");

    // No .prov on the server: refused with --verify, installed with --verify=false.
    const noprov = await hcp(
      "plugin",
      "install",
      `${server.url}/noprov/hello-v1-0.1.0.tgz`,
      "--keyring",
      KEYRING,
    );
    expect(noprov.exitCode).toBe(1);
    expect(noprov.stderr).toStartWith(
      "Error: plugin verification failed: no provenance file (.prov) found\n",
    );

    // A URL without an archive suffix is accepted when HEAD says gzip, but cannot be verified.
    const unverifiable = await hcp("plugin", "install", `${server.url}/download`);
    expect(unverifiable.stderr).toStartWith(
      "Error: plugin source does not support verification. Use --verify=false to skip verification\n",
    );
    const typed = await hcp("plugin", "install", `${server.url}/download`, "--verify=false");
    expect(typed.exitCode).toBe(0);
    expect(typed.stdout).toEndWith("Installed plugin: hello-v1\n");
  });

  test("a URL that is neither an archive nor gzip is refused like Helm", async () => {
    await using env = await createTestEnv({ prefix: "hcp-e2e-http-" });
    await using server = await serveFiles({});
    const url = `${server.url}/nothing-here`;
    const result = await runProcess([HCP_BIN, "plugin", "install", url], {
      env: env.env,
      cwd: env.work,
    });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toStartWith(
      `Error: cannot get information about plugin source "${url}" (if it's a local directory, does it exist?), last error was: Cannot detect VCS\n`,
    );
  });

  test("a 404 for the archive fails and leaves nothing behind", async () => {
    await using env = await createTestEnv({ prefix: "hcp-e2e-http-" });
    await using server = await serveFiles({});
    const result = await runProcess(
      [HCP_BIN, "plugin", "install", `${server.url}/gone-1.0.0.tgz`, "--verify=false"],
      { env: env.env, cwd: env.work },
    );
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain("404");
    expect(await readdir(env.pluginsDir)).toEqual([]);
  });
});

e2e("hcp plugin install from oci://", () => {
  test("push then install through the fake registry; a wrong digest leaves nothing behind", async () => {
    await using env = await createTestEnv({ prefix: "hcp-e2e-oci-" });
    await using registry = startFakeRegistry();
    const hcp = (...args: string[]) => runHcp(env, args);
    const push = await hcp("plugin", "push", TGZ, `oci://${registry.host}/plugins`, "--plain-http");
    expect(push.stderr).toBe("");
    expect(push.exitCode).toBe(0);
    const ref = `oci://${registry.host}/plugins/hello-v1:0.1.0`;
    const install = await hcp("plugin", "install", ref, "--plain-http", "--keyring", KEYRING);
    expect(install.stderr).toBe("");
    expect(install.stdout).toStartWith(VERIFIED);
    expect(install.stdout).toEndWith("Installed plugin: hello-v1\n");
    expect((await hcp("hello-v1", "x")).exitCode).toBe(0);
    expect((await hcp("plugin", "uninstall", "hello-v1")).exitCode).toBe(0);

    registry.faults.corruptBlob = true;
    const bad = await hcp("plugin", "install", ref, "--plain-http", "--verify=false");
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toContain("digest");
    expect((await readdir(env.pluginsDir)).filter((f) => f !== ".hcp-sources")).toEqual([]);
  });

  test("install from the real docker-registry", async () => {
    if (!(await hasDockerRegistry())) {
      console.warn("SKIP real-registry plugin install: docker-registry is not installed");
      return;
    }
    await using env = await createTestEnv({ prefix: "hcp-e2e-oci-real-" });
    const registry = await startRegistry();
    if (!registry) return;
    await using _ = registry;
    const hcp = (...args: string[]) => runHcp(env, args);
    expect(
      (await hcp("plugin", "push", TGZ, `oci://${registry.host}/plugins`, "--plain-http")).exitCode,
    ).toBe(0);
    const install = await hcp(
      "plugin",
      "install",
      `oci://${registry.host}/plugins/hello-v1:0.1.0`,
      "--plain-http",
      "--keyring",
      KEYRING,
    );
    expect(install.stderr).toBe("");
    expect(install.stdout).toEndWith("Installed plugin: hello-v1\n");
    expect((await hcp("plugin", "list")).stdout).toContain("\tsigned    \t");
  });
});
