/**
 * text/template's predefined functions (Go's funcs.go): len, index, slice, not, print,
 * printf, println, html, js, urlquery, eq, ne, lt, le, gt, ge. `and`, `or` and `call` are
 * evaluated by exec.ts (short-circuit and callee naming) but are listed here so lookups and
 * the parser know them.
 */

import { goTypeName, isGoFuncValue, sprint, sprintf, sprintln } from "./fmt.ts";
import { byteLen, fromUtf8, utf8 } from "./gostring.ts";
import { type FuncMap, GoComplex, type GoFunc, GoInt, GoStruct, goFunc, isGoMap } from "./value.ts";

/** The reflect.Value "zero Value" panic text Go's builtins produce for invalid arguments. */
const ZERO_VALUE_TYPE = "reflect: call of reflect.Value.Type on zero Value";

/** Go's truth rules for if/with/and/or/not; returns [truth, ok]. */
export function isTrue(v: unknown): readonly [boolean, boolean] {
  // Every value in the model has a truth value, so ok is always true; share the pairs.
  return truthOf(v) ? TRUE_OK : FALSE_OK;
}

const TRUE_OK = [true, true] as const;
const FALSE_OK = [false, true] as const;

/** Go's truth of a value (the first result of isTrue). */
export function truthOf(v: unknown): boolean {
  if (v === undefined || v === null) return false;
  switch (typeof v) {
    case "boolean":
      return v;
    case "string":
      return v.length > 0;
    case "number":
      return v !== 0;
    case "bigint":
      return v !== 0n;
  }
  if (v instanceof GoInt) return v.value !== 0n;
  if (v instanceof GoComplex) return v.re !== 0 || v.im !== 0;
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof Uint8Array) return v.length > 0;
  if (isGoMap(v)) {
    for (const _ in v) return true;
    return false;
  }
  return true;
}

type BasicKind = "bool" | "int" | "uint" | "float" | "complex" | "string" | "invalid";

function basicKind(v: unknown): BasicKind {
  switch (typeof v) {
    case "boolean":
      return "bool";
    case "string":
      return "string";
    case "number":
      return "float";
    case "bigint":
      return "int";
  }
  if (v instanceof GoInt) return v.kind.startsWith("u") ? "uint" : "int";
  if (v instanceof GoComplex) return "complex";
  return "invalid";
}

function intOf(v: unknown): bigint {
  return typeof v === "bigint" ? v : (v as GoInt).value;
}

function isNilish(v: unknown): boolean {
  return v === undefined || v === null;
}

function typeForMessage(v: unknown): string {
  return isNilish(v) ? "<nil>" : goTypeName(v);
}

function badComparison(a: unknown, b: unknown): Error {
  return new Error(
    `incompatible types for comparison: ${typeForMessage(a)} and ${typeForMessage(b)}`,
  );
}

function eqPair(a: unknown, b: unknown): boolean {
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 !== k2) {
    if ((k1 === "int" || k1 === "uint") && (k2 === "int" || k2 === "uint")) {
      return intOf(a) === intOf(b);
    }
    if (!isNilish(a) && !isNilish(b)) throw badComparison(a, b);
    return false;
  }
  switch (k1) {
    case "bool":
    case "float":
    case "string":
      return a === b;
    case "int":
    case "uint":
      return intOf(a) === intOf(b);
    case "complex":
      return (
        (a as GoComplex).re === (b as GoComplex).re && (a as GoComplex).im === (b as GoComplex).im
      );
  }
  if (isNilish(a) || isNilish(b)) return isNilish(a) === isNilish(b);
  // Go: operands of different types where either is not comparable are an error naming both;
  // otherwise only the second operand's comparability is checked, and values of different
  // dynamic types are simply unequal.
  const typeA = goTypeName(a);
  const typeB = goTypeName(b);
  if (typeA !== typeB && (!isComparable(a) || !isComparable(b))) {
    throw new Error(
      `non-comparable types ${sprintf("%s", [a])}: ${typeA}, ${typeB}: ${sprintf("%v", [b])}`,
    );
  }
  if (!isComparable(b)) throw new Error(`non-comparable type ${sprintf("%s", [b])}: ${typeB}`);
  if (typeA !== typeB) return false;
  return a === b;
}

function isComparable(v: unknown): boolean {
  return !(Array.isArray(v) || isGoMap(v) || v instanceof Uint8Array || isGoFuncValue(v));
}

/** Go's eq: arg1 == arg2 || arg1 == arg3 …, with Go's comparison type rules. */
export function eq(arg1: unknown, ...rest: unknown[]): boolean {
  if (rest.length === 0) throw new Error("missing argument for comparison");
  for (const b of rest) if (eqPair(arg1, b)) return true;
  return false;
}

