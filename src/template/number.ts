/**
 * Template number constants as Go's parse.newNumber reads them: ints in every base with
 * underscores, floats (decimal and hex), char constants and complex constants, each recorded
 * with all the interpretations (int, uint, float) that fit.
 */
import { ItemType } from "./lex.ts";
import type { NumberNode } from "./node.ts";
import { unquoteChar } from "./unquote.ts";
import { GoComplex, GoInt } from "./value.ts";

/** Everything a NumberNode records about its constant. */
export type NumberFacts = Omit<NumberNode, "kind" | "pos" | "text">;

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;
const UINT64_MAX = (1n << 64n) - 1n;

/** Go's strconv.ParseInt/ParseUint with base 0: prefixes and well-placed underscores. */
function parseGoInteger(text: string): bigint | undefined {
  if (/^[1-9]\d{0,14}$/.test(text) || text === "0") return BigInt(text);
  let s = text;
  let neg = false;
  if (s[0] === "+" || s[0] === "-") {
    neg = s[0] === "-";
    s = s.slice(1);
  }
  let base = 10;
  let body = s;
  if (/^0[xX]/.test(s)) [base, body] = [16, s.slice(2)];
  else if (/^0[oO]/.test(s)) [base, body] = [8, s.slice(2)];
  else if (/^0[bB]/.test(s)) [base, body] = [2, s.slice(2)];
  else if (s.length > 1 && s[0] === "0") [base, body] = [8, s.slice(1)];
  if (body.includes("_") && !underscoreOK(s)) return undefined;
  body = body.replaceAll("_", "");
  if (body.length === 0) return undefined;
  const valid = { 2: /^[01]+$/, 8: /^[0-7]+$/, 10: /^[0-9]+$/, 16: /^[0-9a-fA-F]+$/ }[base as 2];
  if (!valid.test(body)) return undefined;
  const prefix = { 2: "0b", 8: "0o", 10: "", 16: "0x" }[base as 2];
  const v = BigInt(prefix + body);
  return neg ? -v : v;
}

/** Go's underscoreOK: underscores only between digits or after a base prefix. */
function underscoreOK(s: string): boolean {
  let saw = "^";
  let i = 0;
  let hex = false;
  if (s.length >= 2 && s[0] === "0") {
    const c = s[1]!.toLowerCase();
    if (c === "x" || c === "o" || c === "b") {
      hex = c === "x";
      i = 2;
      saw = "0";
    }
  }
  for (; i < s.length; i++) {
    const ch = s[i]!;
    if (/[0-9]/.test(ch) || (hex && /[a-fA-F]/.test(ch))) {
      saw = "0";
      continue;
    }
    if (ch === "_") {
      if (saw !== "0") return false;
      saw = "_";
      continue;
    }
    if (saw === "_") return false;
    saw = "!";
  }
  return saw !== "_";
}

/** Go's strconv.ParseFloat for template number text (decimal and hex floats, underscores). */
function parseGoFloat(text: string): number | undefined {
  let s = text;
  if (s.includes("_")) {
    if (!underscoreOK(s.replace(/^[+-]/, ""))) return undefined;
    s = s.replaceAll("_", "");
  }
  const m = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?\d+)$/.exec(s);
  if (m) {
    const intPart = m[2] ?? "";
    const frac = m[3] ?? "";
    if (intPart.length + frac.length === 0) return undefined;
    const mant = Number(BigInt(`0x${intPart}${frac}` === "0x" ? "0" : `0x${intPart}${frac}`));
    const v = mant * 2 ** (Number(m[4]) - 4 * frac.length);
    return m[1] === "-" ? -v : v;
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return undefined;
  const v = Number(s);
  if (!Number.isFinite(v)) return undefined;
  return v;
}

/** complex128 of every non-complex number (shared: nodes are never mutated). */
const ZERO_COMPLEX: readonly [number, number] = Object.freeze([0, 0] as [number, number]);

