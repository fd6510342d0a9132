/**
 * Go string semantics in JS: Go strings are UTF-8 bytes, so Sprig's byte-indexed functions
 * (trunc, substr, abbrev, wrap, …) slice bytes. Also Go's unicode predicates and strconv.Quote.
 */

import { isAscii } from "../template/gostring.ts";
import { checkStringLength } from "./limits.ts";

export { byteLen, fromUtf8, isAscii, sliceBytes, utf8 } from "../template/gostring.ts";

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
