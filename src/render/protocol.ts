/**
 * The render/v1 wire format (chart-defined-plugins spec §9): the JSON input hcp sends to a
 * render plugin and the JSON output it expects back. Output is validated strictly: a plugin
 * may only write relative, normalised paths (no "..", no absolute paths, no backslashes).
 */
import { HcpError } from "../errors.ts";

/** A chart file as sent on the wire: slash path + standard base64 data (Go []byte JSON). */
export interface SourceFileV1 {
  readonly name: string;
  readonly data: string;
}

/** Release fields every render/v1 input carries (all keys always present). */
export interface ReleaseV1 {
  readonly name: string;
  readonly namespace: string;
  readonly revision: number;
  readonly isInstall: boolean;
  readonly isUpgrade: boolean;
  readonly service: "Helm";
}

/** Chart fields of the input (appVersion/description/type omitted when empty). */
export interface ChartV1 {
  readonly name: string;
  readonly version: string;
  readonly appVersion?: string;
  readonly description?: string;
  readonly type?: string;
  readonly isRoot: boolean;
}

/** Capabilities of the input. */
export interface CapabilitiesV1 {
  readonly kubeVersion: {
    readonly version: string;
    readonly major: string;
    readonly minor: string;
  };
  readonly apiVersions: readonly string[];
  readonly helmVersion: string;
}

/** InputMessageRenderV1 minus sourceFiles: the part shared by every plugin of one render. */
export interface RenderContextV1 {
  readonly release: ReleaseV1;
  readonly values: unknown;
  readonly chart: ChartV1;
  readonly subcharts: Readonly<Record<string, { name: string; version?: string; enabled: true }>>;
  readonly files: readonly SourceFileV1[];
  readonly capabilities: CapabilitiesV1;
}

/** InputMessageRenderV1. */
export interface InputMessageRenderV1 extends RenderContextV1 {
  readonly sourceFiles: readonly SourceFileV1[];
}

/** A decoded source file: name + bytes. */
export interface SourceFile {
  readonly name: string;
  readonly data: Uint8Array;
}

/** OutputMessageRenderV1, validated. */
export interface OutputMessageRenderV1 {
  readonly renderedFiles: ReadonlyMap<string, string>;
  readonly modifiedSourceFiles: readonly SourceFile[];
  readonly errors: readonly string[];
}

/** Encodes bytes as a wire SourceFileV1. */
export function encodeSourceFile(file: SourceFile): SourceFileV1 {
  return { name: file.name, data: file.data.toBase64() };
}

/** Reports why a plugin-chosen path is unsafe, or undefined when it is fine. */
export function unsafePathReason(path: string): string | undefined {
  if (path === "") return "is empty";
  if (path.startsWith("/") || /^[A-Za-z]:/.test(path)) return "is absolute";
  if (path.includes("\\")) return "contains a backslash";
  if (path.includes("\0")) return "contains a NUL byte";
  if (path.split("/").some((seg) => seg === ".." || seg === "." || seg === "")) {
    return 'is not a normalised relative path (".", ".." or empty segment)';
  }
  return undefined;
}

function fail(plugin: string, why: string): HcpError {
  return new HcpError(
    "PLUGIN_RENDER_OUTPUT",
    `invalid output from render plugin "${plugin}": ${why}`,
    {
      hint: "this is a bug in the plugin; report it to the plugin's author",
    },
  );
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Parses and validates a plugin's output bytes.
 * @throws HcpError PLUGIN_RENDER_OUTPUT for invalid JSON, wrong shapes or unsafe paths.
 */
export function parseRenderOutput(plugin: string, bytes: Uint8Array): OutputMessageRenderV1 {
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch (err) {
    throw fail(plugin, `not valid UTF-8 JSON (${(err as Error).message})`);
  }
  if (!isRecord(raw)) throw fail(plugin, "expected a JSON object");
  const renderedFiles = new Map<string, string>();
  if (raw.renderedFiles !== undefined && raw.renderedFiles !== null) {
    if (!isRecord(raw.renderedFiles)) throw fail(plugin, '"renderedFiles" must be an object');
    for (const [name, text] of Object.entries(raw.renderedFiles)) {
      const why = unsafePathReason(name);
      if (why) throw fail(plugin, `rendered file path "${name}" ${why}`);
      if (typeof text !== "string") throw fail(plugin, `rendered file "${name}" must be a string`);
      renderedFiles.set(name, text);
    }
  }
  const modifiedSourceFiles: SourceFile[] = [];
  if (raw.modifiedSourceFiles !== undefined && raw.modifiedSourceFiles !== null) {
    if (!Array.isArray(raw.modifiedSourceFiles)) {
      throw fail(plugin, '"modifiedSourceFiles" must be an array');
    }
    for (const entry of raw.modifiedSourceFiles) {
      if (!isRecord(entry) || typeof entry.name !== "string" || typeof entry.data !== "string") {
        throw fail(plugin, 'each "modifiedSourceFiles" entry needs string "name" and "data"');
      }
      const why = unsafePathReason(entry.name);
      if (why) throw fail(plugin, `modified source file path "${entry.name}" ${why}`);
      if (!entry.name.startsWith("templates/")) {
        throw fail(plugin, `modified source file "${entry.name}" is outside templates/`);
      }
      let data: Uint8Array;
      try {
        data = Uint8Array.fromBase64(entry.data);
      } catch {
        throw fail(plugin, `modified source file "${entry.name}" has invalid base64 data`);
      }
      modifiedSourceFiles.push({ name: entry.name, data });
    }
  }
  const errors: string[] = [];
  if (raw.errors !== undefined && raw.errors !== null) {
    if (!Array.isArray(raw.errors)) throw fail(plugin, '"errors" must be an array of strings');
    for (const e of raw.errors) errors.push(typeof e === "string" ? e : JSON.stringify(e));
  }
  return { renderedFiles, modifiedSourceFiles, errors };
}
