/**
 * Conversions Sprig borrows from spf13/cast (v1.7): toInt64, toInt, toFloat64, and Sprig's
 * strval. They never fail: anything unconvertible becomes 0, as in Sprig.
 */
import { formatValue } from "../template/fmt.ts";
import { GoInt, GoStruct, integerValue, isGoInteger } from "../template/value.ts";
import { fromUtf8 } from "./gostr.ts";

const INT64_MIN = -(1n << 63n);

/** Go's int64(f) conversion of a float64 (amd64: out of range and NaN give MinInt64). */
export function floatToInt64(f: number): bigint {
  if (!Number.isFinite(f) || f >= 2 ** 63 || f < -(2 ** 63)) {
    return INT64_MIN;
  }
  return BigInt(Math.trunc(f));
}

/** strconv.ParseInt(s, 0, 64): base prefixes 0x/0o/0b/0, underscores, sign. */
export function parseGoIntBase0(s: string): bigint | undefined {
  let t = s;
  let neg = false;
  if (t.startsWith("+") || t.startsWith("-")) {
    neg = t[0] === "-";
    t = t.slice(1);
  }
  let base = 10;
  let body = t;
  const lower = t.toLowerCase();
  if (lower.startsWith("0x")) {
    base = 16;
    body = t.slice(2);
  } else if (lower.startsWith("0o")) {
    base = 8;
    body = t.slice(2);
  } else if (lower.startsWith("0b")) {
    base = 2;
    body = t.slice(2);
  } else if (t.length > 1 && t.startsWith("0")) {
    base = 8;
    body = t.slice(1);
  }
  if (body.includes("_")) {
    // Underscores only between digits (or after the base prefix), as Go's underscoreOK.
    if (!/^_?[0-9a-fA-F]+(_[0-9a-fA-F]+)*$/.test(body)) return undefined;
    if (base === 10 && body.startsWith("_")) return undefined;
    body = body.replaceAll("_", "");
  }
  const digits = {
    2: /^[01]+$/,
    8: /^[0-7]+$/,
    10: /^[0-9]+$/,
    16: /^[0-9a-fA-F]+$/,
  }[base];
  if (body === "" || digits === undefined || !digits.test(body)) return undefined;
  let v = 0n;
  for (const ch of body) v = v * BigInt(base) + BigInt(Number.parseInt(ch, 16));
  if (neg) v = -v;
  if (v > (1n << 63n) - 1n || v < INT64_MIN) return undefined;
  return v;
}

/** strconv.ParseInt(s, base, 64) for an explicit base (no prefixes, no underscores). */
export function parseGoIntBase(s: string, base: number): bigint | undefined {
  let t = s;
  let neg = false;
  if (t.startsWith("+") || t.startsWith("-")) {
    neg = t[0] === "-";
    t = t.slice(1);
  }
  if (t === "") return undefined;
  let v = 0n;
  for (const ch of t) {
    const d = Number.parseInt(ch, 36);
    if (Number.isNaN(d) || d >= base) return undefined;
    v = v * BigInt(base) + BigInt(d);
  }
  if (neg) v = -v;
  if (v > (1n << 63n) - 1n || v < INT64_MIN) return undefined;
  return v;
}

/** cast's trimZeroDecimal: "3.00" → "3"; anything else unchanged. */
function trimZeroDecimal(s: string): string {
  const m = /^(.*)\.0+$/.exec(s);
  if (m === null || m[1] === undefined || m[1] === "") return s;
  return m[1];
}

/** strconv.ParseFloat(s, 64); undefined when Go would fail. */
export function parseGoFloat(s: string): number | undefined {
  const t = s.replaceAll("_", "");
  if (/^[+-]?(inf|infinity)$/i.test(t)) return t.startsWith("-") ? -Infinity : Infinity;
  if (/^nan$/i.test(t)) return Number.NaN;
  if (/^[+-]?0x/i.test(t)) {
    const hex = parseHexFloat(t);
    return hex;
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return undefined;
  if (s.includes("_") && !/^[+-]?\d+(_\d+)*(\.\d+(_\d+)*)?([eE][+-]?\d+)?$/.test(s)) {
    return undefined;
  }
  const v = Number(t);
  if (!Number.isFinite(v)) return undefined; // out of range is an error in Go
  return v;
}

function parseHexFloat(t: string): number | undefined {
  const m = /^([+-]?)0x([0-9a-f]*)\.?([0-9a-f]*)(p([+-]?\d+))?$/i.exec(t);
  if (m === null) return undefined;
  const [, sign, intPart = "", frac = "", , exp] = m;
  if (intPart === "" && frac === "") return undefined;
  if (exp === undefined) return undefined; // Go requires the p exponent in hex floats
  const mant = Number.parseInt(intPart + frac || "0", 16);
  const v = mant * 2 ** (Number(exp ?? 0) - 4 * frac.length);
  return sign === "-" ? -v : v;
}

/** cast.ToInt64: Sprig's lenient int64 conversion. */
export function toInt64(v: unknown): bigint {
  if (typeof v === "bigint") return v;
  if (v instanceof GoInt) return BigInt.asIntN(64, v.value);
  if (typeof v === "number") return floatToInt64(v);
  if (typeof v === "boolean") return v ? 1n : 0n;
  if (typeof v === "string") return parseGoIntBase0(trimZeroDecimal(v)) ?? 0n;
  return 0n;
}

/** cast.ToInt (Go's int is 64-bit). */
export function toInt(v: unknown): bigint {
  return toInt64(v);
}

/** cast.ToFloat64. */
export function toFloat64(v: unknown): number {
  if (typeof v === "number") return v;
  if (isGoInteger(v)) return Number(integerValue(v));
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "string") return parseGoFloat(v) ?? 0;
  return 0;
}

/** A Go int argument as a JS number (the engine passes int parameters as GoInt or bigint). */
export function intArg(v: unknown): number {
  if (typeof v === "number") return Math.trunc(v);
  if (isGoInteger(v)) return Number(integerValue(v));
  return 0;
}

/** Sprig's strval: strings as is, []byte as text, Stringers and errors by their method, else %v. */
export function strval(v: unknown): string {
  if (typeof v === "string") return v;
  if (v instanceof Uint8Array) return fromUtf8(v);
  if (v instanceof Error) return v.message;
  if (v instanceof GoStruct) {
    const m = v.valueMethod("String") ?? v.valueMethod("Error");
    if (m !== undefined && m.params.length === 0) return String((m.fn as () => unknown)());
  }
  return formatValue(v);
}

/** Go's fmt.Sprint(v) for one operand (%v). */
export function sprint(v: unknown): string {
  return formatValue(v);
}
