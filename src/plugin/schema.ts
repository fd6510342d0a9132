/**
 * Typed reading of plugin.yaml nodes: a FieldReader over one parsed YAML document (scalars
 * coerced to strings as Go's yaml does, type errors in Go's `cannot unmarshal` shape with
 * the file's line), plus the per-type config (strict: unknown keys rejected) and per-runtime
 * config (lenient: unknown keys ignored) decoders.
 */
import {
  type Document,
  isMap,
  isNode,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  type Pair,
  parseDocument,
  stringify,
} from "yaml";
import type {
  ExtismRuntimeConfig,
  HookEvent,
  PlatformCommand,
  PluginConfig,
  PluginRuntimeName,
  PluginType,
  ProtocolCommand,
  RuntimeConfig,
} from "./types.ts";

type Path = readonly (string | number)[];

/** Reads typed values out of a plugin.yaml document; `problems` collects type errors. */
export interface FieldReader {
  /** Keys of the mapping at `path` ([] when absent or not a mapping). */
  keys(path: Path): string[];
  /** 1-based line of `key` in the mapping at `path`. */
  keyLine(path: Path, key: string): number;
  /** Whether `path` holds a non-null value. */
  has(path: Path): boolean;
  /** Adds a type error unless `path` is absent, null or a mapping. */
  expectMapping(path: Path, goType: string, problems: string[]): void;
  /** A scalar as a string, undefined when absent or null or not a scalar. */
  scalar(path: Path, key: string): string | undefined;
  /** A string field (scalars coerced); "" when absent; a collection is a type error. */
  string(path: Path, key: string | number, problems?: string[]): string;
  bool(path: Path, key: string, problems: string[]): boolean;
  /** An unsigned integer no larger than `max`; 0 when absent. */
  uint(path: Path, key: string, max: number, goType: string, problems: string[]): number;
  /** A sequence; `goType` names it in type errors (Go's `[]plugin.Downloaders`). */
  list(path: Path, problems: string[], goType?: string): unknown[];
  stringList(path: Path, problems: string[]): string[];
  stringMap(path: Path, problems: string[], goType?: string): Record<string, string>;
  platformCommands(path: Path, problems: string[]): PlatformCommand[];
  /**
   * A reader over the value at `path` re-serialised with sorted keys: Helm decodes config and
   * runtimeConfig from such a re-serialisation, so its line numbers count from there.
   */
  subtree(path: Path): FieldReader;
  /** Adds a problem for every key of the mapping at `path` not in `allowed`. */
  strictKeys(path: Path, allowed: readonly string[], goType: string, problems: string[]): void;
}

function tagOf(node: unknown): string {
  if (isMap(node)) return "!!map";
  if (isSeq(node)) return "!!seq";
  if (isScalar(node)) {
    const v = node.value;
    if (v === null) return "!!null";
    if (typeof v === "boolean") return "!!bool";
    if (typeof v === "number") return Number.isInteger(v) ? "!!int" : "!!float";
    return "!!str";
  }
  return "!!str";
}

