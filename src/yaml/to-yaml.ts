/**
 * Helm's toYaml / mustToYaml (sigs.k8s.io/yaml.Marshal: encoding/json, then the JSON read back
 * by go-yaml v2 and written by its emitter) and toYamlPretty (go-yaml v3 encoder, indent 2,
 * straight from the value). Both trim one final newline, as Helm does.
 */
import { GoInt, GoStruct, isGoMap, isNilSlice } from "../template/value.ts";
import { emitYaml, FLAVOR_V2, FLAVOR_V3, isBlockPlainSafe, type YamlNode } from "./emit.ts";
import { formatFloatG, formatJsonFloat } from "./go-float.ts";
import { GoJsonError, type JsonNode, toJsonTree } from "./go-json.ts";
import { canUsePlain, resolvePlain } from "./resolve.ts";

const IS_LETTER = /\p{L}/u;
const IS_DIGIT = /\p{Nd}/u;

/** go-yaml's key order: letters by code point, digit runs by numeric value (keyList.Less). */
export function compareYamlKeys(a: string, b: string, v3 = false): number {
  if (a === b) return 0;
  const ar = codePoints(a);
  const br = codePoints(b);
  return yamlKeyLess(ar, br, v3) ? -1 : yamlKeyLess(br, ar, v3) ? 1 : 0;
}

// Keys of ASCII letters and the punctuation below "A" (no digits): go-yaml's order of such keys
// is plain code-point order (two letters or two non-letters compare by code point, a
// non-letter sorts before a letter, and every such non-letter is below every letter).
const CODE_POINT_ORDER_KEY = /^[\x20-\x2f\x3a-\x40A-Za-z]*$/;

/**
 * Sorts map keys in go-yaml's order (yaml.v3's with `v3`: after equal digits, a letter sorts
 * before a longer number, "1a" < "10"). Each key's code points are computed once, not per
 * comparison.
 */
function sortYamlKeys(keys: readonly string[], v3: boolean): string[] {
  if (keys.length < 2) return [...keys];
  if (keys.every((k) => CODE_POINT_ORDER_KEY.test(k))) return [...keys].sort();
  const decorated = keys.map((k) => ({ k, cps: codePoints(k) }));
  decorated.sort((a, b) => {
    if (a.k === b.k) return 0;
    return yamlKeyLess(a.cps, b.cps, v3) ? -1 : yamlKeyLess(b.cps, a.cps, v3) ? 1 : 0;
  });
  return decorated.map((d) => d.k);
}

const ASCII = /^[\x00-\x7f]*$/;

function codePoints(s: string): readonly number[] {
  if (ASCII.test(s)) {
    const out = new Array<number>(s.length);
    for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
    return out;
  }
  return Array.from(s, (c) => c.codePointAt(0) as number);
}

function isLetter(cp: number): boolean {
  if (cp < 0x80) return (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a);
  return IS_LETTER.test(String.fromCodePoint(cp));
}

function isDigit(cp: number): boolean {
  if (cp < 0x80) return cp >= 0x30 && cp <= 0x39;
  return IS_DIGIT.test(String.fromCodePoint(cp));
}

