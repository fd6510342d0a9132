/**
 * Go string semantics in JS: Go strings are UTF-8 bytes, so Sprig's byte-indexed functions
 * (trunc, substr, abbrev, wrap, …) slice bytes. Also Go's unicode predicates and strconv.Quote.
 */
import { checkStringLength } from "./limits.ts";

const ENCODER = new TextEncoder();
const STRICT = new TextDecoder("utf-8", { fatal: true });

/**
 * Go strings may hold bytes that are not UTF-8 (b64dec of binary data, trunc cutting a rune).
 * hcp keeps each such byte b as the lone surrogate U+DC00+b ("surrogate escape"), so a round
 * trip through Sprig (b64dec | b64enc, sha256sum, len in bytes) keeps Go's exact bytes.
 */
const ESCAPED = /(?<![\uD800-\uDBFF])[\uDC80-\uDCFF]/;

/** Reports whether s is pure ASCII (byte index = UTF-16 index). */
export function isAscii(s: string): boolean {
  return /^[\x00-\x7f]*$/.test(s);
}

/** strconv.Quote of a Go string: fmt's goQuote, with surrogate-escaped bytes as \xNN. */
export function quoteBytes(s: string, quote: (s: string) => string): string {
  if (!ESCAPED.test(s)) return quote(s);
  let out = "";
  let run = "";
  const flush = () => {
    if (run !== "") out += quote(run).slice(1, -1);
    run = "";
  };
  for (const c of s) {
    const cp = c.codePointAt(0)!;
    if (cp >= 0xdc80 && cp <= 0xdcff) {
      flush();
      out += `\\x${(cp - 0xdc00).toString(16)}`;
    } else {
      run += c;
    }
  }
  flush();
  return `"${out}"`;
}

/** The bytes of a Go string: UTF-8, with surrogate-escaped bytes restored. */
export function utf8(s: string): Uint8Array {
  if (!ESCAPED.test(s)) return ENCODER.encode(s);
  const out: number[] = [];
  for (const c of s) {
    const cp = c.codePointAt(0)!;
    if (cp >= 0xdc80 && cp <= 0xdcff) out.push(cp - 0xdc00);
    else out.push(...ENCODER.encode(c));
  }
  return Uint8Array.from(out);
}

/** The Go string of some bytes: UTF-8, each invalid byte surrogate-escaped (see utf8). */
export function fromUtf8(b: Uint8Array): string {
  // TextDecoder drops a leading byte order mark; Go keeps it (pure-globals has no ignoreBOM).
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return `\ufeff${fromUtf8(b.subarray(3))}`;
  try {
    return STRICT.decode(b);
  } catch {
    return decodeLossless(b);
  }
}

