/**
 * Loading plugins from disk: one plugin directory (plugin.yaml + the runtime's own files),
 * and discovery over the plugins directories (Helm's `FindPlugins`: one level of
 * `<dir>/*\/plugin.yaml`, lexical order, symlinked plugin dirs followed). A broken plugin is
 * reported through the logger and skipped; it never hides the others.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { formatErrorChain, HcpError } from "../errors.ts";
import type { Logger } from "../log.ts";
import { parseMetadata } from "./metadata.ts";
import type { PluginRecord, PluginType } from "./types.ts";

/** Name of the metadata file at the top of a plugin directory. */
export const PLUGIN_YAML = "plugin.yaml";

/**
 * Whether an archive entry path is a plugin's plugin.yaml: at the archive root (flat layout)
 * or in one top directory (the `plugin package` layout).
 */
export function isArchivePluginYaml(path: string): boolean {
  return path === PLUGIN_YAML || /^[^/]+\/plugin\.yaml$/.test(path);
}

/**
 * Loads the plugin in `dir` (as given: a symlinked dev install keeps its link path);
 * `label` is how error messages name the directory (default `dir`).
 * @throws HcpError PLUGIN_LOAD (wrapping PLUGIN_INVALID_METADATA or the read error),
 *   PLUGIN_WASM_MISSING for an extism/v1 plugin without plugin.wasm
 */
export async function loadPluginDir(
  dir: string,
  options: { readonly label?: string; readonly text?: string } = {},
): Promise<PluginRecord> {
  const file = join(dir, PLUGIN_YAML);
  const label = options.label ?? dir;
  let metadata: PluginRecord["metadata"];
  try {
    const text = options.text ?? (await readFile(file, "utf8"));
    metadata = parseMetadata(text, { file, fastParse: Bun.YAML.parse });
  } catch (err) {
    const cause = isNotFound(err)
      ? new HcpError("PLUGIN_METADATA_MISSING", "plugin metadata (plugin.yaml) missing", {
          file,
        })
      : err;
    throw new HcpError("PLUGIN_LOAD", `failed to load plugin ${JSON.stringify(label)}`, {
      file,
      cause,
    });
  }
  if (metadata.runtime === "extism/v1") {
    const wasm = join(dir, "plugin.wasm");
    if (!isFile(wasm)) {
      throw new HcpError(
        "PLUGIN_WASM_MISSING",
        `wasm binary missing for extism/v1 plugin: ${JSON.stringify(join(label, "plugin.wasm"))}`,
        { file: wasm, hint: "build the plugin so plugin.wasm sits next to plugin.yaml" },
      );
    }
  }
  return { metadata, dir };
}

/** Options of findPlugins. */
export interface FindPluginsOptions {
  /** Only plugins of this type. */
  readonly type?: PluginType;
  /** Only plugins with this metadata name. */
  readonly name?: string;
  /** Where broken plugins are reported (skipped silently without one). */
  readonly log?: Logger;
}

/**
 * Finds every loadable plugin in `dirs` (in order), filtered by type and name.
 * @throws HcpError PLUGIN_DUPLICATE when two plugins of one directory claim the same name
 */
export async function findPlugins(
  dirs: readonly string[],
  options: FindPluginsOptions = {},
): Promise<PluginRecord[]> {
  const found: PluginRecord[] = [];
  for (const dir of dirs) {
    const byName = new Map<string, string>();
    for (const record of await loadPluginsIn(dir, options.log)) {
      const other = byName.get(record.metadata.name);
      if (other !== undefined) {
        throw new HcpError(
          "PLUGIN_DUPLICATE",
          `two plugins claim the name ${JSON.stringify(record.metadata.name)} at ${JSON.stringify(other)} and ${JSON.stringify(record.dir)}`,
          { hint: "remove or rename one of the two plugin directories" },
        );
      }
      byName.set(record.metadata.name, record.dir);
      if (options.type !== undefined && record.metadata.type !== options.type) continue;
      if (options.name !== undefined && record.metadata.name !== options.name) continue;
      found.push(record);
    }
  }
  return found;
}

/**
 * Finds the first plugin named `name` (and of `type`, when given) in `dirs`.
 * @throws HcpError PLUGIN_NOT_FOUND, PLUGIN_DUPLICATE
 */
export async function findPlugin(
  dirs: readonly string[],
  name: string,
  options: Omit<FindPluginsOptions, "name"> = {},
): Promise<PluginRecord> {
  const [first] = await findPlugins(dirs, { ...options, name });
  if (first) return first;
  throw new HcpError(
    "PLUGIN_NOT_FOUND",
    `plugin: {Name:${name} Type:${options.type ?? ""}} not found`,
    { hint: 'run "hcp plugin list" to see the installed plugins' },
  );
}

// Sync reads on purpose: discovery reads dozens of tiny files on every `hcp <plugin>` and
// `hcp plugin list`; one thread-pool round trip per file cost ~5 ms more than reading them
// in order (bench/plugin.sh, 50 plugins).
async function loadPluginsIn(dir: string, log: Logger | undefined): Promise<PluginRecord[]> {
  let entries: string[];
  try {
    entries = readdirSync(dir).sort(compareBytes);
  } catch {
    return []; // a missing plugins directory has no plugins (as Helm's glob)
  }
  const records: PluginRecord[] = [];
  for (const entry of entries) {
    const pluginDir = join(dir, entry);
    const file = join(pluginDir, PLUGIN_YAML);
    // One read instead of stat + read: a dir without plugin.yaml is simply not a plugin.
    const text = readOptionalText(file);
    if (text === undefined) continue;
    try {
      records.push(await loadPluginDir(pluginDir, { text }));
    } catch (err) {
      log?.warn("failed to load plugin (ignoring)", {
        plugin_yaml: file,
        error: formatErrorChain(err),
      });
    }
  }
  return records;
}

function readOptionalText(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

/** Byte-wise comparison (Go's sort.Strings), not locale order. */
function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isFile(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isFile() === true;
}

function isNotFound(err: unknown): boolean {
  return (err as NodeJS.ErrnoException | undefined)?.code === "ENOENT";
}