/** Go's lt on basic kinds (ints of either sign compare by value). */
export function lt(a: unknown, b: unknown): boolean {
  const k1 = basicKind(a);
  if (k1 === "invalid") throw new Error("invalid type for comparison");
  const k2 = basicKind(b);
  if (k2 === "invalid") throw new Error("invalid type for comparison");
  if (k1 !== k2) {
    if ((k1 === "int" || k1 === "uint") && (k2 === "int" || k2 === "uint")) {
      return intOf(a) < intOf(b);
    }
    throw badComparison(a, b);
  }
  switch (k1) {
    case "bool":
    case "complex":
      throw new Error("invalid type for comparison");
    case "float":
      return (a as number) < (b as number);
    case "string":
      return compareBytes(a as string, b as string) < 0;
    default:
      return intOf(a) < intOf(b);
  }
}

function compareBytes(a: string, b: string): number {
  const ea = utf8(a);
  const eb = utf8(b);
  const n = Math.min(ea.length, eb.length);
  for (let i = 0; i < n; i++) if (ea[i] !== eb[i]) return ea[i]! - eb[i]!;
  return ea.length - eb.length;
}

function le(a: unknown, b: unknown): boolean {
  return lt(a, b) || eq(a, b);
}

/** Go's len: strings count bytes; nil values are errors. */
function len(item: unknown): GoInt {
  if (item === null) throw new Error("len of nil pointer");
  if (item === undefined) throw new Error(ZERO_VALUE_TYPE);
  if (typeof item === "string") return new GoInt(byteLen(item));
  if (Array.isArray(item) || item instanceof Uint8Array) return new GoInt(item.length);
  if (isGoMap(item)) return new GoInt(Object.keys(item).length);
  throw new Error(`len of type ${goTypeName(item)}`);
}

function indexArg(index: unknown, cap: number): number {
  if (isNilish(index)) throw new Error("cannot index slice/array with nil");
  if (typeof index !== "bigint" && !(index instanceof GoInt)) {
    throw new Error(`cannot index slice/array with type ${goTypeName(index)}`);
  }
  const x = intOf(index);
  if (x < 0n || x > BigInt(cap)) throw new Error(`index out of range: ${x}`);
  return Number(x);
}

/** Go's index: item[i][j]…; missing map keys give the zero value (nil). */
function index(item: unknown, ...indexes: unknown[]): unknown {
  if (isNilish(item)) throw new Error("index of untyped nil");
  let cur: unknown = item;
  for (const idx of indexes) {
    if (isNilish(cur)) throw new Error("index of nil pointer");
    if (typeof cur === "string" || Array.isArray(cur) || cur instanceof Uint8Array) {
      const bytes = typeof cur === "string" ? utf8(cur) : undefined;
      const length = bytes ? bytes.length : (cur as unknown[]).length;
      const x = indexArg(idx, length);
      if (x >= length) throw new Error(`reflect: slice index out of range`);
      if (bytes) cur = new GoInt(bytes[x]!, "uint8");
      else if (cur instanceof Uint8Array) cur = new GoInt(cur[x]!, "uint8");
      else cur = (cur as unknown[])[x] ?? null;
      continue;
    }
    if (isGoMap(cur)) {
      if (isNilish(idx)) throw new Error("value is nil; should be of type string");
      if (typeof idx !== "string") {
        throw new Error(`value has type ${goTypeName(idx)}; should be string`);
      }
      cur = Object.hasOwn(cur, idx) ? cur[idx] : null;
      continue;
    }
    throw new Error(`can't index item of type ${goTypeName(cur)}`);
  }
  return cur;
}

/** Go's slice builtin: item[i:j:k] on strings and slices. */
function slice(item: unknown, ...indexes: unknown[]): unknown {
  if (isNilish(item)) throw new Error("slice of untyped nil");
  if (indexes.length > 3) throw new Error(`too many slice indexes: ${indexes.length}`);
  let length: number;
  if (typeof item === "string") {
    if (indexes.length === 3) throw new Error("cannot 3-index slice a string");
    length = byteLen(item);
  } else if (Array.isArray(item) || item instanceof Uint8Array) {
    length = item.length;
  } else {
    throw new Error(`can't slice item of type ${goTypeName(item)}`);
  }
  const idx = [0, length, length];
  indexes.forEach((x, i) => {
    idx[i] = indexArg(x, length);
  });
  if (idx[0]! > idx[1]!) throw new Error(`invalid slice index: ${idx[0]} > ${idx[1]}`);
  if (indexes.length === 3 && idx[1]! > idx[2]!) {
    throw new Error(`invalid slice index: ${idx[1]} > ${idx[2]}`);
  }
  if (typeof item === "string") {
    return fromUtf8(utf8(item).subarray(idx[0], idx[1]));
  }
  return item.slice(idx[0], idx[1]);
}

/** Go's evalArgs: a lone string as is, otherwise Sprint with `<no value>` for missing values. */
function evalArgs(args: unknown[]): string {
  if (args.length === 1 && typeof args[0] === "string") return args[0];
  return sprint(args.map((a) => (a === undefined || a === null ? "<no value>" : a)));
}

