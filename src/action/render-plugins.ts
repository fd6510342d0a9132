/**
 * Chart-defined render/v1 plugins at `hcp template` time (chart-defined-plugins spec §8–§11):
 * locate every render/v1 entry of the root chart's Chart.yaml (content cache by Chart.lock
 * digest → $HELM_PLUGINS/versions/<name>/<version>/ → installed $HELM_PLUGINS/<name>/ with the
 * exact version), read plugin.yaml + plugin.wasm (tarballs in memory, both layouts), then run
 * the sequential pipeline through ONE Extism sandbox; every module passes the trust gate with
 * the exact bytes first. Returns the plugin outputs and the root templates the plugins claimed;
 * `action/template.ts` merges them with the built-in engine's output. Loaded lazily: a chart
 * without plugins never imports this file.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Chart } from "../chart/index.ts";
import { HcpError } from "../errors.ts";
import type { Logger } from "../log.ts";
import {
  type ExtismRuntimeConfig,
  InvokeExecError,
  isArchivePluginYaml,
  PLUGIN_YAML,
  type PluginMetadata,
  parseMetadata,
  type TrustGate,
  type WasmSubject,
} from "../plugin/index.ts";
import type { SignedArchive } from "../plugin/trust.ts";
import { readArchiveFiles } from "../provenance/tar-entries.ts";
import {
  parseRenderOutput,
  type RenderContextV1,
  type RenderPipelineResult,
  type RenderStep,
  runRenderPipeline,
  type SourceFile,
} from "../render/index.ts";
import type { Settings } from "../settings/index.ts";
import {
  type ChartLock,
  type ChartPlugin,
  readChartLock,
  readChartPlugins,
} from "./dependency-plugins.ts";
import { resolveCachedPlugin } from "./dependency-resolve.ts";

/** The only plugin type the renderer runs. */
export const RENDER_PLUGIN_TYPE = "render/v1";

/** Bun's native YAML parser for plugin.yaml's fast path (the full parser decides anything odd). */
const BUN_YAML = (text: string): unknown => Bun.YAML.parse(text);

const HINT_UPDATE = "run 'hcp dependency update' to download plugins";

/**
 * What template.ts hands over (its `RenderPluginsInput`): the chart, its render/v1 entries,
 * the root templates sorted by name and the shared part of the input message.
 */
export interface RenderPluginsInput {
  /** The root chart's directory or archive path (not read: the chart is already loaded). */
  readonly chartPath: string;
  readonly chart: Chart;
  /** Chart.yaml `plugins` entries, in order: validated here; only render/v1 ones run. */
  readonly plugins: readonly ChartPlugin[];
  readonly sources: readonly SourceFile[];
  readonly context: RenderContextV1;
}

/** Settings and trust choices of this run (the CLI supplies them). */
export interface RenderPluginsHost {
  readonly settings: Settings;
  readonly log: Logger;
  /** Trusted public keys (--keyring); default settings.defaultKeyring. */
  readonly keyring?: string;
  /** --allow-unsigned (HCP_ALLOW_UNSIGNED=1 is read from settings too). */
  readonly allowUnsigned?: boolean;
  /** The running hcp (the Wasm sandbox re-executes it). */
  readonly execPath?: string;
}

/** A render plugin located and read, ready for the trust gate. */
export interface LocatedRenderPlugin {
  readonly entry: ChartPlugin;
  readonly metadata: PluginMetadata;
  readonly wasm: Uint8Array;
  /** Plugin directory (versions/ or installed layouts); undefined for cached tarballs. */
  readonly dir?: string;
  /** Cached tarball (+ .prov) the Wasm came from: what the trust gate verifies. */
  readonly archive?: SignedArchive;
  /** Where it was found, for logs: "cache", "versions" or "installed". */
  readonly source: "cache" | "versions" | "installed";
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === "ENOENT" || code === "ENOTDIR") return undefined;
    throw err;
  }
}

/**
 * The chart's Chart.lock plugin pins, from the loaded chart's lock (directory or archive).
 * @throws HcpError CHART_INVALID_LOCK
 */
