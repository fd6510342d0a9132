/**
 * Tagged JSON for Go values in the YAML/JSON golden corpus. Plain JSON numbers are float64;
 * `{"$f": "-0"}` spells float64 values JSON cannot (-0, NaN, ±Inf); `{"$i": "5"}` is an int64.
 * toTemplateExpr turns a tagged value into a Go template expression that builds the same value
 * in Helm (generate.ts); decodeTagged turns it into hcp's value model (the tests).
 */

/** A value in the corpus's tagged JSON form. */
export type Tagged =
  | null
  | boolean
  | string
  | number
  | { $f: string }
  | { $i: string }
  | Tagged[]
  | { [key: string]: Tagged };

function isTag(v: object, tag: string): boolean {
  const keys = Object.keys(v);
  return keys.length === 1 && keys[0] === tag;
}

/** Quotes a string as a Go interpreted string literal. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\r") out += "\\r";
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, "0")}`;
    else if (c === 0x2028 || c === 0x2029 || c === 0x85 || c === 0xfeff)
      out += `\\u${c.toString(16).padStart(4, "0")}`;
    else out += ch;
  }
  return out + '"';
}

function floatRepr(n: number): string {
  if (Object.is(n, -0)) return "-0";
  if (Number.isNaN(n)) return "NaN";
  if (n === Infinity) return "+Inf";
  if (n === -Infinity) return "-Inf";
  return String(n);
}

/** A Go template expression (parenthesised) that builds the tagged value in Helm. */
export function toTemplateExpr(v: Tagged): string {
  if (v === null) return "nil";
  if (typeof v === "boolean") return String(v);
  if (typeof v === "string") return goQuote(v);
  if (typeof v === "number") return `(float64 ${goQuote(floatRepr(v))})`;
  if (Array.isArray(v)) return `(list${v.map((e) => " " + toTemplateExpr(e)).join("")})`;
  if (isTag(v, "$f")) return `(float64 ${goQuote((v as { $f: string }).$f)})`;
  if (isTag(v, "$i")) return `(int64 ${goQuote((v as { $i: string }).$i)})`;
  const parts = Object.entries(v).map(([k, e]) => ` ${goQuote(k)} ${toTemplateExpr(e)}`);
  return `(dict${parts.join("")})`;
}

/** Decodes a tagged value into hcp's Go value model (float64 number, int64 bigint, …). */
export function decodeTagged(v: Tagged): unknown {
  if (v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return v.map(decodeTagged);
  if (isTag(v, "$f")) {
    const s = (v as { $f: string }).$f;
    return s === "+Inf" ? Infinity : s === "-Inf" ? -Infinity : Number(s);
  }
  if (isTag(v, "$i")) return BigInt((v as { $i: string }).$i);
  const out: Record<string, unknown> = {};
  for (const [k, e] of Object.entries(v)) {
    Object.defineProperty(out, k, { value: decodeTagged(e), enumerable: true, writable: true, configurable: true });
  }
  return out;
}