/** Creates a FieldReader over a parsed document. */
export function createFieldReader(doc: Document, lineCounter: LineCounter): FieldReader {
  const nodeAt = (path: Path): unknown =>
    path.length === 0 ? doc.contents : doc.getIn(path, true);
  const lineOf = (node: unknown): number => {
    const range = (node as Node | undefined)?.range;
    return range ? lineCounter.linePos(range[0]).line : 0;
  };
  const child = (path: Path, key: string | number): unknown => nodeAt([...path, key]);
  const typeError = (node: unknown, goType: string): string => {
    const tag = tagOf(node);
    const shown = isScalar(node) ? ` \`${String(node.source ?? node.value)}\`` : "";
    return `yaml: unmarshal errors:\n  line ${lineOf(node)}: cannot unmarshal ${tag}${shown} into ${goType}`;
  };
  const isNull = (node: unknown): boolean =>
    node === undefined || node === null || (isScalar(node) && node.value === null);

  const reader: FieldReader = {
    keys(path) {
      const node = nodeAt(path);
      if (!isMap(node)) return [];
      return node.items.map((pair: Pair) => String(isScalar(pair.key) ? pair.key.value : pair.key));
    },
    keyLine(path, key) {
      const node = nodeAt(path);
      if (!isMap(node)) return 0;
      const pair = node.items.find((p: Pair) => isScalar(p.key) && String(p.key.value) === key);
      return lineOf(pair?.key);
    },
    has(path) {
      return !isNull(nodeAt(path));
    },
    expectMapping(path, goType, problems) {
      const node = nodeAt(path);
      if (!isNull(node) && !isMap(node)) problems.push(typeError(node, goType));
    },
    scalar(path, key) {
      const node = child(path, key);
      if (!isScalar(node) || node.value === null) return undefined;
      return String(node.value);
    },
    string(path, key, problems) {
      const node = child(path, key);
      if (isNull(node)) return "";
      if (isScalar(node)) {
        // Go's yaml decodes any scalar into a string field using its source text.
        return typeof node.value === "string" ? node.value : String(node.source ?? node.value);
      }
      problems?.push(typeError(node, "string"));
      return "";
    },
    bool(path, key, problems) {
      const node = child(path, key);
      if (isNull(node)) return false;
      if (isScalar(node) && typeof node.value === "boolean") return node.value;
      problems.push(typeError(node, "bool"));
      return false;
    },
    uint(path, key, max, goType, problems) {
      const node = child(path, key);
      if (isNull(node)) return 0;
      if (
        isScalar(node) &&
        typeof node.value === "number" &&
        Number.isInteger(node.value) &&
        node.value >= 0 &&
        node.value <= max
      ) {
        return node.value;
      }
      problems.push(typeError(node, goType));
      return 0;
    },
    list(path, problems, goType = "[]interface {}") {
      const node = nodeAt(path);
      if (isNull(node)) return [];
      if (isSeq(node)) return node.items;
      problems.push(typeError(node, goType));
      return [];
    },
    stringList(path, problems) {
      return reader.list(path, problems, "[]string").map((_, i) => {
        const item = child(path, i);
        if (isScalar(item)) return item.value === null ? "" : reader.string(path, i);
        problems.push(typeError(item, "string"));
        return "";
      });
    },
    stringMap(path, problems, goType = "map[string]string") {
      const node = nodeAt(path);
      const out: Record<string, string> = {};
      if (isNull(node)) return out;
      if (!isMap(node)) {
        problems.push(typeError(node, goType));
        return out;
      }
      for (const key of reader.keys(path)) out[key] = reader.string(path, key, problems);
      return out;
    },
    platformCommands(path, problems) {
      return reader.list(path, problems, "[]plugin.PlatformCommand").map((_, i) => {
        const at = [...path, i];
        return {
          os: reader.string(at, "os", problems),
          arch: reader.string(at, "arch", problems),
          command: reader.string(at, "command", problems),
          args: reader.stringList([...at, "args"], problems),
        };
      });
    },
    subtree(path) {
      const node = nodeAt(path);
      const value = isNode(node) ? node.toJSON() : (node ?? null);
      const text = value === null ? "" : stringify(value, { sortMapEntries: true });
      const lines = new LineCounter();
      return createFieldReader(parseDocument(text, { lineCounter: lines }), lines);
    },
    strictKeys(path, allowed, goType, problems) {
      for (const key of reader.keys(path)) {
        if (allowed.includes(key)) continue;
        problems.push(
          `yaml: unmarshal errors:\n  line ${reader.keyLine(path, key)}: field ${key} not found in type ${goType}`,
        );
      }
    },
  };
  return reader;
}

/**
 * Decodes `config` for a plugin type (strict, as Helm: an unknown key is an error). Calls
 * `report` once per problem and returns undefined when there was any.
 */
