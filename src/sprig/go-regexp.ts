/**
 * Go regexp matching on top of the translated JS RegExp: Go's iteration rules for FindAll,
 * ReplaceAll with `$1`/`${name}` templates and Split, which differ from JS on empty matches
 * and on `$1x`.
 */
import { nilSlice } from "../template/value.ts";
import type { GoRegexp } from "./regexp-syntax.ts";

export { compileGoRegexp, type GoRegexp, mustCompileGoRegexp } from "./regexp-syntax.ts";

function execAt(r: GoRegexp, s: string, pos: number): RegExpExecArray | null {
  r.re.lastIndex = pos;
  return r.re.exec(s);
}

function runeWidth(s: string, pos: number): number {
  const cp = s.codePointAt(pos);
  return cp !== undefined && cp > 0xffff ? 2 : 1;
}

/** Go's allMatches iteration: successive matches, dropping empty matches abutting a match. */
export function findAllMatches(r: GoRegexp, s: string, n: number): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  let pos = 0;
  let prevEnd = -1;
  while ((n < 0 || out.length < n) && pos <= s.length) {
    const m = execAt(r, s, pos);
    if (m === null) break;
    const start = m.index;
    const end = start + m[0].length;
    let accept = true;
    if (end === pos) {
      if (start === prevEnd) accept = false;
      pos += pos < s.length ? runeWidth(s, pos) : 1;
    } else {
      pos = end;
    }
    prevEnd = end;
    if (accept) out.push(m);
  }
  return out;
}

/** Go's Regexp.Expand of a `$1`/`${name}` template for one match. */
function expand(r: GoRegexp, template: string, m: RegExpExecArray): string {
  let out = "";
  let t = template;
  for (;;) {
    const at = t.indexOf("$");
    if (at < 0) break;
    out += t.slice(0, at);
    t = t.slice(at + 1);
    if (t.startsWith("$")) {
      out += "$";
      t = t.slice(1);
      continue;
    }
    let name: string;
    let rest: string;
    const braced = /^\{([\p{L}\p{Nd}_]+)\}/u.exec(t);
    const bare = /^[\p{L}\p{Nd}_]+/u.exec(t);
    if (t.startsWith("{")) {
      if (braced === null) {
        out += "$";
        continue;
      }
      name = braced[1]!;
      rest = t.slice(braced[0].length);
    } else if (bare !== null) {
      name = bare[0];
      rest = t.slice(name.length);
    } else {
      out += "$";
      continue;
    }
    t = rest;
    if (/^[0-9]+$/.test(name)) {
      const num = name.length > 8 ? -1 : Number(name);
      if (num >= 0 && num < m.length) out += m[num] ?? "";
    } else {
      const idx = r.names.indexOf(name);
      if (idx > 0) out += m[idx] ?? "";
    }
  }
  return out + t;
}

/** Go's ReplaceAllString (literal = ReplaceAllLiteralString). */
export function replaceAllGo(r: GoRegexp, s: string, repl: string, literal: boolean): string {
  let out = "";
  let lastEnd = 0;
  let pos = 0;
  while (pos <= s.length) {
    const m = execAt(r, s, pos);
    if (m === null) break;
    const start = m.index;
    const end = start + m[0].length;
    out += s.slice(lastEnd, start);
    if (end > lastEnd || start === 0) out += literal ? repl : expand(r, repl, m);
    lastEnd = end;
    const w = pos < s.length ? runeWidth(s, pos) : 1;
    if (pos + w > end) pos += w;
    else if (pos + 1 > end) pos++;
    else pos = end;
  }
  return out + s.slice(lastEnd);
}

/** Go's Regexp.Split. */
export function splitGo(r: GoRegexp, s: string, n: number): string[] {
  if (n === 0) return nilSlice();
  if (r.source.length > 0 && s.length === 0) return [""];
  const matches = findAllMatches(r, s, n);
  const out: string[] = [];
  let beg = 0;
  let end = 0;
  for (const m of matches) {
    if (n > 0 && out.length === n - 1) break;
    end = m.index;
    if (m.index + m[0].length !== 0) out.push(s.slice(beg, end));
    beg = m.index + m[0].length;
  }
  if (end !== s.length) out.push(s.slice(beg));
  return out;
}

/** Go's regexp.QuoteMeta. */
export function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, "\\$&");
}
