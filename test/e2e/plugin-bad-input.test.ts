/**
 * Bad plugin input through dist/hcp: every case exits non-zero with a clear `Error:` line and
 * leaves the plugins directory empty.
 */
import { describe, expect, test } from "bun:test";
import { mkdir, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pluginYaml, rawTgz } from "../fixtures/plugin/hostile-archives.ts";
import { createTestEnv, HCP_BIN, hasHcpBinary, runProcess } from "../helpers/env.ts";

const haveBinary = hasHcpBinary("plugin bad-input e2e");
const e2e = haveBinary ? describe : describe.skip;

type Input =
  | { readonly dir: Record<string, string> }
  | { readonly tgz: Parameters<typeof rawTgz>[0] };

const cases: { name: string; input: Input; want: string }[] = [
  {
    name: "directory without plugin.yaml",
    input: { dir: { "README.md": "hi" } },
    want: "plugin metadata (plugin.yaml) missing",
  },
  {
    name: "garbled plugin.yaml",
    input: { dir: { "plugin.yaml": "name: [x\n" } },
    want: "failed to peek plugin.yaml API version",
  },
  {
    name: "traversal name",
    input: { dir: { "plugin.yaml": 'name: "../x"\n' } },
    want: 'invalid plugin name "../x"',
  },
  {
    name: "empty name",
    input: { dir: { "plugin.yaml": "version: 1.0.0\n" } },
    want: 'invalid plugin name ""',
  },
  {
    name: "unicode name",
    input: { dir: { "plugin.yaml": "name: plügin\n" } },
    want: 'invalid plugin name "plügin"',
  },
  {
    name: "non-semver version",
    input: { dir: { "plugin.yaml": "name: x\nversion: 1.2\n" } },
    want: 'invalid plugin version "1.2"',
  },
  {
    name: "unknown runtime",
    input: {
      dir: {
        "plugin.yaml": "apiVersion: v1\nname: x\ntype: cli/v1\nruntime: lua\nversion: 1.0.0\n",
      },
    },
    want: 'unsupported plugin runtime type: "lua"',
  },
  {
    name: "extism plugin without plugin.wasm",
    input: {
      dir: {
        "plugin.yaml":
          "apiVersion: v1\nname: x\ntype: cli/v1\nruntime: extism/v1\nversion: 1.0.0\n",
      },
    },
    want: "wasm binary missing for extism/v1 plugin",
  },
  {
    name: "tarball with traversal",
    input: {
      tgz: [
        { name: "x/plugin.yaml", data: pluginYaml("x") },
        { name: "x/../../../evil", data: "x" },
      ],
    },
    want: "failed to extract archive: path contains '..', which is illegal",
  },
  {
    name: "tarball with a symlink",
    input: {
      tgz: [
        { name: "x/plugin.yaml", data: pluginYaml("x") },
        { name: "x/l", typeflag: "2", linkname: "/" },
      ],
    },
    want: "failed to extract archive: unknown type: 110010 in x/l",
  },
  {
    name: "tarball with an absolute path",
    input: { tgz: [{ name: "/x/plugin.yaml", data: pluginYaml("x") }] },
    want: "failed to extract archive: path is absolute, which is illegal",
  },
  {
    name: "tarball with a bad plugin name",
    input: { tgz: [{ name: "x/plugin.yaml", data: pluginYaml("../x") }] },
    want: "invalid plugin `name`",
  },
];

e2e("hcp plugin install refuses bad input", () => {
  test.each(cases)("$name", async ({ input, want }) => {
    await using env = await createTestEnv({ prefix: "hcp-e2e-bad-" });
    let source: string;
    if ("dir" in input) {
      source = join(env.work, "src");
      await mkdir(source);
      for (const [file, text] of Object.entries(input.dir))
        await writeFile(join(source, file), text);
    } else {
      source = join(env.work, "x-1.0.0.tgz");
      await writeFile(source, rawTgz(input.tgz));
    }
    const result = await runProcess([HCP_BIN, "plugin", "install", source, "--verify=false"], {
      env: env.env,
      cwd: env.work,
    });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toStartWith("Error: ");
    expect(result.stderr).toContain(want);
    expect(await readdir(env.pluginsDir)).toEqual([]);
  });
});