function yamlKeyLess(ar: readonly number[], br: readonly number[], v3: boolean): boolean {
  let digits = false;
  for (let i = 0; i < ar.length && i < br.length; i++) {
    const x = ar[i] as number;
    const y = br[i] as number;
    if (x === y) {
      digits = isDigit(x);
      continue;
    }
    const al = isLetter(x);
    const bl = isLetter(y);
    if (al && bl) return x < y;
    if (al || bl) return v3 && digits ? al : bl;
    let an = 0n;
    let bn = 0n;
    if (x === 0x30 || y === 0x30) {
      for (let j = i - 1; j >= 0 && isDigit(ar[j] as number); j--) {
        if (ar[j] !== 0x30) {
          an = 1n;
          bn = 1n;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && isDigit(ar[ai] as number); ai++)
      an = BigInt.asIntN(64, an * 10n + BigInt((ar[ai] as number) - 0x30));
    let bi = i;
    for (; bi < br.length && isDigit(br[bi] as number); bi++)
      bn = BigInt.asIntN(64, bn * 10n + BigInt((br[bi] as number) - 0x30));
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return x < y;
  }
  return ar.length < br.length;
}

/** go-yaml's encoder choice for a string: literal if multi-line, plain if safe, else double. */
function stringNode(s: string, v3: boolean): YamlNode {
  const style = s.includes("\n") ? "literal" : canUsePlain(s, v3) ? "plain" : "double";
  return { kind: "scalar", value: s, style };
}

function plain(value: string): YamlNode {
  return { kind: "scalar", value, style: "plain" };
}

// Characters go-yaml's reader refuses in its input ("control characters are not allowed").
// Go's JSON encoder escapes C0 controls, so only DEL, C1 controls and U+FFFE/U+FFFF reach it raw.
const YAML_READER_REJECTS = /[\u007f-\u0084\u0086-\u009f\ufffe\uffff]/;

/**
 * A JSON string as go-yaml reads it back inside a double-quoted scalar: raw NEL (which Go's
 * JSON encoder leaves unescaped) is a line break there and folds like one.
 */
function readBackString(s: string): string {
  if (YAML_READER_REJECTS.test(s))
    throw new GoJsonError("yaml: control characters are not allowed");
  if (!s.includes("\u0085")) return s;
  return s.replace(/[ \t]*\u0085(?:[ \t]*\u0085)*[ \t]*/g, (run) => {
    const breaks = run.split("\u0085").length - 1;
    return breaks === 1 ? " " : "\n".repeat(breaks - 1);
  });
}

function jsonToYamlNode(n: JsonNode): YamlNode {
  if (n === null) return plain("null");
  if (typeof n === "boolean") return plain(n ? "true" : "false");
  if (typeof n === "string") return stringNode(readBackString(n), false);
  if (Array.isArray(n))
    return { kind: "seq", items: (n as readonly JsonNode[]).map(jsonToYamlNode) };
  if ("num" in n) {
    const r = resolvePlain(n.num);
    if (r.kind === "int") return plain(r.value.toString());
    if (r.kind === "float") return plain(formatFloatG(r.value));
    return plain(n.num);
  }
  const members = "members" in n ? [...n.members] : [];
  const keys = members.map(([k, v]) => [readBackString(k), v] as const);
  // A JSON object read back into a Go map keeps the last of duplicate keys.
  const byKey = new Map<string, JsonNode>();
  for (const [k, v] of keys) byKey.set(k, v);
  const sorted = sortYamlKeys([...byKey.keys()], false);
  return {
    kind: "map",
    entries: sorted.map((k) => [stringNode(k, false), jsonToYamlNode(byKey.get(k) as JsonNode)]),
  };
}

/** Thrown inside directNode when a value needs the full JSON round trip. */
const NEEDS_JSON = Symbol("needs JSON");

// Keys the JSON round trip gives back unchanged: ASCII without DEL or C0 controls other than
// those JSON escapes and go-yaml reads back as they were.
const PLAIN_KEY = /^[\x20-\x7e]*$/;

function numberText(num: string): string {
  const r = resolvePlain(num);
  if (r.kind === "int") return r.value.toString();
  if (r.kind === "float") return formatFloatG(r.value);
  return num;
}

function numberNode(num: string): YamlNode {
  return plain(numberText(num));
}

// Printable ASCII without '"' or '\\': written "as is" when go-yaml double-quotes it.
const DOUBLE_SAFE = /^[\x20\x21\x23-\x5b\x5d-\x7e]+$/;
const BEST_WIDTH = 80;

/**
 * The direct writer: go-yaml v2's text for block maps and sequences of simple scalars (keys and
 * strings that stay on one line, written plain or in plain double quotes, multi-line strings as
 * literal blocks, numbers, booleans, null, empty `{}`/`[]`), appended to `out` without building a node tree; undefined for
 * anything else, which then takes directNode and the emitter. `col` is the column after the
 * key's ':' or the item's '-' (where " value" goes); `blockIndent` is where the lines of a
 * multi-line string's literal block go.
 */
function scalarText(v: unknown, col: number, blockIndent: number): string | undefined {
  if (v === null || v === undefined) return "null";
  switch (typeof v) {
    case "boolean":
      return v ? "true" : "false";
    case "number":
      if (Number.isInteger(v) && v > -1e15 && v < 1e15) return String(v); // -0 gives "0" too
      if (!Number.isFinite(v)) return undefined;
      return numberText(formatJsonFloat(v));
    case "string": {
      if (v.includes("\n")) return literalText(v, blockIndent);
      // The emitter folds at a space past the best width: only values that cannot fold here.
      if (col + 1 + v.length + 2 > BEST_WIDTH && v.includes(" ")) return undefined;
      if (canUsePlain(v, false)) return isBlockPlainSafe(v) ? v : undefined;
      return DOUBLE_SAFE.test(v) ? `"${v}"` : undefined;
    }
  }
  return undefined;
}

/**
 * go-yaml's literal block (`|-` or `|`) for a multi-line string it surely writes as one:
 * printable ASCII lines, no leading space or break, no space before a break or at the end, at
 * most one final break. `indent` is the content's indentation. Undefined for anything else
 * (the emitter decides: `|2`, `|+`, double quotes).
 */
function literalText(s: string, indent: number): string | undefined {
  // Regex scans and indexOf run natively even while this code is cold (a char loop would not).
  if (!LITERAL_SAFE.test(s) || s.includes(" \n")) return undefined;
  const n = s.length;
  let body = s;
  let chomp = "-";
  if (s.charCodeAt(n - 1) === 0x0a) {
    if (s.charCodeAt(n - 2) === 0x0a) return undefined;
    body = s.slice(0, n - 1);
    chomp = "";
  } else if (s.charCodeAt(n - 1) === 0x20) return undefined;
  const pad = " ".repeat(indent);
  // Empty lines get no indentation.
  return `|${chomp}\n${pad}${body.replace(LINE_START, `\n${pad}`)}`;
}

/** Printable ASCII lines, the first starting with a visible character. */
const LITERAL_SAFE = /^[!-~][ -~\n]*$/;
/** A break that starts a non-empty line. */
const LINE_START = /\n(?!\n)/g;

/** Whether a plain map has no key (without listing its keys). */
function isEmptyMap(m: Record<string, unknown>): boolean {
  for (const _ in m) return false;
  return true;
}

/** Keys written plain as simple keys, or undefined. */
function plainKeys(m: Record<string, unknown>): string[] | undefined {
  const keys = Object.keys(m);
  for (const k of keys) {
    if (k.length > 128 || !isBlockPlainSafe(k) || !canUsePlain(k, false)) return undefined;
  }
  // encoding/json's byte order first (the order ties keep), then go-yaml's.
  return sortYamlKeys(keys.sort(), false);
}

function writeMap(
  m: Record<string, unknown>,
  indent: number,
  prefixed: boolean,
  out: string,
): string | undefined {
  const keys = plainKeys(m);
  if (keys === undefined) return undefined;
  const pad = " ".repeat(indent);
  let first = prefixed;
  for (const k of keys) {
    const v = m[k];
    let o: string | undefined = out + (first ? k : pad + k);
    first = false;
    o += ":";
    if (Array.isArray(v)) {
      if (v.length === 0) o = isNilSlice(v) ? `${o} null\n` : `${o} []\n`;
      else o = writeSeq(v, indent, `${o}\n`);
    } else if (v !== null && typeof v === "object") {
      if (!isGoMap(v)) return undefined;
      o = isEmptyMap(v) ? `${o} {}\n` : writeMap(v, indent + 2, false, `${o}\n`);
    } else {
      const t = scalarText(v, indent + k.length + 1, indent + 2);
      o = t === undefined ? undefined : `${o} ${t}\n`;
    }
    if (o === undefined) return undefined;
    out = o;
  }
  return out;
}

function writeSeq(items: readonly unknown[], indent: number, out: string): string | undefined {
  const pad = " ".repeat(indent);
  for (const v of items) {
    let o: string | undefined = `${out + pad}-`;
    if (Array.isArray(v)) {
      if (v.length !== 0) return undefined;
      o += isNilSlice(v) ? " null\n" : " []\n";
    } else if (v !== null && typeof v === "object") {
      if (!isGoMap(v)) return undefined;
      o = isEmptyMap(v) ? `${o} {}\n` : writeMap(v, indent + 2, true, `${o} `);
    } else {
      const t = scalarText(v, indent + 1, indent + 2);
      o = t === undefined ? undefined : `${o} ${t}\n`;
    }
    if (o === undefined) return undefined;
    out = o;
  }
  return out;
}

/**
 * jsonToYamlNode(toJsonTree(v)) for plain data (strings, numbers, booleans, null, lists and
 * maps with printable ASCII keys) without building the JSON tree; throws NEEDS_JSON for
 * anything else (structs, bytes, NaN, strings go-yaml would refuse, …), which then takes the
 * full round trip with its exact errors.
 */
function directNode(v: unknown): YamlNode {
  if (v === null || v === undefined) return plain("null");
  switch (typeof v) {
    case "boolean":
      return plain(v ? "true" : "false");
    case "string":
      if (YAML_READER_REJECTS.test(v) || v.includes("\u0085") || !v.isWellFormed())
        throw NEEDS_JSON;
      return stringNode(v, false);
    case "number":
      if (!Number.isFinite(v)) throw NEEDS_JSON;
      return numberNode(formatJsonFloat(v));
    case "bigint":
      return numberNode(v.toString());
  }
  if (v instanceof GoInt) return numberNode(v.value.toString());
  if (Array.isArray(v)) {
    return isNilSlice(v) ? plain("null") : { kind: "seq", items: v.map(directNode) };
  }
  if (!isGoMap(v)) throw NEEDS_JSON;
  const keys = Object.keys(v);
  for (const k of keys) if (!PLAIN_KEY.test(k)) throw NEEDS_JSON;
  // encoding/json's byte order first (the order ties keep), then go-yaml's.
  const sorted = sortYamlKeys(keys.sort(), false);
  return {
    kind: "map",
    entries: sorted.map((k) => [stringNode(k, false), directNode(v[k])]),
  };
}

function trimOneNewline(s: string): string {
  return s.endsWith("\n") ? s.slice(0, -1) : s;
}

/**
 * Helm's mustToYaml: YAML for a value exactly as sigs.k8s.io/yaml.Marshal writes it, minus the
 * final newline.
 * @throws GoJsonError for values JSON cannot hold (NaN, ±Inf, functions).
 */
export function mustToYaml(v: unknown): string {
  // Plain data of simple scalars is written straight to text (no node tree, no emitter pass).
  if (isGoMap(v)) {
    if (isEmptyMap(v)) return "{}";
    const text = writeMap(v, 0, false, "");
    if (text !== undefined) return trimOneNewline(text);
  } else if (Array.isArray(v) && v.length > 0) {
    const text = writeSeq(v, 0, "");
    if (text !== undefined) return trimOneNewline(text);
  }
  return emitToYaml(v);
}

/** mustToYaml through the node tree and the emitter: the exact path (direct-writer tests). */
export function emitToYaml(v: unknown): string {
  let direct: YamlNode | undefined;
  try {
    direct = directNode(v);
  } catch (err) {
    if (err !== NEEDS_JSON) throw err;
  }
  if (direct !== undefined) return trimOneNewline(emitYaml(direct, FLAVOR_V2));
  let tree: JsonNode;
  try {
    tree = toJsonTree(v);
  } catch (err) {
    throw new GoJsonError(`error marshaling into JSON: ${(err as Error).message}`);
  }
  return trimOneNewline(emitYaml(jsonToYamlNode(tree), FLAVOR_V2));
}

/** Helm's toYaml: like mustToYaml but an error gives "" (Helm swallows it). */
export function toYaml(v: unknown): string {
  try {
    return mustToYaml(v);
  } catch {
    return "";
  }
}

function valueToV3Node(v: unknown): YamlNode {
  if (v === null || v === undefined) return plain("null");
  switch (typeof v) {
    case "boolean":
      return plain(v ? "true" : "false");
    case "string":
      return stringNode(v, true);
    case "bigint":
      return plain(v.toString());
    case "number": {
      const s = formatFloatG(v);
      return plain(s === "+Inf" ? ".inf" : s === "-Inf" ? "-.inf" : s === "NaN" ? ".nan" : s);
    }
  }
  if (v instanceof GoInt) return plain(v.value.toString());
  if (v instanceof Uint8Array) {
    let bin = "";
    for (const b of v) bin += String.fromCharCode(b);
    return stringNode(btoa(bin), true);
  }
  if (Array.isArray(v)) return { kind: "seq", items: v.map(valueToV3Node) };
  if (v instanceof GoStruct) {
    // go-yaml v3 marshals a struct's exported fields in declared order, each keyed by its
    // name in lower case (no yaml tags on the structs templates see).
    return {
      kind: "map",
      entries: v
        .exportedFields()
        .map(([k, f]) => [stringNode(k.toLowerCase(), true), valueToV3Node(f)]),
    };
  }
  const fields: Record<string, unknown> | undefined = isGoMap(v) ? v : undefined;
  if (fields) {
    const keys = sortYamlKeys(Object.keys(fields), true);
    return {
      kind: "map",
      entries: keys.map((k) => [stringNode(k, true), valueToV3Node(fields[k])]),
    };
  }
  return stringNode(String(v), true);
}

/** Helm's toYamlPretty: go-yaml v3 with indent 2, minus the final newline. */
export function toYamlPretty(v: unknown): string {
  return trimOneNewline(emitYaml(valueToV3Node(v), FLAVOR_V3));
}