export function readRenderLock(chart: Chart): ChartLock | undefined {
  const plugins = chart.lock?.plugins;
  return plugins === undefined || plugins.length === 0
    ? undefined
    : readChartLock({ plugins }, "Chart.lock");
}

function checkMetadata(entry: ChartPlugin, metadata: PluginMetadata, where: string): void {
  if (metadata.type !== RENDER_PLUGIN_TYPE) {
    throw new HcpError(
      "PLUGIN_RENDER_TYPE",
      `plugin "${entry.name}" is type "${metadata.type}", expected ${RENDER_PLUGIN_TYPE}`,
      { hint: `the plugin found at ${where} is not a render plugin` },
    );
  }
  if (metadata.name !== entry.name) {
    throw new HcpError(
      "PLUGIN_RENDER_NAME",
      `plugin at ${where} is named "${metadata.name}", Chart.yaml asks for "${entry.name}"`,
    );
  }
  if (metadata.runtime !== "extism/v1") {
    throw new HcpError(
      "PLUGIN_RENDER_RUNTIME",
      `render plugin "${entry.name}" uses runtime "${metadata.runtime}"; hcp runs render plugins only with extism/v1`,
    );
  }
}

/** The `files:` key a cached tarball's .prov signs (what the source called the archive). */
function archiveFilename(entry: ChartPlugin): string {
  const tail = entry.repository.split("/").pop() ?? "";
  return /\.(tgz|tar\.gz)$/.test(tail) ? tail : `${entry.name}-${entry.version}.tgz`;
}

/** Spec §4 limits for a plugin archive read for rendering. */
export const MAX_PLUGIN_FILE_SIZE = 20 * 1024 * 1024;
export const MAX_PLUGIN_TOTAL_SIZE = 100 * 1024 * 1024;

/**
 * Reads plugin.yaml and plugin.wasm from a tarball in memory: at the root (flat layout) or in
 * one top directory (`hcp plugin package` / `helm plugin package` layout). Uses the same
 * bounded reader the trust gate uses to find the signed plugin.wasm (no `tar` import).
 * @throws HcpError PLUGIN_ARCHIVE_INVALID, PROV_ARCHIVE_INVALID, PLUGIN_INVALID_METADATA
 */
export async function readPluginTarball(
  tarball: Uint8Array,
  file: string,
): Promise<{ metadata: PluginMetadata; wasm: Uint8Array }> {
  const files = readArchiveFiles(tarball);
  let total = 0;
  for (const [path, data] of files) {
    total += data.length;
    if (data.length > MAX_PLUGIN_FILE_SIZE) {
      throw new HcpError(
        "PLUGIN_ARCHIVE_INVALID",
        `${path} in archive ${file} is larger than ${MAX_PLUGIN_FILE_SIZE} bytes`,
      );
    }
  }
  if (total > MAX_PLUGIN_TOTAL_SIZE) {
    throw new HcpError(
      "PLUGIN_ARCHIVE_INVALID",
      `archive ${file} holds more than ${MAX_PLUGIN_TOTAL_SIZE} bytes`,
    );
  }
  const yamlPath = [...files.keys()].find(isArchivePluginYaml);
  if (yamlPath === undefined) {
    throw new HcpError("PLUGIN_ARCHIVE_INVALID", `no plugin.yaml found in archive ${file}`);
  }
  const top = yamlPath.slice(0, yamlPath.length - PLUGIN_YAML.length);
  const metadata = parseMetadata(new TextDecoder().decode(files.get(yamlPath)), {
    fastParse: BUN_YAML,
    file: `${file}:${yamlPath}`,
  });
  const wasm = files.get(`${top}plugin.wasm`);
  if (wasm === undefined) {
    throw new HcpError(
      "PLUGIN_ARCHIVE_INVALID",
      `no plugin.wasm found in archive ${file} (an extism/v1 plugin needs one)`,
    );
  }
  return { metadata, wasm };
}