/** Go's NumberNode.simplifyComplex: a complex constant with zero imaginary part is also real. */
function simplifyComplex(facts: NumberFacts, re: number, im: number): NumberFacts {
  const out = { ...facts, isComplex: true, complex128: [re, im] as const };
  if (im !== 0) return out;
  const isInt = Number.isInteger(re) && Math.abs(re) < 2 ** 63;
  const isUint = Number.isInteger(re) && re >= 0 && re < 2 ** 64;
  return {
    ...out,
    isFloat: true,
    float64: re,
    isInt,
    int64: isInt ? BigInt(re) : 0n,
    isUint,
    uint64: isUint ? BigInt(re) : 0n,
  };
}

/** Interprets number text as Go's parse.newNumber does; returns an error message on failure. */
export function parseNumber(text: string, type: ItemType): NumberFacts | string {
  const facts = {
    isInt: false,
    isUint: false,
    isFloat: false,
    isComplex: false,
    int64: 0n,
    uint64: 0n,
    float64: 0,
    complex128: ZERO_COMPLEX,
  };
  if (type === ItemType.CharConstant) {
    const r = unquoteChar(text);
    if (r === undefined) return "malformed character constant: " + text;
    return {
      ...facts,
      isInt: true,
      isUint: true,
      isFloat: true,
      int64: BigInt(r),
      uint64: BigInt(r),
      float64: r,
    };
  }
  if (type === ItemType.Complex) {
    // real±imag"i": split at the last sign that does not belong to an exponent.
    let k = text.length - 2;
    while (k > 0 && !((text[k] === "+" || text[k] === "-") && !/[eEpP]/.test(text[k - 1]!))) k--;
    const re = k > 0 ? parseGoFloat(text.slice(0, k)) : undefined;
    const im = k > 0 ? parseGoFloat(text.slice(k, -1)) : undefined;
    if (re === undefined || im === undefined) return `expected integer; found ${text}`;
    return simplifyComplex(facts, re, im);
  }
  if (text.endsWith("i")) {
    const im = parseGoFloat(text.slice(0, -1));
    if (im !== undefined) return simplifyComplex(facts, 0, im);
  }
  const u = parseGoInteger(text);
  if (u !== undefined && u >= 0n && u <= UINT64_MAX && !/^[+-]/.test(text)) {
    facts.isUint = true;
    facts.uint64 = u;
  }
  if (u !== undefined && u >= INT64_MIN && u <= INT64_MAX) {
    facts.isInt = true;
    facts.int64 = u;
    if (u === 0n) {
      facts.isUint = true;
      facts.uint64 = 0n;
    }
  }
  if (facts.isInt) {
    facts.isFloat = true;
    facts.float64 = Number(facts.int64);
  } else if (facts.isUint) {
    facts.isFloat = true;
    facts.float64 = Number(facts.uint64);
  } else {
    const f = parseGoFloat(text);
    if (f !== undefined) {
      if (!/[.eEpP]/.test(text)) return `integer overflow: ${JSON.stringify(text)}`;
      facts.isFloat = true;
      facts.float64 = f;
      if (Number.isInteger(f) && Math.abs(f) < 2 ** 63) {
        facts.isInt = true;
        facts.int64 = BigInt(f);
      }
      if (Number.isInteger(f) && f >= 0 && f < 2 ** 64) {
        facts.isUint = true;
        facts.uint64 = BigInt(f);
      }
    }
  }
  if (!facts.isInt && !facts.isUint && !facts.isFloat) {
    return `illegal number syntax: ${JSON.stringify(text)}`;
  }
  return facts;
}

/**
 * Go's idealConstant choice for a constant passed where any type will do: complex if written
 * as one, float64 if written with a point or exponent (not hex ints or runes), else int.
 * Returns undefined for an unsigned constant too big for int (exec reports the overflow).
 */
export function idealValue(text: string, facts: NumberFacts): unknown {
  if (facts.isComplex) return new GoComplex(facts.complex128[0], facts.complex128[1]);
  const isHexInt = /^0[xX]/.test(text) && !/[pP]/.test(text);
  const isRune = text.startsWith("'");
  if (facts.isFloat && !isHexInt && !isRune && /[.eEpP]/.test(text)) return facts.float64;
  if (facts.isInt) return new GoInt(facts.int64);
  return undefined;
}
