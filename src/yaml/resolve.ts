/**
 * How go-yaml (v2, and v3 where noted) resolves an untagged plain scalar: YAML 1.1 booleans
 * (y, yes, on, …), nulls, ints in every Go base with underscores, floats, merge keys and
 * timestamps. Helm's values loader and its toYaml quoting rules both depend on this table.
 */

/** The result of resolving a plain scalar as go-yaml does. */
export type Resolved =
  | { readonly kind: "null" }
  | { readonly kind: "bool"; readonly value: boolean }
  | { readonly kind: "int"; readonly value: bigint }
  | { readonly kind: "float"; readonly value: number }
  | { readonly kind: "merge" }
  | { readonly kind: "timestamp" }
  | { readonly kind: "str" };

const NULL: Resolved = { kind: "null" };
const STR: Resolved = { kind: "str" };
const TRUE: Resolved = { kind: "bool", value: true };
const FALSE: Resolved = { kind: "bool", value: false };

const SPECIAL = new Map<string, Resolved>();
for (const s of ["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"])
  SPECIAL.set(s, TRUE);
for (const s of ["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"])
  SPECIAL.set(s, FALSE);
for (const s of ["", "~", "null", "Null", "NULL"]) SPECIAL.set(s, NULL);
for (const s of [".nan", ".NaN", ".NAN"]) SPECIAL.set(s, { kind: "float", value: Number.NaN });
for (const s of [".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"])
  SPECIAL.set(s, { kind: "float", value: Infinity });
for (const s of ["-.inf", "-.Inf", "-.INF"]) SPECIAL.set(s, { kind: "float", value: -Infinity });
SPECIAL.set("<<", { kind: "merge" });

/** YAML 1.1 booleans that yaml.v3 no longer resolves but still quotes (isOldBool). */
export const OLD_BOOLS: ReadonlySet<string> = new Set([
  "y",
  "Y",
  "yes",
  "Yes",
  "YES",
  "on",
  "On",
  "ON",
  "n",
  "N",
  "no",
  "No",
  "NO",
  "off",
  "Off",
  "OFF",
]);

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** Go's strconv.ParseInt(s, 0, 64) / ParseUint(s, 0, 64) on text without underscores. */
export function parseGoInt(s: string, unsigned: boolean): bigint | undefined {
  let i = 0;
  let neg = false;
  if (!unsigned && (s[0] === "+" || s[0] === "-")) {
    neg = s[0] === "-";
    i = 1;
  }
  let body = s.slice(i);
  let base = 10;
  if (body.length > 1 && body[0] === "0") {
    const p = body[1];
    if (p === "x" || p === "X") [base, body] = [16, body.slice(2)];
    else if (p === "o" || p === "O") [base, body] = [8, body.slice(2)];
    else if (p === "b" || p === "B") [base, body] = [2, body.slice(2)];
    else [base, body] = [8, body.slice(1)];
  }
  const digitRe =
    base === 16 ? /^[0-9a-fA-F]+$/ : base === 8 ? /^[0-7]+$/ : base === 2 ? /^[01]+$/ : /^[0-9]+$/;
  if (!digitRe.test(body)) return undefined;
  const prefix = base === 16 ? "0x" : base === 8 ? "0o" : base === 2 ? "0b" : "";
  let v = BigInt(prefix + body);
  if (neg) v = -v;
  if (unsigned ? v > UINT64_MAX : v < INT64_MIN || v > INT64_MAX) return undefined;
  return v;
}

function daysIn(month: number, year: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

const TS_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const TS_FULL =
  /^(\d{4})-(\d{1,2})-(\d{1,2})[Tt](\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const TS_SPACE = /^(\d{4})-(\d{1,2})-(\d{1,2}) (\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d+)?$/;

/** go-yaml's parseTimestamp: the four layouts it accepts, with Go's range checks. */
export function isGoTimestamp(s: string): boolean {
  const m = TS_DATE.exec(s) ?? TS_FULL.exec(s) ?? TS_SPACE.exec(s);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysIn(month, year)) return false;
  if (m[4] !== undefined) {
    if (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6]) > 59) return false;
  }
  return true;
}

/** Resolves an untagged plain scalar like go-yaml v2's resolve(""). */
export function resolvePlain(s: string): Resolved {
  const special = SPECIAL.get(s);
  if (special) return special;
  const c = s.charCodeAt(0);
  if (c === 0x2e /* . */) {
    if (/^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(s)) {
      const f = Number(s);
      if (Number.isFinite(f)) return { kind: "float", value: f };
    }
    return STR;
  }
  const isDigit = c >= 0x30 && c <= 0x39;
  if (!isDigit && c !== 0x2b && c !== 0x2d) return STR;
  if (isDigit && isGoTimestamp(s)) return { kind: "timestamp" };
  const plain = s.includes("_") ? s.replaceAll("_", "") : s;
  const i = parseGoInt(plain, false) ?? parseGoInt(plain, true);
  if (i !== undefined) return { kind: "int", value: i };
  if (YAML_STYLE_FLOAT.test(plain)) {
    const f = Number(plain);
    if (Number.isFinite(f)) return { kind: "float", value: f };
  }
  if (plain.startsWith("0b") || plain.startsWith("-0b")) {
    const neg = plain[0] === "-";
    const body = plain.slice(neg ? 3 : 2);
    if (/^[01]+$/.test(body)) {
      const v = BigInt(`0b${body}`);
      if (v <= INT64_MAX) return { kind: "int", value: neg ? -v : v };
    }
  }
  return STR;
}

/** Reports whether go-yaml writes s as a plain (unquoted) string (encoder's canUsePlain). */
export function canUsePlain(s: string, v3: boolean): boolean {
  // The merge key "<<" is only special when decoding; the encoder writes it plain.
  const kind = resolvePlain(s).kind;
  if (kind !== "str" && kind !== "merge") return false;
  if (BASE60_FLOAT.test(s)) return false;
  return !(v3 && OLD_BOOLS.has(s));
}
