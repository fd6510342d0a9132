/**
 * Attack class: a verification cache that trusts too much, and openpgp.js loaded where it is
 * not needed. A warm trust check must answer from the cache without loading openpgp.js, and
 * any change to the archive, the .prov or the keyring must go back to a full check (so a
 * cache hit can never turn a failing verdict into a passing one).
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { loadKeyring, loadSigner, signPluginArchive } from "../../src/provenance/index.ts";

const REPO = join(import.meta.dir, "../..");
const KEYS = join(REPO, "keys");
const WARM_GATE = join(REPO, "test/fixtures/provenance/warm-gate.ts");
const OTHER_KEY = join(REPO, "test/fixtures/provenance/helm-4.1.4/keys/signer-b.pub.gpg");

async function sourceFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await sourceFiles(path)));
    else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts")) out.push(path);
  }
  return out;
}

describe("openpgp.js is imported in one place, lazily", () => {
  test("no source file but src/provenance/openpgp.ts imports openpgp as a value", async () => {
    const offenders: string[] = [];
    for (const file of await sourceFiles(join(REPO, "src"))) {
      const text = await readFile(file, "utf8");
      const staticValue = /^\s*import\s+(?!type\b)[^;]*from\s+["']openpgp["']/m.test(text);
      const dynamic = /import\(\s*["']openpgp["']\s*\)/.test(text);
      if (staticValue || (dynamic && !file.endsWith("src/provenance/openpgp.ts"))) {
        offenders.push(relative(REPO, file));
      }
    }
    expect(offenders).toEqual([]);
  });
});

describe("warm trust checks come from the cache, and only for unchanged inputs", () => {
  let root = "";
  let pluginDir = "";
  let keyring = "";
  let cacheHome = "";
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "hcp-prov-warm-"));
    const plugins = join(root, "plugins");
    pluginDir = join(plugins, "warm");
    cacheHome = join(root, "cache");
    keyring = join(root, "trusted.gpg");
    await copyFile(join(KEYS, "hcp-test.pub.gpg"), keyring);
    await mkdir(pluginDir, { recursive: true });
    await writeFile(
      join(pluginDir, "plugin.yaml"),
      "apiVersion: v1\nname: warm\nversion: 1.0.0\ntype: cli/v1\nruntime: extism/v1\n",
    );
    await writeFile(
      join(pluginDir, "plugin.wasm"),
      new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]),
    );
    const tarball = join(plugins, "warm-1.0.0.tgz");
    expect(Bun.spawnSync(["tar", "-C", plugins, "-czf", tarball, "warm"]).exitCode).toBe(0);
    const signer = await loadSigner({
      keyring: await loadKeyring(join(KEYS, "hcp-test.sec.gpg")),
      key: "hcp-test-key@example.invalid",
    });
    const archive = await Bun.file(tarball).bytes();
    await writeFile(
      `${tarball}.prov`,
      await signPluginArchive({ archive, filename: "warm-1.0.0.tgz", metadata: "", signer }),
    );
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  async function runGate(): Promise<{ passed: boolean; openpgpLoaded: boolean }> {
    const proc = Bun.spawn(["bun", WARM_GATE, pluginDir, keyring, cacheHome], {
      stdout: "pipe",
      stderr: "pipe",
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: root, NO_COLOR: "1" },
    });
    const [out, err, code] = await Promise.all([
      new Response(proc.stdout).text(),
      new Response(proc.stderr).text(),
      proc.exited,
    ]);
    expect(err).toBe("");
    expect(code).toBe(0);
    return JSON.parse(out);
  }

  test("cold check loads openpgp; the warm one does not, and both pass", async () => {
    expect(await runGate()).toEqual(expect.objectContaining({ passed: true, openpgpLoaded: true }));
    expect(await runGate()).toEqual(
      expect.objectContaining({ passed: true, openpgpLoaded: false }),
    );
  });

  test("a keyring without the signer is a cache miss and fails", async () => {
    await runGate();
    const original = await readFile(keyring);
    await copyFile(OTHER_KEY, keyring);
    try {
      expect(await runGate()).toEqual(
        expect.objectContaining({ passed: false, openpgpLoaded: true }),
      );
    } finally {
      await writeFile(keyring, original);
    }
  });

  test("an edited .prov is a cache miss and fails", async () => {
    await runGate();
    const provPath = join(root, "plugins/warm-1.0.0.tgz.prov");
    const original = await readFile(provPath, "utf8");
    await writeFile(provPath, original.replace("files:", "files:\n  other.tgz: sha256:00"));
    try {
      expect((await runGate()).passed).toBe(false);
    } finally {
      await writeFile(provPath, original);
    }
    expect((await runGate()).passed).toBe(true);
  });

  test("failures are never written to the cache", async () => {
    const cacheDir = join(cacheHome, "hcp-provenance");
    const before = (await readdir(cacheDir)).sort();
    await copyFile(OTHER_KEY, keyring);
    try {
      await runGate();
    } finally {
      await copyFile(join(KEYS, "hcp-test.pub.gpg"), keyring);
    }
    expect((await readdir(cacheDir)).sort()).toEqual(before);
  });
});
