/**
 * Go's encoding/json as Helm's toJson, toRawJson, toPrettyJson and mustToJson use it: map keys
 * sorted by bytes, struct fields in declaration order, floats like strconv with the 1e21 switch,
 * `<`, `>`, `&` escaped unless raw, U+2028/U+2029 always escaped, []byte as base64, NaN and
 * ±Inf refused with Go's error text.
 */
import { goTypeName } from "../template/go-types.ts";
import { GoInt, GoStruct, isGoMap, isNilSlice } from "../template/value.ts";
import { formatJsonFloat } from "./go-float.ts";

/** A JSON number kept as the exact text Go writes. */
export interface JsonNumber {
  readonly num: string;
}
/** A JSON object with its members in output order. */
export interface JsonObject {
  readonly members: readonly (readonly [string, JsonNode])[];
}
/** The JSON tree Go's encoder would write for a value. */
export type JsonNode = null | boolean | string | JsonNumber | JsonObject | readonly JsonNode[];

/** An error from Go's encoding/json (message as Go prints it). */
export class GoJsonError extends Error {
  override readonly name = "GoJsonError";
}

/** A JSON.parse result as a tree, members in the order the text had them. */
function parsedToTree(x: unknown): JsonNode {
  if (x === null || typeof x === "boolean" || typeof x === "string") return x;
  if (typeof x === "number") return { num: formatJsonFloat(x) };
  if (Array.isArray(x)) return x.map(parsedToTree);
  return {
    members: Object.entries(x as Record<string, unknown>).map(([k, e]) => [k, parsedToTree(e)]),
  };
}

/** Compares strings by UTF-8 bytes (= code points), as Go sorts map keys. */
export function compareBytes(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

function bytesToBase64(bytes: Uint8Array): string {
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

/** Builds the JSON tree Go's json.Marshal produces for a value of the Go value model. */
export function toJsonTree(v: unknown): JsonNode {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case "boolean":
      return v;
    case "string":
      return v.toWellFormed();
    case "number":
      if (Number.isNaN(v)) throw new GoJsonError("json: unsupported value: NaN");
      if (!Number.isFinite(v))
        throw new GoJsonError(`json: unsupported value: ${v > 0 ? "+Inf" : "-Inf"}`);
      return { num: formatJsonFloat(v) };
    case "bigint":
      return { num: v.toString() };
    case "function":
      throw new GoJsonError("json: unsupported type: func()");
  }
  if (v instanceof GoInt) return { num: v.value.toString() };
  if (v instanceof Uint8Array) return bytesToBase64(v);
  if (Array.isArray(v)) return isNilSlice(v) ? null : v.map(toJsonTree);
  if (v instanceof GoStruct) {
    // A json.Marshaler (time.Time, *semver.Version) writes itself.
    const marshal = v.valueMethod("MarshalJSON");
    if (marshal !== undefined && marshal.params.length === 0) {
      const text = new TextDecoder().decode((marshal.fn as () => Uint8Array)());
      return parsedToTree(JSON.parse(text) as unknown);
    }
    const names = v.shape.jsonNames;
    return {
      members: v.exportedFields().map(([k, f]) => [names?.[k] ?? k, toJsonTree(f)] as const),
    };
  }
  if (isGoMap(v)) {
    const keys = Object.keys(v).sort(compareBytes);
    return { members: keys.map((k) => [k.toWellFormed(), toJsonTree(v[k])] as const) };
  }
  if (v instanceof Map) {
    const keys = [...v.keys()].map(String).sort(compareBytes);
    return { members: keys.map((k) => [k, toJsonTree(v.get(k))] as const) };
  }
  throw new GoJsonError(`json: unsupported type: ${goTypeName(v)}`);
}

const HEX = "0123456789abcdef";

/** Quotes a string like Go's encoding/json (escapeHTML as json.Marshal's default). */
export function quoteJsonString(s: string, escapeHTML: boolean): string {
  let out = '"';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let esc: string | undefined;
    if (c < 0x20) {
      esc =
        c === 0x0a
          ? "\\n"
          : c === 0x0d
            ? "\\r"
            : c === 0x09
              ? "\\t"
              : c === 0x08
                ? "\\b"
                : c === 0x0c
                  ? "\\f"
                  : `\\u00${HEX[c >> 4]}${HEX[c & 15]}`;
    } else if (c === 0x22) esc = '\\"';
    else if (c === 0x5c) esc = "\\\\";
    else if (escapeHTML && (c === 0x3c || c === 0x3e || c === 0x26)) esc = `\\u00${c.toString(16)}`;
    else if (c === 0x2028 || c === 0x2029) esc = `\\u${c.toString(16)}`;
    if (esc !== undefined) {
      out += s.slice(start, i) + esc;
      start = i + 1;
    }
  }
  return out + s.slice(start) + '"';
}

/** Options of writeJson. */
export interface WriteJsonOptions {
  readonly escapeHTML: boolean;
  /** Indent unit for json.MarshalIndent(v, "", indent); omitted = compact. */
  readonly indent?: string;
}

/** Writes a JSON tree as Go's encoder does (compact, or MarshalIndent style). */
export function writeJson(node: JsonNode, options: WriteJsonOptions): string {
  const parts: string[] = [];
  const { escapeHTML, indent } = options;
  const walk = (n: JsonNode, depth: number): void => {
    if (n === null) parts.push("null");
    else if (typeof n === "boolean") parts.push(n ? "true" : "false");
    else if (typeof n === "string") parts.push(quoteJsonString(n, escapeHTML));
    else if (Array.isArray(n)) {
      const arr = n as readonly JsonNode[];
      if (arr.length === 0) {
        parts.push("[]");
        return;
      }
      parts.push("[");
      arr.forEach((e, i) => {
        if (i > 0) parts.push(",");
        if (indent !== undefined) parts.push(`\n${indent.repeat(depth + 1)}`);
        walk(e, depth + 1);
      });
      if (indent !== undefined) parts.push(`\n${indent.repeat(depth)}`);
      parts.push("]");
    } else if ("num" in n) parts.push(n.num);
    else {
      const members = (n as JsonObject).members;
      if (members.length === 0) {
        parts.push("{}");
        return;
      }
      parts.push("{");
      members.forEach(([k, e], i) => {
        if (i > 0) parts.push(",");
        if (indent !== undefined) parts.push(`\n${indent.repeat(depth + 1)}`);
        parts.push(quoteJsonString(k, escapeHTML), indent !== undefined ? ": " : ":");
        walk(e, depth + 1);
      });
      if (indent !== undefined) parts.push(`\n${indent.repeat(depth)}`);
      parts.push("}");
    }
  };
  walk(node, 0);
  return parts.join("");
}
