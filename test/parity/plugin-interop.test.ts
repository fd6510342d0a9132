/**
 * Parity with the reference Helm 4 binary: plugin.yaml validation messages, tarball layout,
 * and real interop — a plugin packaged by hcp installs and runs under helm and vice versa,
 * and both list the same plugins from one data home.
 */
import { describe, expect, test } from "bun:test";
import { existsSync } from "node:fs";
import { cp, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import {
  createTestEnv,
  findReferenceHelm,
  HCP_BIN,
  hasHcpBinary,
  REPO_ROOT,
  runHcp,
  runProcess,
} from "../helpers/env.ts";

const helm = await findReferenceHelm();
const haveBinary = hasHcpBinary("plugin parity");
if (!helm)
  console.warn(
    "SKIP plugin parity: reference Helm not found (set HCP_REF_HELM or run ../shared/tools/get-helm.sh)",
  );
const parity = helm && haveBinary ? describe : describe.skip;

const FIXTURES = join(REPO_ROOT, "test/fixtures/plugin");
const v1 = "apiVersion: v1\nname: x\ntype: cli/v1\nruntime: subprocess\nversion: 1.0.0\n";

/** plugin.yaml inputs whose `plugin package` outcome must be identical (Helm 4.1.4 vectors). */
const VALIDATION_CASES: Record<string, string> = {
  "legacy-badname": 'name: "a.b"\nversion: 1.0.0\n',
  "legacy-traversal-name": 'name: "../x"\nversion: 1.0.0\n',
  "legacy-unicode-name": "name: plügin\nversion: 1.0.0\n",
  "legacy-empty-name": "version: 1.0.0\ncommand: echo\n",
  "legacy-both-commands":
    "name: both\nversion: 1.0.0\ncommand: echo hi\nplatformCommand:\n  - command: echo\n",
  "legacy-both-hooks":
    "name: both\nversion: 1.0.0\nhooks:\n  install: echo\nplatformHooks:\n  install:\n    - command: echo\n",
  "legacy-downloader-emptyprotocol":
    'name: dl\nversion: 1.0.0\ndownloaders:\n  - command: x\n    protocols: ["a", ""]\n',
  "legacy-downloader-nocommand": "name: dl\nversion: 1.0.0\ndownloaders:\n  - protocols: [x]\n",
  "legacy-noversion": "name: noversion\ncommand: echo hi\n",
  "legacy-badversion": "name: bv\nversion: 1.0\n",
  "legacy-prerelease-build": "name: sb\nversion: 1.0.0-rc.1+build.5\n",
  "legacy-unknownfield": "name: unk\nversion: 1.0.0\nfoo: bar\ncommand: echo hi\n",
  "legacy-duplicate-key": "name: a\nversion: 1.0.0\nname: b\n",
  "legacy-platformcommand-string": "name: x\nversion: 1.0.0\nplatformCommand: echo\n",
  "legacy-args-string": "name: x\nversion: 1.0.0\nplatformCommand:\n  - command: a\n    args: b\n",
  "legacy-hooks-string": "name: x\nversion: 1.0.0\nhooks: echo\n",
  "legacy-downloaders-string": "name: x\nversion: 1.0.0\ndownloaders: x\n",
  "empty-file": "",
  "comments-only": "# nothing here\n",
  "v1-apiversion-v2":
    "apiVersion: v2\nname: x\ntype: cli/v1\nruntime: subprocess\nversion: 1.0.0\n",
  "v1-badname":
    'apiVersion: v1\nname: "bad name"\ntype: cli/v1\nruntime: subprocess\nversion: 1.0.0\n',
  "v1-configtype": `${v1}config:\n  ignoreFlags: "notabool"\n`,
  "v1-extism-negative-pages":
    "apiVersion: v1\nname: x\ntype: cli/v1\nruntime: extism/v1\nversion: 1.0.0\nruntimeConfig:\n  memory:\n    maxPages: -1\n",
  "v1-extism-nowasm": "apiVersion: v1\nname: x\ntype: cli/v1\nruntime: extism/v1\nversion: 1.0.0\n",
  "v1-getter-noprotocols":
    "apiVersion: v1\nname: x\ntype: getter/v1\nruntime: subprocess\nversion: 1.0.0\n",
  "v1-noruntime": "apiVersion: v1\nname: x\ntype: cli/v1\nversion: 1.0.0\n",
  "v1-notype": "apiVersion: v1\nname: x\nruntime: subprocess\nversion: 1.0.0\n",
  "v1-noversion": "apiVersion: v1\nname: x\ntype: cli/v1\nruntime: subprocess\n",
  "v1-test-type": "apiVersion: v1\nname: x\ntype: test/v1\nruntime: subprocess\nversion: 1.0.0\n",
  "v1-unknownconfigfield": `${v1}config:\n  usage: x\n  bogus: 1\n`,
  "v1-config-sequence": `${v1}config: []\n`,
  "v1-runtimeconfig-platformcommand-string": `${v1}runtimeConfig:\n  platformCommand: x\n`,
  "v1-getter-protocols-string":
    "apiVersion: v1\nname: x\ntype: getter/v1\nruntime: subprocess\nversion: 1.0.0\nconfig:\n  protocols: s3\n",
  "v1-unknownfield": `${v1}description: not a v1 field\n`,
  "v1-unknownruntime": "apiVersion: v1\nname: x\ntype: cli/v1\nruntime: wasm\nversion: 1.0.0\n",
  "v1-unknownruntimeconfigfield": `${v1}runtimeConfig:\n  command: "echo hi"\n`,
  "v1-unknowntype":
    "apiVersion: v1\nname: x\ntype: bogus/v1\nruntime: subprocess\nversion: 1.0.0\n",
  "v1-vprefix": "apiVersion: v1\nname: x\ntype: cli/v1\nruntime: subprocess\nversion: v1.0.0\n",
};

/** One line per tar header: name, type, mode, uid/gid, uname/gname, size, mtime. */
function listTar(tar: Uint8Array): string[] {
  const text = (at: number, len: number) =>
    new TextDecoder().decode(tar.subarray(at, at + len)).replace(/\0.*$/s, "");
  const lines: string[] = [];
  for (let at = 0; at + 512 <= tar.length && tar[at] !== 0; ) {
    const size = Number.parseInt(text(at + 124, 12), 8) || 0;
    lines.push(
      [
        text(at, 100),
        text(at + 156, 1),
        text(at + 100, 8),
        text(at + 108, 8),
        text(at + 116, 8),
        text(at + 265, 32),
        text(at + 297, 32),
        size,
        text(at + 136, 12),
        text(at + 148, 8),
      ].join(" "),
    );
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return lines;
}

/** hcp adds a `hint:` line after errors; everything else must match byte for byte. */
const withoutHints = (text: string) =>
  text
    .split("\n")
    .filter((l) => !l.startsWith("hint: "))
    .join("\n");

parity("plugin parity with Helm 4 (validation, packaging, interop)", () => {
  test.each(Object.entries(VALIDATION_CASES))(
    "plugin package %s: same output and exit",
    async (name, yaml) => {
      await using env = await createTestEnv({ prefix: "hcp-parity-val-" });
      await mkdir(join(env.work, name));
      await writeFile(join(env.work, name, "plugin.yaml"), yaml);
      const args = ["plugin", "package", name, "--sign=false", "-d", "out"];
      const theirs = await runProcess([helm as string, ...args], { env: env.env, cwd: env.work });
      const ours = await runHcp(env, args);
      expect(withoutHints(ours.stderr)).toBe(theirs.stderr);
      expect(ours.stdout).toBe(theirs.stdout);
      expect(ours.exitCode).toBe(theirs.exitCode);
    },
  );

  test("hcp and helm write the same tar stream for the same directory", async () => {
    await using env = await createTestEnv({ prefix: "hcp-parity-tar-" });
    await cp(join(FIXTURES, "echo-v1"), join(env.work, "echo-v1"), { recursive: true });
    await mkdir(join(env.work, "echo-v1/sub/deeper"), { recursive: true });
    await writeFile(join(env.work, "echo-v1/sub/deeper/.hidden"), "dot files are packaged\n");
    await writeFile(join(env.work, "echo-v1/Zeta.txt"), "upper case sorts first\n");
    const args = (dest: string) => ["plugin", "package", "echo-v1", "--sign=false", "-d", dest];
    expect(
      (await runProcess([helm as string, ...args("h")], { env: env.env, cwd: env.work })).exitCode,
    ).toBe(0);
    expect((await runHcp(env, args("c"))).exitCode).toBe(0);
    const theirs = await readFile(join(env.work, "h/echo-v1-0.1.0.tgz"));
    const ours = await readFile(join(env.work, "c/echo-v1-0.1.0.tgz"));
    expect(ours.subarray(0, 10)).toEqual(theirs.subarray(0, 10)); // gzip header
    // Header fields first (a readable diff), then every byte of the tar stream.
    expect(listTar(gunzipSync(ours))).toEqual(listTar(gunzipSync(theirs)));
    expect(Buffer.compare(gunzipSync(ours), gunzipSync(theirs))).toBe(0);
  });

  test("a plugin packaged by hcp installs and runs under helm, and vice versa", async () => {
    await using env = await createTestEnv({ prefix: "hcp-parity-interop-" });
    await cp(FIXTURES, join(env.work, "src"), { recursive: true });
    const run = (bin: string, ...args: string[]) =>
      runProcess([bin, ...args], { env: env.env, cwd: env.work });
    const hcpBin = HCP_BIN;
    const helmBin = helm as string;
    expect(
      (await run(hcpBin, "plugin", "package", "src/echo-v1", "--sign=false", "-d", "c")).exitCode,
    ).toBe(0);
    expect(
      (await run(helmBin, "plugin", "package", "src/echo-legacy", "--sign=false", "-d", "h"))
        .exitCode,
    ).toBe(0);

    const helmInstall = await run(
      helmBin,
      "plugin",
      "install",
      "c/echo-v1-0.1.0.tgz",
      "--verify=false",
    );
    expect(helmInstall.exitCode).toBe(0);
    const hcpInstall = await run(
      hcpBin,
      "plugin",
      "install",
      "h/echo-legacy-0.2.0.tgz",
      "--verify=false",
    );
    expect(hcpInstall.exitCode).toBe(0);
    expect(hcpInstall.stdout).toBe(
      `WARNING: Skipping plugin signature verification\necho-legacy installed from ${join(env.pluginsDir, "echo-legacy")}\nInstalled plugin: echo-legacy\n`,
    );

    // Both tools run both plugins identically.
    for (const plugin of ["echo-v1", "echo-legacy"]) {
      const args = [plugin, "a", "-n", "ns2", "--flag", "--", "b"];
      const theirs = await run(helmBin, ...args);
      const ours = await run(hcpBin, ...args);
      expect(theirs.exitCode).toBe(0);
      expect(ours.stdout).toBe(theirs.stdout);
      expect(ours.exitCode).toBe(theirs.exitCode);
    }

    // And list the same plugins, byte for byte.
    const theirList = await run(helmBin, "plugin", "list");
    const ourList = await run(hcpBin, "plugin", "list");
    expect(ourList.stdout).toBe(theirList.stdout);
    expect(ourList.stdout).toContain("echo-legacy");
    expect(ourList.stdout).toContain("echo-v1");
    expect((await run(hcpBin, "plugin", "list", "--type", "cli/v1")).stdout).toBe(
      (await run(helmBin, "plugin", "list", "--type", "cli/v1")).stdout,
    );

    // Cross uninstall: each tool removes what the other installed.
    const ourUninstall = await run(hcpBin, "plugin", "uninstall", "echo-v1");
    expect(ourUninstall.stdout).toBe("echo-v1 delete hook\nUninstalled plugin: echo-v1\n");
    expect(existsSync(join(env.pluginsDir, "echo-v1-0.1.0.tgz"))).toBe(false);
    const theirUninstall = await run(helmBin, "plugin", "uninstall", "echo-legacy");
    expect(theirUninstall.stdout).toBe("Uninstalled plugin: echo-legacy\n");
    expect((await run(hcpBin, "plugin", "list")).stdout).toBe(
      (await run(helmBin, "plugin", "list")).stdout,
    );
  });

  test("a plugin signed by hcp verifies and installs under helm; both report it signed", async () => {
    await using env = await createTestEnv({ prefix: "hcp-parity-signed-" });
    const keys = join(REPO_ROOT, "test/fixtures/provenance/helm-4.1.4/keys");
    await cp(join(FIXTURES, "echo-v1"), join(env.work, "echo-v1"), { recursive: true });
    const run = (bin: string, ...args: string[]) =>
      runProcess([bin, ...args], { env: env.env, cwd: env.work });
    const pkg = await run(
      HCP_BIN,
      "plugin",
      "package",
      "echo-v1",
      "-d",
      "out",
      "--key",
      "signer-a",
      "--keyring",
      join(keys, "signer-a.sec.gpg"),
    );
    expect(pkg.stdout).toBe(
      "Successfully signed. Signature written to: out/echo-v1-0.1.0.tgz.prov\nSuccessfully packaged plugin and saved it to: out/echo-v1-0.1.0.tgz\n",
    );
    const install = await run(
      helm as string,
      "plugin",
      "install",
      "out/echo-v1-0.1.0.tgz",
      "--keyring",
      join(keys, "signer-a.pub.gpg"),
    );
    expect(install.exitCode).toBe(0);
    expect(install.stdout).toContain("Signed by: Test Signer A <signer-a@example.com>\n");
    const theirs = await run(helm as string, "plugin", "list");
    expect(theirs.stdout).toContain("\tsigned    \t");
    expect((await run(HCP_BIN, "plugin", "list")).stdout).toBe(theirs.stdout);
  });

  test("a failing plugin exits with the same code and message", async () => {
    await using env = await createTestEnv({ prefix: "hcp-parity-exit-" });
    await cp(join(FIXTURES, "exit42"), join(env.work, "exit42"), { recursive: true });
    const run = (bin: string, ...args: string[]) =>
      runProcess([bin, ...args], { env: env.env, cwd: env.work });
    expect((await run(HCP_BIN, "plugin", "install", "exit42")).exitCode).toBe(0);
    const theirs = await run(helm as string, "exit42");
    const ours = await run(HCP_BIN, "exit42");
    expect(theirs.exitCode).toBe(42);
    expect(ours.exitCode).toBe(42);
    expect(ours.stderr).toBe(theirs.stderr);
  });
});
