/**
 * plugin.yaml → PluginMetadata. Decodes legacy (Helm 3 style) and `apiVersion: v1` files,
 * converts both into the one normalised record Helm 4 uses internally, and validates it,
 * reporting every problem found (the first one carries Helm's exact wording). Pure: takes the
 * file's text, never a path on disk.
 */
import { isMap, LineCounter, parseDocument } from "yaml";
import { HcpError } from "../errors.ts";
import { findDuplicateKey, mayHaveDuplicateKeys } from "./duplicate-keys.ts";
import {
  createFieldReader,
  type FieldReader,
  parseRuntimeConfig,
  parseTypeConfig,
} from "./schema.ts";
import {
  type HookEvent,
  PLUGIN_RUNTIMES,
  PLUGIN_TYPES,
  type PlatformCommand,
  type PluginConfig,
  type PluginMetadata,
  type PluginRuntimeName,
  type PluginType,
  type ProtocolCommand,
  type SubprocessRuntimeConfig,
} from "./types.ts";
import { createValueReader, NeedsFullParse } from "./value-reader.ts";

/** Helm's plugin name rule. */
export const PLUGIN_NAME_PATTERN = /^[A-Za-z0-9_-]+$/;

// Strict SemVer 2.0.0 (semver.org's grammar): no `v`, no leading zeros, no spaces.
const SEMVER_PATTERN =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;

const HOOK_EVENTS: readonly HookEvent[] = ["install", "update", "delete"];

const V1_KEYS = new Set([
  "apiVersion",
  "name",
  "type",
  "runtime",
  "version",
  "sourceURL",
  "config",
  "runtimeConfig",
]);

/** Reports whether `name` is a valid plugin name (`^[A-Za-z0-9_-]+$`). */
export function isValidPluginName(name: string): boolean {
  return PLUGIN_NAME_PATTERN.test(name);
}

/** Reports whether `version` is strict SemVer 2.0.0 (Helm's plugin version rule). */
export function isStrictSemver(version: string): boolean {
  return SEMVER_PATTERN.test(version);
}

/** Options of parseMetadata. */
export interface ParseMetadataOptions {
  /** File name used in error positions (relative to the working directory). */
  readonly file?: string;
  /**
   * A fast YAML parser returning plain values (Bun.YAML.parse). When given, valid files are
   * decoded with it; anything it cannot decide exactly goes through the full parse.
   */
  readonly fastParse?: (text: string) => unknown;
}

/**
 * Parses and validates a plugin.yaml. Every problem is collected; the error message joins
 * them with newlines (Helm reports one at a time, in the same order).
 * @throws HcpError PLUGIN_INVALID_METADATA
 */
export function parseMetadata(text: string, options: ParseMetadataOptions = {}): PluginMetadata {
  if (options.fastParse) {
    const fast = tryFastParse(text, options.fastParse);
    if (fast) return fast;
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false });
  const fail = (problems: readonly string[], line?: number): never => {
    throw new HcpError("PLUGIN_INVALID_METADATA", problems.join("\n"), {
      ...(options.file === undefined ? {} : { file: options.file }),
      ...(line === undefined ? {} : { line }),
    });
  };
  const first = doc.errors[0];
  if (first) {
    const line = lineCounter.linePos(first.pos[0]).line;
    // Go's shape (`yaml: line N: …`); the wording after it is the yaml library's.
    const text = (first.message.split("\n")[0] ?? "").replace(/ at line \d+, column \d+:?$/, "");
    const where = line === undefined ? "" : `line ${line}: `;
    fail([`failed to peek plugin.yaml API version: yaml: ${where}${lowerFirst(text)}`], line);
  }
  if (doc.contents === null) {
    // Go's decoder reports an empty (or comments-only) document as EOF.
    fail(["failed to peek plugin.yaml API version: EOF"]);
  }
  if (!isMap(doc.contents)) {
    fail(["failed to peek plugin.yaml API version: yaml: plugin.yaml must be a mapping"]);
  }
  const duplicate = findDuplicateKey(doc, lineCounter);
  if (duplicate) {
    // Go's yaml.v3 rejects repeated keys; at the top level Helm sees it while peeking.
    const prefix = duplicate.topLevel ? "failed to peek plugin.yaml API version: " : "";
    fail([`${prefix}yaml: unmarshal errors:\n  ${duplicate.message}`], duplicate.line);
  }
  const reader = createFieldReader(doc, lineCounter);
  const apiVersion = reader.scalar([], "apiVersion");
  if (apiVersion === undefined || apiVersion === "") return parseLegacy(reader, fail);
  if (apiVersion === "v1") return parseV1(reader, fail);
  return fail([`invalid plugin apiVersion: ${JSON.stringify(apiVersion)}`]);
}

