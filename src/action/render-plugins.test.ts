import { describe, expect, test } from "bun:test";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { tempTree } from "../../test/helpers/temp.ts";
import { ContentCache } from "../cache/index.ts";
import type { Chart } from "../chart/index.ts";
import { HcpError } from "../errors.ts";
import { encodeTar, gzipLikeGo } from "../files/index.ts";
import { NULL_LOGGER } from "../log.ts";
import type { ChartLock } from "./dependency-plugins.ts";
import { locateRenderPlugin, readPluginTarball, readRenderLock } from "./render-plugins.ts";

const WASM = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]);

function yaml(name: string, version = "0.1.0", type = "render/v1"): string {
  const config = type === "render/v1" ? '  patterns: ["templates/*.x"]' : "  usage: x";
  return `apiVersion: v1\nname: ${name}\nversion: ${version}\ntype: ${type}\nruntime: extism/v1\nconfig:\n${config}\n`;
}

function tarball(files: Record<string, string | Uint8Array>): Uint8Array {
  return gzipLikeGo(
    encodeTar(
      Object.entries(files).map(([name, data]) => ({
        name,
        type: "file" as const,
        mode: 0o644,
        uid: 0,
        gid: 0,
        uname: "",
        gname: "",
        mtime: 0,
        data: typeof data === "string" ? new TextEncoder().encode(data) : data,
      })),
    ),
  );
}

async function caught(p: Promise<unknown>): Promise<HcpError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof HcpError) return err;
    throw err;
  }
  throw new Error("expected a rejection");
}

describe("readPluginTarball()", () => {
  test("reads the flat layout (plugin.yaml and plugin.wasm at the root)", async () => {
    const got = await readPluginTarball(
      tarball({ "plugin.yaml": yaml("flat"), "plugin.wasm": WASM }),
      "flat.tgz",
    );
    expect(got.metadata.name).toBe("flat");
    expect(got.wasm).toEqual(WASM);
  });

  test("reads the one-top-directory layout of `plugin package`", async () => {
    const got = await readPluginTarball(
      tarball({ "top/plugin.yaml": yaml("top"), "top/plugin.wasm": WASM, "top/README": "x" }),
      "top.tgz",
    );
    expect(got.metadata.name).toBe("top");
    expect(got.wasm).toEqual(WASM);
  });

  test("rejects an archive without plugin.wasm next to plugin.yaml", async () => {
    const err = await caught(
      readPluginTarball(tarball({ "a/plugin.yaml": yaml("a"), "b/plugin.wasm": WASM }), "a.tgz"),
    );
    expect(err.message).toBe(
      "no plugin.wasm found in archive a.tgz (an extism/v1 plugin needs one)",
    );
  });

  test("rejects an archive without plugin.yaml, and one with a .. entry", async () => {
    expect(
      (await caught(readPluginTarball(tarball({ "plugin.wasm": WASM }), "n.tgz"))).message,
    ).toBe("no plugin.yaml found in archive n.tgz");
    const evil = await caught(
      readPluginTarball(tarball({ "../plugin.yaml": yaml("e"), "plugin.wasm": WASM }), "e.tgz"),
    );
    expect(evil.message).toContain('entry "../plugin.yaml" points outside the archive');
  });
});