/** Go's template.HTMLEscapeString. */
export function htmlEscape(s: string): string {
  return s.replace(/[\0"'&<>]/g, (c) => {
    switch (c) {
      case "\0":
        return "\ufffd";
      case '"':
        return "&#34;";
      case "'":
        return "&#39;";
      case "&":
        return "&amp;";
      case "<":
        return "&lt;";
      default:
        return "&gt;";
    }
  });
}

/** Go's template.JSEscapeString. */
export function jsEscape(s: string): string {
  let out = "";
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    switch (ch) {
      case "\\":
        out += "\\\\";
        continue;
      case "'":
        out += "\\'";
        continue;
      case '"':
        out += '\\"';
        continue;
      case "<":
        out += "\\u003C";
        continue;
      case ">":
        out += "\\u003E";
        continue;
      case "&":
        out += "\\u0026";
        continue;
      case "=":
        out += "\\u003D";
        continue;
    }
    if (c < 0x20) {
      out += "\\u00" + c.toString(16).toUpperCase().padStart(2, "0");
    } else if (c < 0x80 || /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u.test(ch) || c === 0x20) {
      out += ch;
    } else {
      out += "\\u" + c.toString(16).toUpperCase().padStart(4, "0");
    }
  }
  return out;
}

/** Go's url.QueryEscape. */
export function queryEscape(s: string): string {
  let out = "";
  for (const byte of utf8(s)) {
    const ch = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.~]/.test(ch)) out += ch;
    else if (byte === 0x20) out += "+";
    else out += "%" + byte.toString(16).toUpperCase().padStart(2, "0");
  }
  return out;
}

const V = "reflect.Value" as const;

/** Builtin names that exec.ts evaluates itself. */
export const SPECIAL_BUILTINS: ReadonlySet<string> = new Set(["and", "or", "call"]);

/** The predefined function map (Go's builtins()). */
export const BUILTINS: FuncMap = {
  and: goFunc([V], () => undefined, { variadic: V }),
  or: goFunc([V], () => undefined, { variadic: V }),
  call: goFunc([V], () => undefined, { variadic: V, returnsError: true }),
  not: goFunc([V], ((v: unknown) => !truthOf(v)) as (...a: never[]) => unknown),
  len: goFunc([V], len as (...a: never[]) => unknown, { returnsError: true }),
  index: goFunc([V], index as (...a: never[]) => unknown, { variadic: V, returnsError: true }),
  slice: goFunc([V], slice as (...a: never[]) => unknown, { variadic: V, returnsError: true }),
  print: goFunc([], ((...a: unknown[]) => sprint(a)) as (...a: never[]) => unknown, {
    variadic: "interface {}",
  }),
  printf: goFunc(
    ["string"],
    ((f: string, ...a: unknown[]) => sprintf(f, a)) as (...a: never[]) => unknown,
    { variadic: "interface {}" },
  ),
  println: goFunc([], ((...a: unknown[]) => sprintln(a)) as (...a: never[]) => unknown, {
    variadic: "interface {}",
  }),
  html: goFunc([], ((...a: unknown[]) => htmlEscape(evalArgs(a))) as (...a: never[]) => unknown, {
    variadic: "interface {}",
  }),
  js: goFunc([], ((...a: unknown[]) => jsEscape(evalArgs(a))) as (...a: never[]) => unknown, {
    variadic: "interface {}",
  }),
  urlquery: goFunc(
    [],
    ((...a: unknown[]) => queryEscape(evalArgs(a))) as (...a: never[]) => unknown,
    { variadic: "interface {}" },
  ),
  eq: goFunc([V], eq as (...a: never[]) => unknown, { variadic: V, returnsError: true }),
  ne: goFunc([V, V], ((a: unknown, b: unknown) => !eq(a, b)) as (...a: never[]) => unknown, {
    returnsError: true,
  }),
  lt: goFunc([V, V], lt as (...a: never[]) => unknown, { returnsError: true }),
  le: goFunc([V, V], le as (...a: never[]) => unknown, { returnsError: true }),
  gt: goFunc([V, V], ((a: unknown, b: unknown) => !le(a, b)) as (...a: never[]) => unknown, {
    returnsError: true,
  }),
  ge: goFunc([V, V], ((a: unknown, b: unknown) => !lt(a, b)) as (...a: never[]) => unknown, {
    returnsError: true,
  }),
};

/** Reports whether v is a GoStruct (helper for exec's field lookup). */
export function isGoStruct(v: unknown): v is GoStruct {
  return v instanceof GoStruct;
}

/** The GoFunc a value holds, if it is one (for `call`). */
export function asGoFunc(v: unknown): GoFunc | undefined {
  return isGoFuncValue(v) ? v : undefined;
}

/**
 * BUILTINS as a Map. Template identifiers are substrings of the source; a Map looks them up by
 * their cached hash, where an object property lookup would first intern each one.
 */
export const BUILTIN_MAP: ReadonlyMap<string, GoFunc> = new Map(Object.entries(BUILTINS));
