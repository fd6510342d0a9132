/**
 * dist/hcp `dependency update` as a real process: killed with SIGKILL in the middle of a
 * download and rerun, and two runs at once on one cache. Neither the cache nor Chart.lock
 * may ever be half-written. Skips visibly when dist/hcp has not been built.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { packagePluginDirectory } from "../../src/action/dependency-archive.ts";
import { createRegistryClient } from "../../src/registry/index.ts";
import { createTestEnv, HCP_BIN, hasHcpBinary, runProcess, type TestEnv } from "../helpers/env.ts";
import { type FakeRegistry, startFakeRegistry } from "../helpers/registry.ts";

const built = hasHcpBinary("dependency-crash");

const sha256 = (b: Uint8Array) => new Bun.CryptoHasher("sha256").update(b).digest("hex");

describe.skipIf(!built)("dependency update as a process", () => {
  let env: TestEnv;
  let reg: FakeRegistry;
  let tarball: Uint8Array;
  let chartDir: string;
  const content = () => join(env.cacheHome, "content");

  beforeAll(async () => {
    env = await createTestEnv();
    reg = startFakeRegistry();
    const dir = join(env.work, "src", "big-render");
    await mkdir(dir, { recursive: true });
    await writeFile(
      join(dir, "plugin.yaml"),
      "apiVersion: v1\nname: big-render\nversion: 0.1.0\ntype: render/v1\nruntime: extism/v1\nconfig:\n  patterns: [templates/*.pkl]\n",
    );
    // incompressible, so the blob is large enough to be cut in the middle
    await writeFile(join(dir, "plugin.wasm"), crypto.getRandomValues(new Uint8Array(60_000)));
    tarball = (await packagePluginDirectory(dir)).archive;
    await createRegistryClient({ plainHttp: true }).pushPlugin(
      `oci://${reg.host}/plugins/big-render:0.1.0`,
      tarball,
    );
    chartDir = join(env.work, "chart");
    await mkdir(chartDir, { recursive: true });
    await writeFile(
      join(chartDir, "Chart.yaml"),
      `apiVersion: v2\nname: c\nversion: 1.0.0\nplugins:\n  - name: big-render\n    type: render/v1\n    repository: oci://${reg.host}/plugins/big-render\n    version: 0.1.0\n`,
    );
  });
  afterAll(async () => {
    await reg?.stop();
    await env?.[Symbol.asyncDispose]();
  });

  test("kill -9 mid-download leaves no lock and no cache entry; a rerun completes", async () => {
    reg.faults.stallBlob = true;
    const proc = Bun.spawn([HCP_BIN, "dependency", "update", "chart", "--plain-http"], {
      env: env.env,
      cwd: env.work,
      stdout: "pipe",
      stderr: "pipe",
    });
    // wait until the child is inside the blob download (the registry has sent half of it)
    for (
      let i = 0;
      i < 400 && !reg.requests.some((r) => r.startsWith("GET") && r.includes("/blobs/sha256"));
      i++
    ) {
      await Bun.sleep(25);
    }
    expect(reg.requests.some((r) => r.startsWith("GET") && r.includes("/blobs/sha256"))).toBe(true);
    proc.kill("SIGKILL");
    expect(await proc.exited).not.toBe(0);
    reg.faults.stallBlob = false;

    expect(await Bun.file(join(chartDir, "Chart.lock")).exists()).toBe(false);
    const files = await readdir(content(), { recursive: true }).catch(() => [] as string[]);
    expect(files.filter((f) => f.endsWith(".plugin"))).toEqual([]);

    const rerun = await runProcess([HCP_BIN, "dependency", "update", "chart", "--plain-http"], {
      env: env.env,
      cwd: env.work,
    });
    expect(rerun.stderr).toBe("");
    expect(rerun.exitCode).toBe(0);
    const hex = sha256(tarball);
    expect(await readFile(join(chartDir, "Chart.lock"), "utf8")).toContain(`- digest: ${hex}\n`);
    expect(
      sha256(new Uint8Array(await readFile(join(content(), hex.slice(0, 2), `${hex}.plugin`)))),
    ).toBe(hex);
  });

  test("two processes updating the same chart and cache at once both succeed", async () => {
    await rm(content(), { recursive: true, force: true });
    await rm(join(chartDir, "Chart.lock"), { force: true });
    const runs = await Promise.all(
      [0, 1].map(() =>
        runProcess([HCP_BIN, "dependency", "update", "chart", "--plain-http"], {
          env: env.env,
          cwd: env.work,
        }),
      ),
    );
    expect(runs.map((r) => r.exitCode)).toEqual([0, 0]);
    const hex = sha256(tarball);
    expect(await readdir(join(content(), hex.slice(0, 2)))).toEqual([`${hex}.plugin`]);
    const lock = await readFile(join(chartDir, "Chart.lock"), "utf8");
    expect(lock).toContain(`- digest: ${hex}\n`);
    expect(lock.endsWith("version: 0.1.0\n")).toBe(true);
  });
});