function readPluginDir(dir: string): { metadata: PluginMetadata; wasm: Uint8Array } | undefined {
  const yamlPath = join(dir, PLUGIN_YAML);
  const text = readText(yamlPath);
  if (text === undefined) return undefined;
  const metadata = parseMetadata(text, { file: yamlPath, fastParse: BUN_YAML });
  let wasm: Uint8Array;
  try {
    wasm = new Uint8Array(readFileSync(join(dir, "plugin.wasm")));
  } catch (err) {
    throw new HcpError(
      "PLUGIN_WASM_MISSING",
      `failed to read plugin.wasm of plugin "${metadata.name}"`,
      {
        file: join(dir, "plugin.wasm"),
        cause: err,
      },
    );
  }
  return { metadata, wasm };
}

/** Options of locateRenderPlugin. */
export interface LocateRenderPluginOptions {
  readonly lock: ChartLock | undefined;
  readonly settings: Pick<Settings, "contentCache" | "pluginsDirectories">;
  readonly log: Logger;
}

/**
 * Finds one render plugin (spec §8): cache by locked digest (re-hashed), then
 * `<plugins>/versions/<name>/<version>/`, then `<plugins>/<name>/` with the exact version.
 * @throws HcpError CACHE_CORRUPT, PLUGIN_RENDER_NOT_FOUND, PLUGIN_RENDER_VERSION,
 *   PLUGIN_RENDER_TYPE, PLUGIN_ARCHIVE_INVALID, …
 */
export async function locateRenderPlugin(
  entry: ChartPlugin,
  options: LocateRenderPluginOptions,
): Promise<LocatedRenderPlugin> {
  const { settings, log } = options;
  const cached = await resolveCachedPlugin({
    contentCache: settings.contentCache,
    lock: options.lock,
    plugin: entry,
    log,
  });
  if (cached !== undefined) {
    const { metadata, wasm } = await readPluginTarball(cached.tarball, cached.path);
    checkMetadata(entry, metadata, cached.path);
    log.debug("render plugin from the content cache", { name: entry.name, digest: cached.digest });
    return {
      entry,
      metadata,
      wasm,
      source: "cache",
      archive: {
        name: metadata.name,
        version: metadata.version,
        filename: archiveFilename(entry),
        archive: cached.tarball,
        ...(cached.prov === undefined ? {} : { prov: cached.prov }),
      },
    };
  }
  const locked = options.lock?.plugins.find((p) => p.name === entry.name);
  if (locked !== undefined && locked.version === entry.version) {
    log.warn(
      `plugin "${entry.name}" (digest: ${locked.digest.slice(0, 12)}) is not in the content cache; looking in ${settings.pluginsDirectories.join(", ")}`,
    );
  }
  for (const base of settings.pluginsDirectories) {
    const dir = join(base, "versions", entry.name, entry.version);
    const found = readPluginDir(dir);
    if (found === undefined) continue;
    checkMetadata(entry, found.metadata, dir);
    return { entry, ...found, dir, source: "versions" };
  }
  for (const base of settings.pluginsDirectories) {
    const dir = join(base, entry.name);
    const text = readText(join(dir, PLUGIN_YAML));
    if (text === undefined) continue;
    const metadata = parseMetadata(text, { file: join(dir, PLUGIN_YAML), fastParse: BUN_YAML });
    if (metadata.version !== entry.version) {
      throw new HcpError(
        "PLUGIN_RENDER_VERSION",
        `plugin "${entry.name}" version mismatch: chart requires ${entry.version}, but installed version is ${metadata.version} (at ${dir})`,
        { hint: HINT_UPDATE },
      );
    }
    const found = readPluginDir(dir);
    if (found === undefined) continue;
    checkMetadata(entry, found.metadata, dir);
    return { entry, ...found, dir, source: "installed" };
  }
  const where = [
    "the content cache",
    ...settings.pluginsDirectories.flatMap((d) => [
      join(d, "versions", entry.name, entry.version),
      join(d, entry.name),
    ]),
  ];
  throw new HcpError(
    "PLUGIN_RENDER_NOT_FOUND",
    `plugin "${entry.name}" version ${entry.version} not found (looked in ${where.join(", ")})`,
    { hint: HINT_UPDATE },
  );
}