/** Length of the valid UTF-8 sequence at b[i] by Go's utf8.DecodeRune rules, or 0. */
function validSequence(b: Uint8Array, i: number): number {
  const c0 = b[i]!;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => {
    const x = b[i + k];
    return x !== undefined && x >= lo && x <= hi;
  };
  if (c0 < 0x80) return 1;
  if (c0 >= 0xc2 && c0 <= 0xdf) return cont(1) ? 2 : 0;
  if (c0 === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if (c0 === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0;
  if (c0 >= 0xe1 && c0 <= 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (c0 === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (c0 === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  if (c0 >= 0xf1 && c0 <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

function decodeLossless(b: Uint8Array): string {
  let out = "";
  for (let i = 0; i < b.length; ) {
    const n = validSequence(b, i);
    if (n === 0) {
      out += String.fromCharCode(0xdc00 + b[i]!);
      i++;
    } else {
      let cp = n === 1 ? b[i]! : b[i]! & (0xff >> (n + 1));
      for (let k = 1; k < n; k++) cp = (cp << 6) | (b[i + k]! & 0x3f);
      out += String.fromCodePoint(cp);
      i += n;
    }
  }
  return out;
}

/** Go's len(s): the UTF-8 byte length. */
export function byteLen(s: string): number {
  return isAscii(s) ? s.length : utf8(s).length;
}

/** Go's panic text for a bad slice expression s[lo:hi] on a string of length n. */
function sliceBoundsError(lo: number | undefined, hi: number | undefined, n: number): Error {
  if (hi !== undefined && (hi < 0 || hi > n)) {
    return new Error(
      hi < 0
        ? `runtime error: slice bounds out of range [:${hi}]`
        : `runtime error: slice bounds out of range [:${hi}] with length ${n}`,
    );
  }
  const h = hi ?? n;
  if (lo !== undefined && lo < 0)
    return new Error(`runtime error: slice bounds out of range [${lo}:]`);
  if (lo !== undefined && hi === undefined && lo > n) {
    return new Error(`runtime error: slice bounds out of range [${lo}:${n}]`);
  }
  return new Error(`runtime error: slice bounds out of range [${lo}:${h}]`);
}

/** Go's s[lo:hi] on bytes, panicking (throwing) with Go's runtime message when out of range. */
export function sliceBytes(s: string, lo?: number, hi?: number): string {
  const ascii = isAscii(s);
  const n = ascii ? s.length : utf8(s).length;
  const l = lo ?? 0;
  const h = hi ?? n;
  if (h < 0 || h > n || l < 0 || l > h) throw sliceBoundsError(lo, hi, n);
  if (ascii) return s.slice(l, h);
  return fromUtf8(utf8(s).subarray(l, h));
}

/** Go's unicode.IsSpace. */
export function isGoSpace(c: string): boolean {
  return /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/.test(c);
}

/** Go's unicode.IsUpper. */
export function isUpper(c: string): boolean {
  return /^\p{Lu}$/u.test(c);
}

/** Go's unicode.IsLower. */
export function isLower(c: string): boolean {
  return /^\p{Ll}$/u.test(c);
}

/** Go's unicode.IsTitle. */
export function isTitle(c: string): boolean {
  return /^\p{Lt}$/u.test(c);
}

/** Go's unicode.IsLetter. */
export function isLetter(c: string): boolean {
  return /^\p{L}$/u.test(c);
}

/** Go's unicode.IsNumber. */
export function isNumber(c: string): boolean {
  return /^\p{N}$/u.test(c);
}

/** Go's unicode.IsPunct. */
export function isPunct(c: string): boolean {
  return /^\p{P}$/u.test(c);
}

/** Go's unicode.ToUpper for one rune (simple case mapping: never changes length). */
export function toUpperRune(c: string): string {
  const u = c.toUpperCase();
  return [...u].length === 1 ? u : c;
}

/** Runes whose title case differs from their upper case (the Latin digraphs). */
const TITLE_CASE: Readonly<Record<string, string>> = {
  "\u01c4": "\u01c5",
  "\u01c5": "\u01c5",
  "\u01c6": "\u01c5",
  "\u01c7": "\u01c8",
  "\u01c8": "\u01c8",
  "\u01c9": "\u01c8",
  "\u01ca": "\u01cb",
  "\u01cb": "\u01cb",
  "\u01cc": "\u01cb",
  "\u01f1": "\u01f2",
  "\u01f2": "\u01f2",
  "\u01f3": "\u01f2",
};

/** Go's unicode.ToTitle for one rune. */
export function toTitleRune(c: string): string {
  return TITLE_CASE[c] ?? toUpperRune(c);
}

/** Go's unicode.ToLower for one rune. */
export function toLowerRune(c: string): string {
  if (c === "\u0130") return "i";
  const l = c.toLowerCase();
  return [...l].length === 1 ? l : c;
}

/** Go's strings.ToUpper. */
export function goToUpper(s: string): string {
  return isAscii(s) ? s.toUpperCase() : Array.from(s, toUpperRune).join("");
}

/** Go's strings.ToLower. */
export function goToLower(s: string): string {
  return isAscii(s) ? s.toLowerCase() : Array.from(s, toLowerRune).join("");
}

/** Go's strings.TrimSpace. */
export function goTrimSpace(s: string): string {
  const cs = Array.from(s);
  let a = 0;
  let b = cs.length;
  while (a < b && isGoSpace(cs[a]!)) a++;
  while (b > a && isGoSpace(cs[b - 1]!)) b--;
  return cs.slice(a, b).join("");
}

/** Go's strings.Trim(s, cutset) (and TrimLeft/TrimRight with `side`). */
export function goTrim(
  s: string,
  cutset: string,
  side: "both" | "left" | "right" = "both",
): string {
  if (s === "" || cutset === "") return s;
  const set = new Set(Array.from(cutset));
  const cs = Array.from(s);
  let a = 0;
  let b = cs.length;
  if (side !== "right") while (a < b && set.has(cs[a]!)) a++;
  if (side !== "left") while (b > a && set.has(cs[b - 1]!)) b--;
  return cs.slice(a, b).join("");
}

/** Go's strings.Split (empty separator splits into UTF-8 sequences); n < 0 means all. */
export function goSplit(s: string, sep: string, n = -1): string[] {
  if (n === 0) return [];
  if (sep === "") {
    const cs = Array.from(s);
    if (n < 0 || n >= cs.length) return cs;
    return [...cs.slice(0, n - 1), cs.slice(n - 1).join("")];
  }
  const parts = s.split(sep);
  if (n < 0 || parts.length <= n) return parts;
  return [...parts.slice(0, n - 1), parts.slice(n - 1).join(sep)];
}

/** Go's strings.Repeat, with its panics. */
export function goRepeat(s: string, count: number): string {
  if (count < 0) throw new Error("strings: negative Repeat count");
  checkStringLength("repeat", s.length * count);
  return s.repeat(count);
}
