/**
 * `hcp dependency update|build|list` run in-process (run(argv, io)) against Debian's real
 * docker-registry (S1, S12, offline second run, build pinning) and the fault-injecting fake
 * registry (request counting, corrupt cache, missing digest, concurrent runs), plus file://
 * and https:// repositories.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { packagePluginDirectory } from "../../src/action/dependency-archive.ts";
import { createCapturedIo } from "../../src/cli/io.ts";
import { run } from "../../src/cli/run.ts";
import { createRegistryClient } from "../../src/registry/index.ts";
import { runInProcess } from "../helpers/cli.ts";
import { createTestEnv, type TestEnv } from "../helpers/env.ts";
import { hasDockerRegistry, startFakeRegistry, startRegistry } from "../helpers/registry.ts";

const available = await hasDockerRegistry();
if (!available)
  console.warn("SKIP oci-dependency (real registry part): /usr/bin/docker-registry is absent");

const WASM = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
const sha256 = (b: Uint8Array) => new Bun.CryptoHasher("sha256").update(b).digest("hex");

const hcp = (env: TestEnv, ...argv: string[]) => runInProcess(env, argv);

async function pluginDir(env: TestEnv, name: string, version = "0.1.0"): Promise<string> {
  const dir = join(env.work, "src", name);
  await mkdir(dir, { recursive: true });
  await writeFile(
    join(dir, "plugin.yaml"),
    `apiVersion: v1\nname: ${name}\nversion: ${version}\ntype: render/v1\nruntime: extism/v1\nconfig:\n  patterns:\n    - "templates/*.pkl"\n`,
  );
  await writeFile(join(dir, "plugin.wasm"), WASM);
  return dir;
}

/** Packages a plugin dir into work/<name>-<version>.tgz and returns path and bytes. */
async function pluginTarball(env: TestEnv, name: string, version = "0.1.0") {
  const { archive } = await packagePluginDirectory(await pluginDir(env, name, version));
  const path = join(env.work, `${name}-${version}.tgz`);
  await writeFile(path, archive);
  return { path, bytes: archive };
}

async function chart(
  env: TestEnv,
  plugins: { name: string; repository: string; version?: string }[],
) {
  const dir = join(env.work, "chart");
  await mkdir(join(dir, "templates"), { recursive: true });
  const entries = plugins
    .map(
      (p) =>
        `  - name: ${p.name}\n    type: render/v1\n    repository: ${p.repository}\n    version: ${p.version ?? "0.1.0"}\n`,
    )
    .join("");
  await writeFile(
    join(dir, "Chart.yaml"),
    `apiVersion: v2\nname: c\nversion: 1.0.0\nplugins:\n${entries}`,
  );
  return dir;
}

const lockOf = async (dir: string) => readFile(join(dir, "Chart.lock"), "utf8");
const cachePath = (env: TestEnv, hex: string) =>
  join(env.cacheHome, "content", hex.slice(0, 2), `${hex}.plugin`);

