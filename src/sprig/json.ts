/**
 * Sprig's JSON functions (toJson, toPrettyJson, toRawJson, fromJson and must* variants) with Go
 * encoding/json output: sorted map keys, HTML-safe escaping (except toRawJson), Go float text.
 * Helm replaces toJson, mustToJson and fromJson with its own; the rest come from here.
 */
import { goTypeName, sortedKeys } from "../template/fmt.ts";
import { type FuncMap, GoInt, GoStruct, goFunc, isGoMap } from "../template/value.ts";
import { base64Encode } from "./encoding.ts";
import { checkJsonSyntax } from "./json-check.ts";

function quoteJson(s: string, escapeHtml: boolean): string {
  let out = '"';
  for (const c of s) {
    const cp = c.codePointAt(0)!;
    if (c === '"') out += '\\"';
    else if (c === "\\") out += "\\\\";
    else if (c === "\n") out += "\\n";
    else if (c === "\r") out += "\\r";
    else if (c === "\t") out += "\\t";
    else if (c === "\b") out += "\\b";
    else if (c === "\f") out += "\\f";
    else if (
      cp < 0x20 ||
      cp === 0x2028 ||
      cp === 0x2029 ||
      (escapeHtml && (c === "<" || c === ">" || c === "&"))
    ) {
      out += `\\u${cp.toString(16).padStart(4, "0")}`;
    } else if (cp >= 0xd800 && cp <= 0xdfff) out += "\ufffd";
    else out += c;
  }
  return `${out}"`;
}

/** Go's encoding/json float64 text. */
function floatJson(f: number): string {
  if (!Number.isFinite(f))
    throw new Error(
      `json: unsupported value: ${Number.isNaN(f) ? "NaN" : f > 0 ? "+Inf" : "-Inf"}`,
    );
  return String(f);
}

/** Encodes a Go value as JSON like encoding/json (indent "" = compact). */
export function encodeJson(v: unknown, options: { escapeHtml: boolean; indent: string }): string {
  const { escapeHtml, indent } = options;
  const enc = (x: unknown, depth: number): string => {
    const nl = indent === "" ? "" : `\n${indent.repeat(depth + 1)}`;
    const end = indent === "" ? "" : `\n${indent.repeat(depth)}`;
    const colon = indent === "" ? ":" : ": ";
    if (x === null || x === undefined) return "null";
    if (typeof x === "string") return quoteJson(x, escapeHtml);
    if (typeof x === "boolean") return String(x);
    if (typeof x === "number") return floatJson(x);
    if (typeof x === "bigint" || x instanceof GoInt) return x.toString();
    if (x instanceof Uint8Array) return quoteJson(base64Encode(x), escapeHtml);
    if (Array.isArray(x)) {
      if (x.length === 0) return "[]";
      return `[${x.map((e) => nl + enc(e, depth + 1)).join(",")}${end}]`;
    }
    if (x instanceof GoStruct) {
      // json.Marshaler (time.Time, *semver.Version): its output, compacted, is the encoding.
      const marshal = x.methods["MarshalJSON"];
      if (marshal !== undefined && marshal.params.length === 0) {
        const raw = new TextDecoder().decode((marshal.fn as () => Uint8Array)());
        const v = JSON.parse(raw) as unknown;
        return typeof v === "string" ? quoteJson(v, escapeHtml) : raw;
      }
      const keys = x.fieldOrder;
      if (keys.length === 0) return "{}";
      return `{${keys.map((k) => nl + quoteJson(k, escapeHtml) + colon + enc(x.fields[k], depth + 1)).join(",")}${end}}`;
    }
    if (isGoMap(x)) {
      const keys = sortedKeys(x);
      if (keys.length === 0) return "{}";
      return `{${keys.map((k) => nl + quoteJson(k, escapeHtml) + colon + enc(x[k], depth + 1)).join(",")}${end}}`;
    }
    throw new Error(`json: unsupported type: ${goTypeName(x)}`);
  };
  return enc(v, 0);
}

/**
 * Go's json.Unmarshal into interface{} (numbers are float64), with Go's error text.
 * @throws Error with encoding/json's message for bad syntax or out-of-range numbers
 */
export function decodeJson(s: string): unknown {
  const syntax = checkJsonSyntax(s);
  if (syntax !== undefined) throw new Error(syntax);
  const huge = /(?<![\w."])-?\d+(?:\.\d+)?[eE][+-]?\d{3,}/.exec(s);
  const value = JSON.parse(s, (_k, v: unknown) => {
    if (typeof v === "number" && !Number.isFinite(v)) {
      throw new Error(
        `json: cannot unmarshal number ${huge?.[0] ?? v} into Go value of type float64`,
      );
    }
    return v;
  }) as unknown;
  return value;
}

/** The JSON functions. */
export function jsonFuncs(): FuncMap {
  const I = "interface {}" as const;
  const compact = (x: unknown) => encodeJson(x, { escapeHtml: true, indent: "" });
  const pretty = (x: unknown) => encodeJson(x, { escapeHtml: true, indent: "  " });
  const raw = (x: unknown) => encodeJson(x, { escapeHtml: false, indent: "" });
  const quiet = (f: (x: unknown) => string) => (x: unknown) => {
    try {
      return f(x);
    } catch {
      return "";
    }
  };
  return {
    toJson: goFunc([I], quiet(compact)),
    mustToJson: goFunc([I], compact, { returnsError: true }),
    toPrettyJson: goFunc([I], quiet(pretty)),
    mustToPrettyJson: goFunc([I], pretty, { returnsError: true }),
    toRawJson: goFunc([I], raw),
    mustToRawJson: goFunc([I], raw, { returnsError: true }),
    fromJson: goFunc(["string"], (s: string) => {
      try {
        return decodeJson(s);
      } catch {
        return null;
      }
    }),
    mustFromJson: goFunc(["string"], decodeJson, { returnsError: true }),
  };
}
