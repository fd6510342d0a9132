/**
 * Attack class: hostile plugin archives. Each archive must be refused with a clear error,
 * and nothing may be left behind: no plugin dir, no kept tarball, no file outside the
 * plugins directory.
 */
import { describe, expect, test } from "bun:test";
import { existsSync } from "node:fs";
import { readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { installPlugin } from "../../src/action/plugin-install.ts";
import { formatErrorChain } from "../../src/errors.ts";
import { loadSettings } from "../../src/settings/index.ts";
import { pluginYaml, rawTgz } from "../fixtures/plugin/hostile-archives.ts";
import { createTestEnv } from "../helpers/env.ts";

async function attempt(tgz: Uint8Array, file = "evil-1.0.0.tgz") {
  const env = await createTestEnv({ prefix: "hcp-archive-" });
  const path = join(env.work, file);
  await writeFile(path, tgz);
  let error: unknown;
  try {
    await installPlugin({
      source: path,
      verify: false,
      settings: loadSettings(env.env),
      cwd: env.work,
      report: () => {},
      hookStdout: () => {},
    });
  } catch (err) {
    error = err;
  }
  const left = existsSync(env.pluginsDir) ? await readdir(env.pluginsDir) : [];
  return { env, error, left };
}

const ok = (name: string) => ({ name: `${name}/plugin.yaml`, data: pluginYaml(name) });

const cases: { name: string; entries: Parameters<typeof rawTgz>[0]; want: string }[] = [
  {
    name: "a `..` entry (path traversal)",
    entries: [ok("evil"), { name: "evil/../../escaped.txt", data: "x" }],
    want: "path contains '..', which is illegal",
  },
  {
    name: "an absolute entry",
    entries: [ok("evil"), { name: "/tmp/hcp-absolute-escape.txt", data: "x" }],
    want: "path is absolute, which is illegal",
  },
  {
    name: "a `:` in an entry name",
    entries: [ok("evil"), { name: "evil/C:evil.txt", data: "x" }],
    want: "path contains ':', which is illegal",
  },
  {
    name: "a backslash traversal",
    entries: [ok("evil"), { name: "evil\\..\\..\\escaped.txt", data: "x" }],
    want: "path contains '..', which is illegal",
  },
  {
    name: "a symlink entry pointing outside",
    entries: [ok("evil"), { name: "evil/link", typeflag: "2", linkname: "/etc/passwd" }],
    want: "unknown type: 110010 in evil/link",
  },
  {
    name: "a hard link entry",
    entries: [ok("evil"), { name: "evil/hard", typeflag: "1", linkname: "evil/plugin.yaml" }],
    want: "unknown type: 110001 in evil/hard",
  },
  {
    name: "a character device entry",
    entries: [ok("evil"), { name: "evil/dev", typeflag: "3" }],
    want: "unknown type: 110011 in evil/dev",
  },
  {
    name: "a FIFO entry",
    entries: [ok("evil"), { name: "evil/fifo", typeflag: "6" }],
    want: "unknown type: 110110 in evil/fifo",
  },
  {
    name: "a traversal plugin name",
    entries: [{ name: "evil/plugin.yaml", data: pluginYaml("../x") }],
    want: "invalid plugin `name`",
  },
  {
    name: "an empty plugin name",
    entries: [{ name: "evil/plugin.yaml", data: pluginYaml("") }],
    want: "invalid plugin `name`",
  },
  {
    name: "a unicode plugin name",
    entries: [{ name: "evil/plugin.yaml", data: pluginYaml("plügin") }],
    want: "invalid plugin `name`",
  },
  {
    name: "a non-semver version",
    entries: [{ name: "evil/plugin.yaml", data: pluginYaml("evil", "1.0") }],
    want: 'invalid plugin `version` "1.0": must be valid semver',
  },
  {
    name: "an unknown runtime",
    entries: [
      {
        name: "evil/plugin.yaml",
        data: "apiVersion: v1\nname: evil\ntype: cli/v1\nruntime: wasm\nversion: 1.0.0\n",
      },
    ],
    want: 'unsupported plugin runtime type: "wasm"',
  },
  {
    name: "a garbled plugin.yaml",
    entries: [{ name: "evil/plugin.yaml", data: "name: [unclosed\n" }],
    want: "failed to peek plugin.yaml API version",
  },
  {
    name: "no plugin.yaml",
    entries: [{ name: "evil/readme.txt", data: "hi" }],
    want: "plugin.yaml not found in the archive",
  },
  {
    name: "an extism plugin without plugin.wasm",
    entries: [
      {
        name: "evil/plugin.yaml",
        data: "apiVersion: v1\nname: evil\ntype: cli/v1\nruntime: extism/v1\nversion: 1.0.0\n",
      },
    ],
    want: 'wasm binary missing for extism/v1 plugin: "',
  },
];

describe("installPlugin() refuses hostile archives and leaves nothing behind", () => {
  test.each(cases)("$name", async ({ entries, want }) => {
    const { env, error, left } = await attempt(rawTgz(entries));
    await using _ = env;
    expect(error).toBeDefined();
    expect(formatErrorChain(error)).toContain(want);
    expect(left).toEqual([]);
    expect(existsSync(join(env.root, "escaped.txt"))).toBe(false);
    expect(existsSync("/tmp/hcp-absolute-escape.txt")).toBe(false);
  });

  test("a gzip bomb beyond the decompressed size limit", async () => {
    const huge = new Uint8Array(101 * 1024 * 1024);
    const { env, error, left } = await attempt(
      rawTgz([ok("evil"), { name: "evil/big", data: huge }]),
    );
    await using _ = env;
    expect(formatErrorChain(error)).toContain("once decompressed");
    expect(left).toEqual([]);
  });

  test("a file that is not gzip", async () => {
    const { env, error, left } = await attempt(new TextEncoder().encode("not an archive"));
    await using _ = env;
    expect(formatErrorChain(error)).toContain("archive is not gzip-compressed");
    expect(left).toEqual([]);
  });

  test("a truncated archive", async () => {
    const full = rawTgz([ok("evil"), { name: "evil/x", data: "y".repeat(5000) }]);
    const { env, error, left } = await attempt(full.slice(0, full.length - 20));
    await using _ = env;
    expect(formatErrorChain(error)).toContain("failed to");
    expect(left).toEqual([]);
  });
});