describe.skipIf(!available)("S1/S12: dependency update from a real registry", () => {
  let env: TestEnv;
  let registry: Awaited<ReturnType<typeof startRegistry>>;
  let tarballs: Record<string, Uint8Array>;
  let chartDir: string;

  beforeAll(async () => {
    env = await createTestEnv();
    registry = await startRegistry();
    tarballs = {};
    for (const name of ["varsubst-render", "sourcefiles-modifier"]) {
      const t = await pluginTarball(env, name);
      tarballs[name] = t.bytes;
      const pushed = await hcp(
        env,
        "plugin",
        "push",
        t.path,
        `oci://${registry?.host}/plugins`,
        "--plain-http",
      );
      expect(pushed.err).toBe("");
      expect(pushed.code).toBe(0);
      expect(pushed.out).toContain(`Pushed: ${registry?.host}/plugins/${name}:0.1.0`);
    }
    chartDir = await chart(
      env,
      Object.keys(tarballs).map((name) => ({
        name,
        repository: `oci://${registry?.host}/plugins/${name}`,
      })),
    );
  });
  afterAll(async () => {
    await registry?.stop();
    await env?.[Symbol.asyncDispose]();
  });

  test("update pulls both plugins, caches them by digest and pins them in Chart.lock", async () => {
    const r = await hcp(env, "dependency", "update", "chart", "--plain-http");
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toContain("Downloading 2 plugins\n");
    expect(r.out).toContain(
      `Downloading plugin varsubst-render version 0.1.0 from oci://${registry?.host}/plugins/varsubst-render\n`,
    );
    const lock = await lockOf(chartDir);
    for (const [name, bytes] of Object.entries(tarballs)) {
      const hex = sha256(bytes);
      expect(r.out).toContain(`Plugin ${name} version 0.1.0 cached (${hex.slice(0, 12)})\n`);
      expect(lock).toContain(`- digest: ${hex}\n  name: ${name}\n`);
      expect(Buffer.from(await readFile(cachePath(env, hex)))).toEqual(Buffer.from(bytes));
    }
    expect(lock).toContain(
      "digest: sha256:643d5437104296e21d906ecb15b2c96ad278f20cfc4af53b12bb6069bd853726\n",
    );
    expect(lock.indexOf("varsubst-render")).toBeLessThan(lock.indexOf("sourcefiles-modifier"));
    const list = await hcp(env, "dependency", "list", "chart");
    expect(list.out.split("\n").filter((l) => l.endsWith("\tok")).length).toBe(2);
  });

  test("build refuses bytes whose digest differs from the lock, and stores nothing", async () => {
    const lock = await lockOf(chartDir);
    const real = sha256(tarballs["varsubst-render"] as Uint8Array);
    const fake = "f".repeat(64);
    await writeFile(join(chartDir, "Chart.lock"), lock.replace(real, fake));
    try {
      const r = await hcp(env, "dependency", "build", "chart", "--plain-http");
      expect(r.code).toBe(1);
      expect(r.err).toContain('failed to download plugin "varsubst-render"');
      expect(r.err).toContain(
        `digest mismatch: Chart.lock pins sha256:${fake}, the download is sha256:${real}`,
      );
      expect(await Bun.file(cachePath(env, fake)).exists()).toBe(false);
    } finally {
      await writeFile(join(chartDir, "Chart.lock"), lock);
    }
  });

  test("build with an emptied cache downloads exactly the locked digests", async () => {
    await rm(join(env.cacheHome, "content"), { recursive: true, force: true });
    const before = await lockOf(chartDir);
    const r = await hcp(env, "dependency", "build", "chart", "--plain-http");
    expect(r.code).toBe(0);
    expect(await lockOf(chartDir)).toBe(before);
    for (const bytes of Object.values(tarballs))
      expect(await Bun.file(cachePath(env, sha256(bytes))).exists()).toBe(true);
  });

  test("a second update with everything cached needs no registry at all", async () => {
    const before = await lockOf(chartDir);
    await registry?.stop();
    const r = await hcp(env, "dependency", "update", "chart", "--plain-http");
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).not.toContain("Downloading plugin");
    expect(await lockOf(chartDir)).toBe(before);
  });

  test("with the registry down, a needed download fails and Chart.lock is left as it was", async () => {
    const before = await lockOf(chartDir);
    await rm(join(env.cacheHome, "content"), { recursive: true, force: true });
    const r = await hcp(env, "dependency", "update", "chart", "--plain-http");
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /Error: failed to download plugin "varsubst-render": failed to pull plugin "oci:\/\/127\.0\.0\.1:\d+\/plugins\/varsubst-render:0\.1\.0"/,
    );
    expect(r.err).toContain("hint: is the registry running");
    expect(await lockOf(chartDir)).toBe(before);
  });
});

