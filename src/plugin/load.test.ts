import { describe, expect, test } from "bun:test";
import { mkdir, symlink } from "node:fs/promises";
import { join } from "node:path";
import { tempTree } from "../../test/helpers/temp.ts";
import { isHcpError } from "../errors.ts";
import { createLogger } from "../log.ts";
import { findPlugin, findPlugins, loadPluginDir } from "./load.ts";

const legacy = (name: string) => `name: ${name}\nversion: 1.0.0\ncommand: /bin/true\n`;
const getter = (name: string) =>
  `name: ${name}\nversion: 1.0.0\ndownloaders:\n  - command: g\n    protocols: [s3]\n`;

function capture() {
  const lines: string[] = [];
  return { log: createLogger((l) => lines.push(l), false), lines };
}

describe("findPlugins()", () => {
  test("loads one level deep in byte order, skipping and reporting broken plugins", async () => {
    await using t = await tempTree({
      "a/b/plugin.yaml": legacy("b"),
      "p/Zed/plugin.yaml": legacy("zed"),
      "p/alpha/plugin.yaml": legacy("alpha"),
      "p/broken/plugin.yaml": "apiVersion: v1\nname: broken\n",
      "p/not-a-plugin/readme": "x",
      "p/deep/sub/plugin.yaml": legacy("deep"),
    });
    const { log, lines } = capture();
    const found = await findPlugins([join(t.path, "p"), join(t.path, "missing")], { log });
    expect(found.map((r) => r.metadata.name)).toEqual(["zed", "alpha"]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("failed to load plugin (ignoring)");
    expect(lines[0]).toContain(join(t.path, "p/broken/plugin.yaml"));
    expect(lines[0]).toContain("plugin `version` is required");
  });

  test("follows symlinked plugin dirs and keeps the link path as the dir", async () => {
    await using t = await tempTree({ "src/dev/plugin.yaml": legacy("dev") });
    await mkdir(join(t.path, "plugins"));
    await symlink(join(t.path, "src/dev"), join(t.path, "plugins/dev"));
    const [record] = await findPlugins([join(t.path, "plugins")]);
    expect(record?.dir).toBe(join(t.path, "plugins/dev"));
  });

  test("filters by type and name across directories", async () => {
    await using t = await tempTree({
      "one/g/plugin.yaml": getter("g"),
      "one/c/plugin.yaml": legacy("c"),
      "two/c/plugin.yaml": legacy("c"),
    });
    const dirs = [join(t.path, "one"), join(t.path, "two")];
    expect((await findPlugins(dirs, { type: "getter/v1" })).map((r) => r.metadata.name)).toEqual([
      "g",
    ]);
    // Duplicates across directories are not an error (as Helm); the first wins.
    expect((await findPlugin(dirs, "c")).dir).toBe(join(t.path, "one/c"));
    await expect(findPlugin(dirs, "nope", { type: "cli/v1" })).rejects.toThrow(
      "plugin: {Name:nope Type:cli/v1} not found",
    );
  });

  test("two plugins claiming one name in one directory fail the lookup (Helm)", async () => {
    await using t = await tempTree({
      "p/a-dup/plugin.yaml": legacy("dup"),
      "p/b-dup/plugin.yaml": legacy("dup"),
    });
    let caught: unknown;
    try {
      await findPlugins([join(t.path, "p")]);
    } catch (err) {
      caught = err;
    }
    expect(isHcpError(caught, "PLUGIN_DUPLICATE")).toBe(true);
    expect((caught as Error).message).toBe(
      `two plugins claim the name "dup" at "${join(t.path, "p/a-dup")}" and "${join(t.path, "p/b-dup")}"`,
    );
  });
});

describe("loadPluginDir()", () => {
  test("a missing plugin.yaml is named", async () => {
    await using t = await tempTree({ "x/readme": "" });
    await expect(loadPluginDir(join(t.path, "x"))).rejects.toThrow(
      `failed to load plugin "${join(t.path, "x")}"`,
    );
  });

  test("an extism/v1 plugin needs plugin.wasm (Helm's unwrapped message)", async () => {
    await using t = await tempTree({
      "w/plugin.yaml":
        "apiVersion: v1\nname: w\ntype: cli/v1\nruntime: extism/v1\nversion: 1.0.0\n",
    });
    await expect(loadPluginDir(join(t.path, "w"), { label: "w" })).rejects.toThrow(
      'wasm binary missing for extism/v1 plugin: "w/plugin.wasm"',
    );
  });
});