function wrap(err: unknown): HcpError {
  return new HcpError("PLUGIN_RENDER", "render plugins", { cause: err });
}

function invokeFailure(name: string, err: unknown): HcpError {
  if (err instanceof InvokeExecError) {
    // Not kept as the cause: a render failure exits 1 (spec §11), not with the plugin's code.
    return new HcpError(
      "PLUGIN_RENDER_EXIT",
      `render plugin "${name}" exited with code ${err.exitCode}`,
    );
  }
  return new HcpError("PLUGIN_RENDER_INVOKE", `failed to invoke render plugin "${name}"`, {
    cause: err,
  });
}

/**
 * Locates, trusts and runs the root chart's render/v1 plugins (template.ts' RunRenderPlugins).
 * All plugins are located before any Wasm runs; one sandbox serves them all.
 * @throws HcpError PLUGIN_RENDER ("render plugins: …") wrapping the cause
 */
export async function runRenderPlugins(
  input: RenderPluginsInput,
  host: RenderPluginsHost,
): Promise<RenderPipelineResult> {
  const { settings, log } = host;
  let plugins: ChartPlugin[];
  let lock: ChartLock | undefined;
  try {
    plugins = readChartPlugins({ plugins: input.plugins }).filter(
      (p) => p.type === RENDER_PLUGIN_TYPE,
    );
    lock = plugins.length === 0 ? undefined : readRenderLock(input.chart);
  } catch (err) {
    throw wrap(err);
  }
  if (plugins.length === 0) return { rendered: new Map(), claimed: new Set(), invoked: [] };
  // Start the sandbox child now (unless already started): its boot overlaps locating, reading
  // and trusting the plugins.
  // No Wasm reaches it before the trust gate has passed.
  const [{ createTrustGate, locateKeptArchive }, { getExtismRuntime }] = await Promise.all([
    import("../plugin/trust.ts"),
    import("../runtimes/extism.ts"),
  ]);
  // The process-wide runtime: the CLI may have started its sandbox already (prepare hook).
  const runtime = getExtismRuntime({ log });
  runtime.prestart(host.execPath);
  try {
    const located: LocatedRenderPlugin[] = [];
    for (const entry of plugins) {
      try {
        located.push(await locateRenderPlugin(entry, { lock, settings, log }));
      } catch (err) {
        throw new HcpError("PLUGIN_RENDER_LOAD", `failed to load render plugin "${entry.name}"`, {
          cause: err,
        });
      }
    }
    const byName = new Map(located.map((p) => [p.entry.name, p] as const));
    const trustGate: TrustGate = createTrustGate({
      keyring: host.keyring ?? settings.defaultKeyring,
      allowUnsigned: host.allowUnsigned === true || settings.allowUnsigned,
      cacheHome: settings.cacheHome,
      log,
      locate: async (who: WasmSubject) => {
        const p = byName.get(who.name);
        if (p?.source === "cache") return p.archive;
        return locateKeptArchive(who);
      },
    });
    const steps: RenderStep[] = located.map((p) => ({
      name: p.entry.name,
      patterns: p.metadata.config.type === RENDER_PLUGIN_TYPE ? p.metadata.config.patterns : [],
      invoke: async (message) => {
        let output: Uint8Array;
        try {
          const result = await runtime.invokeWasm({
            wasm: p.wasm,
            name: p.entry.name,
            ...(p.dir === undefined ? {} : { dir: p.dir }),
            trustGate,
            runtimeConfig: p.metadata.runtimeConfig as ExtismRuntimeConfig,
            input: new TextEncoder().encode(JSON.stringify(message)),
            stderr: "inherit",
            log,
          });
          output = result.output;
        } catch (err) {
          throw invokeFailure(p.entry.name, err);
        }
        return parseRenderOutput(p.entry.name, output);
      },
    }));
    const result = await runRenderPipeline(input.sources, steps, input.context);
    log.debug("render plugins done", {
      invoked: result.invoked.join(","),
      files: String(result.rendered.size),
    });
    return result;
  } catch (err) {
    throw wrap(err);
  } finally {
    await runtime.close();
  }
}
