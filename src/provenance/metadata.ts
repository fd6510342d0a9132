/**
 * The metadata part of a plugin .prov, in the shape Helm 4 writes it: its internal
 * `plugin.Metadata` record with Go field names, keys sorted, `null` for empty lists,
 * yaml.v2-style scalars. Helm never reads this part back, so the shape is for fidelity only.
 */
import { stringify } from "yaml";
import type { PlatformCommand, PluginMetadata } from "../plugin/index.ts";

type GoValue = string | number | boolean | null | GoValue[] | { [key: string]: GoValue };

function goList<T>(items: readonly T[], map: (item: T) => GoValue): GoValue {
  return items.length === 0 ? null : items.map(map);
}

function goCommand(c: PlatformCommand): GoValue {
  return {
    Architecture: c.arch,
    Args: goList(c.args, (a) => a),
    Command: c.command,
    OperatingSystem: c.os,
  };
}

function goConfig(meta: PluginMetadata): GoValue {
  const c = meta.config;
  switch (c.type) {
    case "cli/v1":
      return {
        IgnoreFlags: c.ignoreFlags,
        LongHelp: c.longHelp,
        ShortHelp: c.shortHelp,
        Usage: c.usage,
      };
    case "getter/v1":
      return { Protocols: goList(c.protocols, (p) => p) };
    case "render/v1":
      return { Patterns: goList(c.patterns, (p) => p) };
    default:
      return {};
  }
}

function goRuntimeConfig(meta: PluginMetadata): GoValue {
  const r = meta.runtimeConfig;
  if (r.runtime === "subprocess") {
    const hooks: Record<string, GoValue> = {};
    for (const [event, list] of Object.entries(r.platformHooks)) {
      if (list) hooks[event] = goList(list, goCommand);
    }
    return {
      PlatformCommand: goList(r.platformCommand, goCommand),
      PlatformHooks: Object.keys(hooks).length === 0 ? null : hooks,
      ProtocolCommands: goList(r.protocolCommands, (p) => ({
        PlatformCommand: goList(p.platformCommand, goCommand),
        Protocols: goList(p.protocols, (s) => s),
      })),
    };
  }
  return {
    AllowedHosts: goList(r.allowedHosts, (h) => h),
    Config: Object.keys(r.config).length === 0 ? null : { ...r.config },
    EntryFuncName: r.entryFuncName,
    FileSystem: { CreateTempDir: r.fileSystem.createTempDir },
    HostFunctions: goList(r.hostFunctions, (h) => h),
    Memory: {
      MaxHTTPResponseBytes: r.memory.maxHttpResponseBytes,
      MaxPages: r.memory.maxPages,
      MaxVarBytes: r.memory.maxVarBytes,
    },
    Timeout: r.timeout,
  };
}

/** Converts plugin metadata to Helm's Go-field record (what Helm serialises into the .prov). */
export function toGoMetadata(meta: PluginMetadata): Record<string, GoValue> {
  return {
    APIVersion: meta.apiVersion,
    Config: goConfig(meta),
    Name: meta.name,
    Runtime: meta.runtime,
    RuntimeConfig: goRuntimeConfig(meta),
    SourceURL: meta.sourceURL,
    Type: meta.type,
    Version: meta.version,
  };
}

/** Formats plugin metadata as the YAML metadata part of a .prov (ends with a newline). */
export function formatProvMetadata(meta: PluginMetadata | Record<string, unknown>): string {
  const record =
    "apiVersion" in meta && "runtimeConfig" in meta ? toGoMetadata(meta as PluginMetadata) : meta;
  const text = stringify(record, {
    sortMapEntries: true,
    indentSeq: false,
    singleQuote: true,
    lineWidth: 0,
    nullStr: "null",
  });
  // yaml.v2 writes the empty string as "" (the yaml package prefers '' once single quotes are on).
  return text.replace(/(: |- )''$/gm, '$1""');
}