export function parseTypeConfig(
  doc: FieldReader,
  type: PluginType,
  report: (reason: string) => void,
): PluginConfig | undefined {
  const problems: string[] = [];
  // (config being a mapping at all is checked on the document, like Helm's MetadataV1 decode)
  const r = doc.subtree(["config"]);
  const at: Path = [];
  let config: PluginConfig;
  switch (type) {
    case "cli/v1":
      r.strictKeys(
        at,
        ["usage", "shortHelp", "longHelp", "ignoreFlags"],
        "schema.ConfigCLIV1",
        problems,
      );
      config = {
        type,
        usage: r.string(at, "usage", problems),
        shortHelp: r.string(at, "shortHelp", problems),
        longHelp: r.string(at, "longHelp", problems),
        ignoreFlags: r.bool(at, "ignoreFlags", problems),
      };
      break;
    case "getter/v1":
      r.strictKeys(at, ["protocols"], "schema.ConfigGetterV1", problems);
      config = { type, protocols: r.stringList([...at, "protocols"], problems) };
      break;
    case "postrenderer/v1":
      r.strictKeys(at, [], "schema.ConfigPostRendererV1", problems);
      config = { type };
      break;
    case "render/v1":
      r.strictKeys(at, ["patterns"], "schema.ConfigRenderV1", problems);
      config = { type, patterns: r.stringList([...at, "patterns"], problems) };
      break;
    case "test/v1":
      r.strictKeys(at, [], "schema.ConfigTestV1", problems);
      config = { type };
      break;
  }
  for (const p of problems) report(p);
  return problems.length > 0 ? undefined : config;
}

const UINT32_MAX = 0xffff_ffff;

/**
 * Decodes `runtimeConfig` for a runtime (lenient, as Helm: unknown keys are ignored, wrong
 * types are errors). Calls `report` once per problem; undefined when there was any.
 */
export function parseRuntimeConfig(
  doc: FieldReader,
  runtime: PluginRuntimeName,
  report: (reason: string) => void,
): RuntimeConfig | undefined {
  const problems: string[] = [];
  const r = doc.subtree(["runtimeConfig"]);
  const at: Path = [];
  let config: RuntimeConfig;
  if (runtime === "subprocess") {
    const platformHooks: Partial<Record<HookEvent, readonly PlatformCommand[]>> = {};
    for (const event of r.keys([...at, "platformHooks"])) {
      if (event !== "install" && event !== "update" && event !== "delete") continue;
      const commands = r.platformCommands([...at, "platformHooks", event], problems);
      if (commands.length > 0) platformHooks[event] = commands;
    }
    const protocolCommands: ProtocolCommand[] = r
      .list([...at, "protocolCommands"], problems, "[]plugin.SubprocessProtocolCommand")
      .map((_, i) => ({
        protocols: r.stringList([...at, "protocolCommands", i, "protocols"], problems),
        platformCommand: r.platformCommands(
          [...at, "protocolCommands", i, "platformCommand"],
          problems,
        ),
      }));
    config = {
      runtime,
      platformCommand: r.platformCommands([...at, "platformCommand"], problems),
      platformHooks,
      protocolCommands,
      expandHookArgs: false,
    };
  } else {
    const mem = [...at, "memory"];
    const extism: ExtismRuntimeConfig = {
      runtime,
      memory: {
        maxPages: r.uint(mem, "maxPages", UINT32_MAX, "uint32", problems),
        maxHttpResponseBytes: r.uint(
          mem,
          "maxHttpResponseBytes",
          Number.MAX_SAFE_INTEGER,
          "int64",
          problems,
        ),
        maxVarBytes: r.uint(mem, "maxVarBytes", Number.MAX_SAFE_INTEGER, "int64", problems),
      },
      config: r.stringMap([...at, "config"], problems),
      allowedHosts: r.stringList([...at, "allowedHosts"], problems),
      fileSystem: {
        createTempDir: r.bool([...at, "fileSystem"], "createTempDir", problems),
      },
      timeout: r.uint(at, "timeout", Number.MAX_SAFE_INTEGER, "uint64", problems),
      hostFunctions: r.stringList([...at, "hostFunctions"], problems),
      entryFuncName: r.string(at, "entryFuncName", problems) || "helm_plugin_main",
    };
    config = extism;
  }
  for (const p of problems) report(p);
  return problems.length > 0 ? undefined : config;
}