type Fail = (problems: readonly string[]) => never;

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** The fast path: undefined whenever the full parse must decide (errors, odd scalars). */
function tryFastParse(
  text: string,
  fastParse: (text: string) => unknown,
): PluginMetadata | undefined {
  const fail = (): never => {
    throw new NeedsFullParse();
  };
  if (mayHaveDuplicateKeys(text)) return undefined;
  try {
    const value = fastParse(text);
    if (value !== null && (typeof value !== "object" || Array.isArray(value))) return undefined;
    const reader = createValueReader(value);
    const apiVersion = reader.scalar([], "apiVersion");
    if (apiVersion === undefined || apiVersion === "") return parseLegacy(reader, fail);
    if (apiVersion === "v1") return parseV1(reader, fail);
    return undefined;
  } catch {
    return undefined;
  }
}

function parseLegacy(r: FieldReader, fail: Fail): PluginMetadata {
  const problems: string[] = [];
  const name = r.string([], "name");
  const version = r.string([], "version");
  if (!isValidPluginName(name)) {
    problems.push(
      `invalid plugin name ${JSON.stringify(name)}: must contain only a-z, A-Z, 0-9, _ and -`,
    );
  }
  if (version !== "" && !isStrictSemver(version)) {
    problems.push(`invalid plugin version ${JSON.stringify(version)}: must be valid semver`);
  }
  const command = r.string([], "command");
  const platformCommand = r.platformCommands(["platformCommand"], problems);
  if (platformCommand.length > 0 && command !== "") {
    problems.push("both platformCommand and command are set");
  }
  const hooks = r.stringMap(["hooks"], problems, "plugin.Hooks");
  const platformHooks = readPlatformHooks(r, ["platformHooks"], problems);
  const hasHooks = Object.keys(hooks).length > 0;
  if (Object.keys(platformHooks).length > 0 && hasHooks) {
    problems.push("both platformHooks and hooks are set");
  }
  const downloaders = r.list(["downloaders"], problems, "[]plugin.Downloaders");
  const protocolCommands: ProtocolCommand[] = [];
  const protocols: string[] = [];
  downloaders.forEach((_, i) => {
    const dlCommand = r.string(["downloaders", i], "command");
    const dlProtocols = r.stringList(["downloaders", i, "protocols"], problems);
    if (dlCommand === "") problems.push(`downloader ${i} has empty command`);
    if (dlProtocols.length === 0) problems.push(`downloader ${i} has no protocols`);
    dlProtocols.forEach((p, j) => {
      if (p === "") problems.push(`downloader ${i} has empty protocol at index ${j}`);
    });
    protocols.push(...dlProtocols);
    protocolCommands.push({
      protocols: dlProtocols,
      platformCommand: [{ os: "", arch: "", command: dlCommand, args: [] }],
    });
  });
  if (problems.length > 0) fail(problems);

  const convertedHooks: Partial<Record<HookEvent, readonly PlatformCommand[]>> = {};
  for (const event of HOOK_EVENTS) {
    const script = hooks[event];
    if (script !== undefined && script !== "") {
      convertedHooks[event] = [{ os: "", arch: "", command: "sh", args: ["-c", script] }];
    }
  }
  const runtimeConfig: SubprocessRuntimeConfig = {
    runtime: "subprocess",
    platformCommand:
      platformCommand.length > 0
        ? platformCommand
        : command !== ""
          ? [{ os: "", arch: "", command, args: [] }]
          : [],
    platformHooks: hasHooks ? convertedHooks : platformHooks,
    protocolCommands,
    expandHookArgs: !hasHooks,
  };
  const config: PluginConfig =
    downloaders.length > 0
      ? { type: "getter/v1", protocols }
      : {
          type: "cli/v1",
          usage: "",
          shortHelp: sanitizeHelp(r.string([], "usage")),
          longHelp: r.string([], "description"),
          ignoreFlags: r.bool([], "ignoreFlags", problems),
        };
  const metadata: PluginMetadata = {
    apiVersion: "legacy",
    name,
    version,
    type: config.type,
    runtime: "subprocess",
    sourceURL: "",
    config,
    runtimeConfig,
  };
  const generic = validateMetadata(metadata);
  if (generic.length > 0) fail(generic);
  return metadata;
}