describe("dependency update against the fake registry", () => {
  let env: TestEnv;
  const reg = startFakeRegistry();
  let tarball: Uint8Array;
  let chartDir: string;
  const blobGets = () =>
    reg.requests.filter((r) => r.startsWith("GET") && r.includes("/blobs/sha256")).length;

  beforeAll(async () => {
    env = await createTestEnv();
    tarball = (await pluginTarball(env, "echo-render")).bytes;
    const client = (await import("../../src/registry/index.ts")).createRegistryClient({
      plainHttp: true,
    });
    await client.pushPlugin(`oci://${reg.host}/plugins/echo-render:0.1.0`, tarball);
    chartDir = await chart(env, [
      { name: "echo-render", repository: `oci://${reg.host}/plugins/echo-render` },
    ]);
  });
  afterAll(async () => {
    await reg.stop();
    await env?.[Symbol.asyncDispose]();
  });

  test("the second update makes no network request", async () => {
    expect((await hcp(env, "dependency", "update", "chart", "--plain-http")).code).toBe(0);
    const count = reg.requests.length;
    expect((await hcp(env, "dependency", "update", "chart", "--plain-http")).code).toBe(0);
    expect(reg.requests.length).toBe(count);
  });

  test("a cache file corrupted after download is reported by list and replaced by update", async () => {
    const hex = sha256(tarball);
    await writeFile(cachePath(env, hex), "garbage");
    const list = await hcp(env, "dependency", "list", "chart");
    expect(list.out).toMatch(/echo-render\s.*\tcorrupt\n/);
    const gets = blobGets();
    expect((await hcp(env, "dependency", "update", "chart", "--plain-http")).code).toBe(0);
    expect(blobGets()).toBe(gets + 1);
    expect(Buffer.from(await readFile(cachePath(env, hex)))).toEqual(Buffer.from(tarball));
  });

  test("a Chart.lock digest that is not cached shows as missing, and build fetches it", async () => {
    await rm(join(env.cacheHome, "content"), { recursive: true, force: true });
    expect((await hcp(env, "dependency", "list", "chart")).out).toMatch(/\tmissing\n/);
    expect((await hcp(env, "dependency", "build", "chart", "--plain-http")).code).toBe(0);
    expect((await hcp(env, "dependency", "list", "chart")).out).toMatch(/\tok\n/);
  });

  test("a truncated blob fails the update, nothing is cached, Chart.lock untouched", async () => {
    await rm(join(env.cacheHome, "content"), { recursive: true, force: true });
    const before = await lockOf(chartDir);
    reg.faults.shortBlob = true;
    try {
      const r = await hcp(env, "dependency", "update", "chart", "--plain-http");
      expect(r.code).toBe(1);
      expect(r.err).toContain("is truncated");
      expect(await Bun.file(cachePath(env, sha256(tarball))).exists()).toBe(false);
      expect(await lockOf(chartDir)).toBe(before);
    } finally {
      reg.faults.shortBlob = false;
    }
  });

  test("two concurrent updates on one cache both succeed and leave one intact entry", async () => {
    await rm(join(env.cacheHome, "content"), { recursive: true, force: true });
    await rm(join(chartDir, "Chart.lock"), { force: true });
    const [a, b] = await Promise.all([
      hcp(env, "dependency", "update", "chart", "--plain-http"),
      hcp(env, "dependency", "update", "chart", "--plain-http"),
    ]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const hex = sha256(tarball);
    expect(await readdir(join(env.cacheHome, "content", hex.slice(0, 2)))).toEqual([
      `${hex}.plugin`,
    ]);
    expect(await lockOf(chartDir)).toContain(`- digest: ${hex}\n`);
  });

  test("byte progress goes to stderr only when it is a TTY and NO_COLOR is unset", async () => {
    await rm(join(env.cacheHome, "content"), { recursive: true, force: true });
    const plain = await hcp(env, "dependency", "update", "chart", "--plain-http");
    expect(plain.err).toBe("");
    await rm(join(env.cacheHome, "content"), { recursive: true, force: true });
    const noColor = createCapturedIo({ env: env.env, cwd: env.work });
    await run(["dependency", "update", "chart", "--plain-http"], { ...noColor, stderrIsTTY: true });
    expect(noColor.err()).toBe("");
    await rm(join(env.cacheHome, "content"), { recursive: true, force: true });
    const io = createCapturedIo({ env: { ...env.env, NO_COLOR: undefined }, cwd: env.work });
    const code = await run(["dependency", "update", "chart", "--plain-http"], {
      ...io,
      stderrIsTTY: true,
    });
    expect(code).toBe(0);
    expect(io.err()).toContain(
      `\r\x1b[Kecho-render: 100% (${tarball.length}/${tarball.length} bytes)\n`,
    );
    expect(io.out()).not.toContain("%");
  });

  test("build without a Chart.lock behaves as update; build with a stale lock refuses", async () => {
    await rm(join(chartDir, "Chart.lock"), { force: true });
    const first = await hcp(env, "dependency", "build", "chart", "--plain-http");
    expect(first.code).toBe(0);
    expect(await lockOf(chartDir)).toContain(`- digest: ${sha256(tarball)}\n`);
    const lock = await lockOf(chartDir);
    await writeFile(join(chartDir, "Chart.lock"), lock.replace("version: 0.1.0", "version: 0.0.1"));
    const stale = await hcp(env, "dependency", "build", "chart", "--plain-http");
    expect(stale.code).toBe(1);
    expect(stale.err).toContain(
      "the lock file (Chart.lock) is out of sync with the plugins in Chart.yaml",
    );
    expect(stale.err).toContain("hint: run 'hcp dependency update'");
    await writeFile(join(chartDir, "Chart.lock"), lock);
  });

  test("changing the version in Chart.yaml makes update pull again", async () => {
    const t2 = (await pluginTarball(env, "echo-render", "0.2.0")).bytes;
    const client = (await import("../../src/registry/index.ts")).createRegistryClient({
      plainHttp: true,
    });
    await client.pushPlugin(`oci://${reg.host}/plugins/echo-render:0.2.0`, t2);
    await chart(env, [
      {
        name: "echo-render",
        repository: `oci://${reg.host}/plugins/echo-render`,
        version: "0.2.0",
      },
    ]);
    expect((await hcp(env, "dependency", "list", "chart")).out).toMatch(/\tlock out of date\n/);
    const r = await hcp(env, "dependency", "update", "chart", "--plain-http");
    expect(r.code).toBe(0);
    expect(await lockOf(chartDir)).toContain(`- digest: ${sha256(t2)}\n`);
    expect(await lockOf(chartDir)).toContain("version: 0.2.0\n");
  });
});

describe("file:// and https:// repositories", () => {
  test("a file:// plugin directory is packaged like `hcp plugin package` and pinned", async () => {
    await using env = await createTestEnv();
    const dir = await pluginDir(env, "local-render");
    const chartDir = await chart(env, [
      { name: "local-render", repository: "file://../src/local-render" },
    ]);
    const r = await hcp(env, "dependency", "update", "chart");
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const { archive } = await packagePluginDirectory(dir);
    expect(await lockOf(chartDir)).toContain(`- digest: ${sha256(archive)}\n`);
    expect(await Bun.file(cachePath(env, sha256(archive))).exists()).toBe(true);
  });

  test("a file:// tarball is cached with its .prov", async () => {
    await using env = await createTestEnv();
    const { path, bytes } = await pluginTarball(env, "tgz-render");
    await writeFile(`${path}.prov`, "PROV");
    await chart(env, [{ name: "tgz-render", repository: `file://${path}` }]);
    expect((await hcp(env, "dependency", "update", "chart")).code).toBe(0);
    const hex = sha256(bytes);
    expect(
      await readFile(join(env.cacheHome, "content", hex.slice(0, 2), `${hex}.prov`), "utf8"),
    ).toBe("PROV");
  });

  test("an https-style URL of a .tgz is fetched (plain http on 127.0.0.1)", async () => {
    await using env = await createTestEnv();
    const { bytes } = await pluginTarball(env, "web-render");
    const server = Bun.serve({
      hostname: "127.0.0.1",
      port: 0,
      fetch: (req) =>
        new URL(req.url).pathname === "/p/web-render-0.1.0.tgz"
          ? new Response(bytes)
          : new Response("no", { status: 404 }),
    });
    try {
      const chartDir = await chart(env, [
        { name: "web-render", repository: `http://127.0.0.1:${server.port}/p` },
      ]);
      const r = await hcp(env, "dependency", "update", "chart");
      expect(r.code).toBe(0);
      expect(await lockOf(chartDir)).toContain(`- digest: ${sha256(bytes)}\n`);
    } finally {
      await server.stop(true);
    }
  });

  test.each([
    {
      name: "a missing repository (N5)",
      yaml: "  - name: p\n    type: render/v1\n    version: 0.1.0\n",
      want: "plugins[0]: repository is required",
    },
    {
      name: "a duplicate name",
      yaml: "  - {name: p, type: render/v1, repository: file://x}\n  - {name: p, type: render/v1, repository: file://y}\n",
      want: 'duplicate plugin name "p"',
    },
    {
      name: "an unknown type",
      yaml: "  - {name: p, type: magic/v9, repository: file://x}\n",
      want: 'unsupported plugin type "magic/v9" (supported: ',
    },
    {
      name: "an unsupported scheme",
      yaml: "  - {name: p, type: render/v1, repository: ftp://x/p, version: 1.0.0}\n",
      want: 'unsupported repository "ftp://x/p"',
    },
  ])("Chart.yaml with $name fails with a message naming it", async ({ yaml, want }) => {
    await using env = await createTestEnv();
    await mkdir(join(env.work, "chart"), { recursive: true });
    await writeFile(
      join(env.work, "chart", "Chart.yaml"),
      `apiVersion: v2\nname: c\nversion: 1.0.0\nplugins:\n${yaml}`,
    );
    const r = await hcp(env, "dependency", "update", "chart");
    expect(r.code).toBe(1);
    expect(r.err).toContain(want);
    expect(await Bun.file(join(env.work, "chart", "Chart.lock")).exists()).toBe(false);
  });
});

describe("dependency update --verify", () => {
  const keys = join(import.meta.dir, "../../keys");
  test("a signed plugin passes, an unsigned one and a wrong keyring fail before Chart.lock is written", async () => {
    await using env = await createTestEnv();
    await using reg = startFakeRegistry();
    const signedDir = await pluginDir(env, "signed-render");
    const pack = await hcp(
      env,
      "plugin",
      "package",
      signedDir,
      "-d",
      env.work,
      "--key",
      "hcp-test-key@example.invalid",
      "--keyring",
      join(keys, "hcp-test.sec.gpg"),
    );
    expect(pack.code).toBe(0);
    const tgz = join(env.work, "signed-render-0.1.0.tgz");
    expect(
      (await hcp(env, "plugin", "push", tgz, `oci://${reg.host}/plugins`, "--plain-http")).code,
    ).toBe(0);
    const chartDir = await chart(env, [
      { name: "signed-render", repository: `oci://${reg.host}/plugins/signed-render` },
    ]);

    // `dependency update --verify` against the test keyring, run three times below.
    const updateVerified = () =>
      hcp(
        env,
        "dependency",
        "update",
        "chart",
        "--plain-http",
        "--verify",
        "--keyring",
        join(keys, "hcp-test.pub.gpg"),
      );
    const ok = await updateVerified();
    expect(ok.err).toBe("");
    expect(ok.code).toBe(0);
    expect(await Bun.file(join(chartDir, "Chart.lock")).exists()).toBe(true);
    // cached now: --verify still checks the cached bytes against the cached .prov
    const hex = sha256(new Uint8Array(await readFile(tgz)));
    await writeFile(
      join(env.cacheHome, "content", hex.slice(0, 2), `${hex}.prov`),
      "not a signature",
    );
    const tampered = await updateVerified();
    expect(tampered.code).toBe(1);
    expect(tampered.err).toContain(
      'failed to download plugin "signed-render": plugin verification failed',
    );

    const { bytes } = await pluginTarball(env, "unsigned-render");
    await createRegistryClient({ plainHttp: true }).pushPlugin(
      `oci://${reg.host}/plugins/unsigned-render:0.1.0`,
      bytes,
    );
    const unsignedChart = await chart(env, [
      { name: "unsigned-render", repository: `oci://${reg.host}/plugins/unsigned-render` },
    ]);
    const unsigned = await updateVerified();
    expect(unsigned.code).toBe(1);
    expect(unsigned.err).toContain("plugin verification failed: no provenance file (.prov) found");
    expect(await readFile(join(unsignedChart, "Chart.lock"), "utf8")).not.toContain(
      "unsigned-render",
    );
    expect(
      (await hcp(env, "dependency", "update", "chart", "--plain-http", "--verify=false")).code,
    ).toBe(0);
  });
});

describe("Helm's wording at the edges", () => {
  test("a missing chart directory, and a chart with neither plugins nor dependencies", async () => {
    await using env = await createTestEnv();
    const missing = await hcp(env, "dependency", "update", "nope");
    expect(missing.code).toBe(1);
    expect(missing.err).toBe("Error: could not find nope: stat nope: no such file or directory\n");
    await mkdir(join(env.work, "plain"), { recursive: true });
    await writeFile(
      join(env.work, "plain", "Chart.yaml"),
      "apiVersion: v2\nname: plain\nversion: 1.0.0\n",
    );
    expect(await hcp(env, "dependency", "update", "plain")).toEqual({ code: 0, out: "", err: "" });
    expect(await Bun.file(join(env.work, "plain", "Chart.lock")).exists()).toBe(false);
    expect(await hcp(env, "dependency", "list", "plain")).toEqual({
      code: 0,
      out: "WARNING: no dependencies at plain/charts\n",
      err: "",
    });
  });
});