describe("locateRenderPlugin()", () => {
  const entry = {
    name: "demo",
    type: "render/v1",
    repository: "oci://r/demo",
    version: "0.1.0",
  };

  async function setup(root: string) {
    const plugins = join(root, "plugins");
    const content = join(root, "content");
    await mkdir(plugins, { recursive: true });
    return { settings: { contentCache: content, pluginsDirectories: [plugins] }, plugins, content };
  }

  async function pluginDir(dir: string, text: string): Promise<void> {
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, "plugin.yaml"), text);
    await writeFile(join(dir, "plugin.wasm"), WASM);
  }

  test("prefers the cached tarball of the locked digest, with its .prov as the signed archive", async () => {
    await using root = await tempTree({}, { prefix: "hcp-render-plugins-" });
    const { settings, plugins } = await setup(root.path);
    const bytes = tarball({ "demo/plugin.yaml": yaml("demo"), "demo/plugin.wasm": WASM });
    const cache = new ContentCache(settings.contentCache);
    const digest = await cache.put(bytes);
    await cache.putProv(digest, new TextEncoder().encode("prov"));
    await pluginDir(join(plugins, "versions", "demo", "0.1.0"), yaml("demo"));
    const lock: ChartLock = {
      dependencies: null,
      digest: "",
      generated: "",
      plugins: [{ ...entry, digest }],
    };
    const got = await locateRenderPlugin(entry, { lock, settings, log: NULL_LOGGER });
    expect(got.source).toBe("cache");
    expect(got.dir).toBeUndefined();
    expect(got.archive?.filename).toBe("demo-0.1.0.tgz");
    expect(got.archive?.archive).toEqual(bytes);
    expect(new TextDecoder().decode(got.archive?.prov)).toBe("prov");
  });

  test("then versions/<name>/<version>/, then the installed dir", async () => {
    await using root = await tempTree({}, { prefix: "hcp-render-plugins-" });
    const { settings, plugins } = await setup(root.path);
    await pluginDir(join(plugins, "demo"), yaml("demo"));
    const installed = await locateRenderPlugin(entry, {
      lock: undefined,
      settings,
      log: NULL_LOGGER,
    });
    expect(installed.source).toBe("installed");
    expect(installed.dir).toBe(join(plugins, "demo"));
    await pluginDir(join(plugins, "versions", "demo", "0.1.0"), yaml("demo"));
    const versions = await locateRenderPlugin(entry, {
      lock: undefined,
      settings,
      log: NULL_LOGGER,
    });
    expect(versions.source).toBe("versions");
  });

  test("an installed plugin must have the exact version", async () => {
    await using root = await tempTree({}, { prefix: "hcp-render-plugins-" });
    const { settings, plugins } = await setup(root.path);
    await pluginDir(join(plugins, "demo"), yaml("demo", "0.1.1"));
    const err = await caught(
      locateRenderPlugin(entry, { lock: undefined, settings, log: NULL_LOGGER }),
    );
    expect(err.code).toBe("PLUGIN_RENDER_VERSION");
    expect(err.message).toBe(
      `plugin "demo" version mismatch: chart requires 0.1.0, but installed version is 0.1.1 (at ${join(plugins, "demo")})`,
    );
  });

  test("the plugin found must be render/v1", async () => {
    await using root = await tempTree({}, { prefix: "hcp-render-plugins-" });
    const { settings, plugins } = await setup(root.path);
    await pluginDir(join(plugins, "versions", "demo", "0.1.0"), yaml("demo", "0.1.0", "cli/v1"));
    const err = await caught(
      locateRenderPlugin(entry, { lock: undefined, settings, log: NULL_LOGGER }),
    );
    expect(err.message).toBe('plugin "demo" is type "cli/v1", expected render/v1');
  });

  test("nowhere: names the plugin, the places looked at and the fix", async () => {
    await using root = await tempTree({}, { prefix: "hcp-render-plugins-" });
    const { settings } = await setup(root.path);
    const err = await caught(
      locateRenderPlugin(entry, { lock: undefined, settings, log: NULL_LOGGER }),
    );
    expect(err.code).toBe("PLUGIN_RENDER_NOT_FOUND");
    expect(err.message).toStartWith('plugin "demo" version 0.1.0 not found (looked in');
    expect(err.hint).toBe("run 'hcp dependency update' to download plugins");
  });
});

describe("readRenderLock()", () => {
  test("reads the loaded chart's Chart.lock plugin pins", () => {
    const plugins = [
      {
        name: "demo",
        type: "render/v1",
        repository: "oci://r/demo",
        version: "0.1.0",
        digest: "a".repeat(64),
      },
    ];
    const lock = readRenderLock({ lock: { plugins } } as unknown as Chart);
    expect(lock?.plugins[0]?.digest).toBe("a".repeat(64));
  });

  test("is undefined without a lock or without plugin pins", () => {
    expect(readRenderLock({ lock: undefined } as unknown as Chart)).toBeUndefined();
    expect(readRenderLock({ lock: { plugins: [] } } as unknown as Chart)).toBeUndefined();
  });

  test("a pin without a valid digest is an error naming the fix", () => {
    const plugins = [{ name: "demo", digest: "nope" }];
    expect(() => readRenderLock({ lock: { plugins } } as unknown as Chart)).toThrow(
      'plugins[0] "demo": digest "nope" is not 64 lower-case hex',
    );
  });
});