function parseV1(r: FieldReader, fail: Fail): PluginMetadata {
  const problems: string[] = [];
  const type = r.string([], "type");
  for (const key of r.keys([])) {
    // hcp accepts `description` on render/v1 plugins (the reference render plugins carry it).
    if (V1_KEYS.has(key) || (key === "description" && type === "render/v1")) continue;
    problems.push(
      `yaml: unmarshal errors:\n  line ${r.keyLine([], key)}: field ${key} not found in type plugin.MetadataV1`,
    );
  }
  // Helm decodes MetadataV1 strictly first: config and runtimeConfig must be mappings.
  const configProblems: string[] = [];
  r.expectMapping(["config"], "map[string]interface {}", configProblems);
  const runtimeConfigProblems: string[] = [];
  r.expectMapping(["runtimeConfig"], "map[string]interface {}", runtimeConfigProblems);
  problems.push(...configProblems, ...runtimeConfigProblems);
  const name = r.string([], "name", problems);
  const version = r.string([], "version", problems);
  const runtime = r.string([], "runtime", problems);
  r.string([], "sourceURL", problems);
  if (!isValidPluginName(name)) problems.push("invalid plugin `name`");
  if (version === "") problems.push("plugin `version` is required");
  else if (!isStrictSemver(version)) {
    problems.push(`invalid plugin \`version\` ${JSON.stringify(version)}: must be valid semver`);
  }
  if (type === "") problems.push("`type` missing");
  if (runtime === "") problems.push("`runtime` missing");
  const convert = (reason: string) =>
    problems.push(`failed to convert MetadataV1 to Metadata: ${reason}`);
  const knownType = PLUGIN_TYPES.includes(type as PluginType);
  const knownRuntime = PLUGIN_RUNTIMES.includes(runtime as PluginRuntimeName);
  if (type !== "" && !knownType) convert(`unknown plugin type ${JSON.stringify(type)}`);
  const config =
    knownType && configProblems.length === 0
      ? parseTypeConfig(r, type as PluginType, convert)
      : undefined;
  if (runtime !== "" && !knownRuntime) {
    convert(`unsupported plugin runtime type: ${JSON.stringify(runtime)}`);
  }
  const runtimeConfig =
    knownRuntime && runtimeConfigProblems.length === 0
      ? parseRuntimeConfig(r, runtime as PluginRuntimeName, (reason) =>
          convert(`failed to unmarshal runtimeConfig for ${runtime} runtime: ${reason}`),
        )
      : undefined;
  if (problems.length > 0 || !config || !runtimeConfig) return fail(problems);
  const metadata: PluginMetadata = {
    apiVersion: "v1",
    name,
    version,
    type: type as PluginType,
    runtime: runtime as PluginRuntimeName,
    sourceURL: r.string([], "sourceURL"),
    config,
    runtimeConfig,
  };
  const generic = validateMetadata(metadata);
  if (generic.length > 0) fail(generic);
  return metadata;
}

/**
 * Helm's generic `Metadata.Validate` over a converted record: returns every problem found,
 * [] when valid.
 */
export function validateMetadata(metadata: PluginMetadata): string[] {
  const problems: string[] = [];
  if (!isValidPluginName(metadata.name)) {
    problems.push(`invalid plugin name ${JSON.stringify(metadata.name)}`);
  }
  if (metadata.version !== "" && !isStrictSemver(metadata.version)) {
    problems.push(`invalid plugin version ${JSON.stringify(metadata.version)}`);
  }
  const config = metadata.config;
  if (config.type !== metadata.type) problems.push("config does not match the plugin type");
  if (config.type === "getter/v1") {
    if (config.protocols.length === 0)
      problems.push("config validation failed: getter has no protocols");
    config.protocols.forEach((p, i) => {
      if (p === "") {
        problems.push(`config validation failed: getter has empty protocol at index ${i}`);
      }
    });
  }
  if (config.type === "render/v1") {
    if (config.patterns.length === 0) {
      problems.push("config validation failed: render plugin has no patterns");
    }
    config.patterns.forEach((p, i) => {
      if (p === "") {
        problems.push(`config validation failed: render plugin has empty pattern at index ${i}`);
      }
    });
  }
  if (metadata.runtimeConfig.runtime !== metadata.runtime) {
    problems.push("runtime config validation failed: runtime config does not match the runtime");
  }
  return problems;
}

/** Legacy `usage` → shortHelp: Unicode whitespace becomes a space, non-printables are dropped. */
export function sanitizeHelp(text: string): string {
  let out = "";
  for (const ch of text) {
    if (/\s/u.test(ch)) out += " ";
    else if (/[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(ch)) out += ch;
  }
  return out;
}

function readPlatformHooks(
  r: FieldReader,
  path: readonly (string | number)[],
  problems: string[],
): Partial<Record<HookEvent, readonly PlatformCommand[]>> {
  const hooks: Partial<Record<HookEvent, readonly PlatformCommand[]>> = {};
  for (const event of r.keys(path)) {
    if (!HOOK_EVENTS.includes(event as HookEvent)) continue;
    const commands = r.platformCommands([...path, event], problems);
    if (commands.length > 0) hooks[event as HookEvent] = commands;
  }
  return hooks;
}
