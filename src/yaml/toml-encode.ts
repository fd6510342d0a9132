/**
 * Helm's toToml: BurntSushi/toml's encoder. Map keys sorted by bytes, struct fields in declared
 * order (exported ones only); plain values of a table first, then sub-tables and arrays of
 * tables; two-space indentation per table level; floats always look like floats; a nil inside
 * an array is an error, a nil map value is skipped.
 */
import { GoInt, GoStruct, isGoMap } from "../template/value.ts";
import { formatFloatG } from "./go-float.ts";
import { compareBytes } from "./go-json.ts";

/** An error from the TOML encoder, worded as BurntSushi/toml words it. */
export class TomlError extends Error {
  override readonly name = "TomlError";
}

const BARE_KEY = /^[A-Za-z0-9_-]+$/;

/** Quotes a TOML basic string like BurntSushi/toml. */
export function quoteToml(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\b") out += "\\b";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\f") out += "\\f";
    else if (ch === "\r") out += "\\r";
    else if (c < 0x20 || c === 0x7f) out += `\\u${c.toString(16).padStart(4, "0")}`;
    else out += ch;
  }
  return `${out}"`;
}

function keyText(k: string): string {
  return BARE_KEY.test(k) ? k : quoteToml(k);
}

/** Whether `v` is written as a table (a map or a struct). */
function isTable(v: unknown): boolean {
  return v instanceof GoStruct || isGoMap(v);
}

/** A table's keys and values in the encoder's order: a map's sorted, a struct's declared. */
function fieldsOf(v: unknown): [string, unknown][] | undefined {
  if (v instanceof GoStruct) return v.exportedFields();
  if (!isGoMap(v)) return undefined;
  return Object.keys(v)
    .sort(compareBytes)
    .map((k) => [k, v[k]]);
}

function isTableArray(v: unknown): v is unknown[] {
  if (!Array.isArray(v) || v.length === 0) return false;
  let all = true;
  for (const e of v) {
    if (e === null || e === undefined)
      throw new TomlError("toml: cannot encode array with nil element");
    if (!isTable(e)) all = false;
  }
  return all;
}

function floatText(f: number): string {
  if (Number.isNaN(f)) return "nan";
  if (f === Infinity) return "inf";
  if (f === -Infinity) return "-inf";
  const s = formatFloatG(f);
  return /[.eE]/.test(s) ? s : `${s}.0`;
}

function inlineValue(v: unknown): string {
  switch (typeof v) {
    case "string":
      return quoteToml(v);
    case "boolean":
      return v ? "true" : "false";
    case "bigint":
      return v.toString();
    case "number":
      return floatText(v);
  }
  if (v instanceof GoInt) return v.value.toString();
  if (Array.isArray(v)) {
    isTableArray(v); // rejects nil elements
    return `[${v.map(inlineValue).join(", ")}]`;
  }
  const fields = fieldsOf(v);
  if (fields) {
    const set = fields.filter(([, f]) => f !== null && f !== undefined);
    return `{${set.map(([k, f]) => `${keyText(k)} = ${inlineValue(f)}`).join(", ")}}`;
  }
  if (v === null || v === undefined) throw new TomlError("toml: cannot encode a nil value");
  return quoteToml(String(v));
}

class TomlEncoder {
  out = "";

  #newline(): void {
    if (this.out !== "") this.out += "\n";
  }

  table(key: readonly string[], fields: readonly [string, unknown][]): void {
    const sub: [string, unknown][] = [];
    const indent = "  ".repeat(key.length);
    for (const [k, v] of fields) {
      if (v === null || v === undefined) continue;
      if (isTable(v) || isTableArray(v)) {
        sub.push([k, v]);
        continue;
      }
      this.out += `${indent}${keyText(k)} = ${inlineValue(v)}\n`;
    }
    for (const [k, v] of sub) {
      const path = [...key, k];
      const header = path.map(keyText).join(".");
      const headerIndent = "  ".repeat(path.length - 1);
      const inner = fieldsOf(v);
      if (inner) {
        if (path.length === 1) this.#newline();
        this.out += `${headerIndent}[${header}]\n`;
        this.table(path, inner);
      } else {
        for (const e of v as unknown[]) {
          this.#newline();
          this.out += `${headerIndent}[[${header}]]\n`;
          this.table(path, fieldsOf(e) as [string, unknown][]);
        }
      }
    }
  }
}

/**
 * BurntSushi/toml's Encode for a value (a map becomes a document, anything else its inline form).
 * @throws TomlError e.g. "toml: cannot encode array with nil element".
 */
export function encodeToml(v: unknown): string {
  const fields = fieldsOf(v);
  if (!fields) return inlineValue(v);
  const enc = new TomlEncoder();
  enc.table([], fields);
  return enc.out;
}

/** Helm's toToml: the TOML text, or the encoder's error message as the result. */
export function toToml(v: unknown): string {
  try {
    return encodeToml(v);
  } catch (err) {
    if (err instanceof TomlError) return err.message;
    throw err;
  }
}
