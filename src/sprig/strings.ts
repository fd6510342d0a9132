/**
 * Sprig's string functions. Go strings are bytes: trunc, substr, abbrev and wrap index bytes,
 * and out-of-range slices fail with Go's runtime panic text, as they do in Helm.
 */
import { goQuote } from "../template/fmt.ts";
import { type FuncMap, goFunc, typedMap, typedSlice } from "../template/value.ts";
import {
  camelToLower,
  deleteWhiteSpace,
  initials,
  shuffle,
  swapCase,
  title,
  toPascalCase,
  untitle,
} from "./case.ts";
import { intArg, sprint, strval } from "./cast.ts";
import {
  byteLen,
  fromUtf8,
  goRepeat,
  goSplit,
  goToLower,
  goToUpper,
  goTrim,
  goTrimSpace,
  isAscii,
  sliceBytes,
  utf8,
} from "./gostr.ts";
import { isGoList, listItems } from "./reflect.ts";

/** Sprig's strslice: a list (nil elements dropped) or a scalar as []string. */
export function toStringList(v: unknown): string[] {
  let out: string[];
  if (isGoList(v)) {
    out = listItems(v)
      .filter((x) => x !== null && x !== undefined)
      .map(strval);
  } else if (v === null || v === undefined) {
    out = [];
  } else {
    out = [strval(v)];
  }
  return typedSlice(out, "[]string");
}

/** goutils.AbbreviateFull over bytes. */
function abbreviateFull(s: string, offset: number, maxWidth: number): string {
  const n = byteLen(s);
  if (s === "") return "";
  if (maxWidth < 4) return "";
  if (n <= maxWidth) return s;
  let off = Math.min(offset, n);
  if (n - off < maxWidth - 3) off = n - (maxWidth - 3);
  if (off <= 4) return sliceBytes(s, 0, maxWidth - 3) + "...";
  if (maxWidth < 7) return "";
  if (off + maxWidth - 3 < n) return "..." + abbreviateFull(sliceBytes(s, off), 0, maxWidth - 3);
  return "..." + sliceBytes(s, n - (maxWidth - 3));
}

/** goutils.WrapCustom over bytes. */
export function wrapCustom(s: string, width: number, newline: string, longWords: boolean): string {
  if (s === "") return "";
  const nl = newline === "" ? "\n" : newline;
  const w = Math.max(width, 1);
  const bytes = utf8(s);
  const ascii = isAscii(s);
  const sub = (a: number, b = bytes.length): string =>
    ascii ? s.slice(a, b) : fromUtf8(bytes.subarray(a, b));
  const lastSpace = (a: number, b: number): number => bytes.subarray(a, b).lastIndexOf(32);
  let out = "";
  let off = 0;
  while (bytes.length - off > w) {
    if (bytes[off] === 32) {
      off++;
      continue;
    }
    const end = Math.min(w + off + 1, bytes.length);
    let at = lastSpace(off, end) + off;
    if (at >= off) {
      out += sub(off, at) + nl;
      off = at + 1;
    } else if (longWords) {
      out += sub(off, w + off) + nl;
      off += w;
    } else {
      const idx = bytes.subarray(w + off).indexOf(32);
      if (idx === -1) {
        out += sub(off);
        off = bytes.length;
      } else {
        at = idx + w + off;
        out += sub(off, at) + nl;
        off = at + 1;
      }
    }
  }
  return out + sub(off);
}

/** Sprig's split/splitn result: a map[string]string of "_0", "_1", … */
function toSplitMap(parts: string[]): Record<string, unknown> {
  const m: Record<string, unknown> = {};
  parts.forEach((p, i) => {
    m[`_${i}`] = p;
  });
  return typedMap(m, "map[string]string");
}

function indent(n: number, s: string): string {
  const pad = goRepeat(" ", n);
  return pad + s.replaceAll("\n", `\n${pad}`);
}

function substr(start: number, end: number, s: string): string {
  if (start < 0) return sliceBytes(s, undefined, end);
  if (end < 0 || end > byteLen(s)) return sliceBytes(s, start);
  return sliceBytes(s, start, end);
}

function trunc(c: number, s: string): string {
  const n = byteLen(s);
  if (c < 0 && n + c > 0) return sliceBytes(s, n + c);
  if (c >= 0 && n > c) return sliceBytes(s, 0, c);
  return s;
}

/** The string functions; `random` drives shuffle. */
export function stringFuncs(random: () => number): FuncMap {
  const s1 = (f: (s: string) => unknown) => goFunc(["string"], f);
  const s2 = (f: (a: string, b: string) => unknown) => goFunc(["string", "string"], f);
  return {
    abbrev: goFunc(["int", "string"], (w: unknown, s: string) => {
      const width = intArg(w);
      return width < 4 ? s : abbreviateFull(s, 0, width);
    }),
    abbrevboth: goFunc(["int", "int", "string"], (l: unknown, r: unknown, s: string) => {
      const left = intArg(l);
      const right = intArg(r);
      if (right < 4 || (left > 0 && right < 7)) return s;
      return abbreviateFull(s, left, right);
    }),
    trunc: goFunc(["int", "string"], (c: unknown, s: string) => trunc(intArg(c), s)),
    trim: s1(goTrimSpace),
    upper: s1(goToUpper),
    lower: s1(goToLower),
    title: s1(title),
    untitle: s1(untitle),
    substr: goFunc(["int", "int", "string"], (a: unknown, b: unknown, s: string) =>
      substr(intArg(a), intArg(b), s),
    ),
    repeat: goFunc(["int", "string"], (c: unknown, s: string) => goRepeat(s, intArg(c))),
    trimall: s2((a, b) => goTrim(b, a)),
    trimAll: s2((a, b) => goTrim(b, a)),
    trimSuffix: s2((a, b) => (a !== "" && b.endsWith(a) ? b.slice(0, b.length - a.length) : b)),
    trimPrefix: s2((a, b) => (a !== "" && b.startsWith(a) ? b.slice(a.length) : b)),
    nospace: s1(deleteWhiteSpace),
    initials: s1(initials),
    swapcase: s1(swapCase),
    shuffle: s1((s) => shuffle(s, random)),
    snakecase: s1((s) => camelToLower(s, "_")),
    camelcase: s1(toPascalCase),
    kebabcase: s1((s) => camelToLower(s, "-")),
    wrap: goFunc(["int", "string"], (l: unknown, s: string) => wrapCustom(s, intArg(l), "", false)),
    wrapWith: goFunc(["int", "string", "string"], (l: unknown, sep: string, s: string) =>
      wrapCustom(s, intArg(l), sep, true),
    ),
    contains: s2((sub, s) => s.includes(sub)),
    hasPrefix: s2((p, s) => s.startsWith(p)),
    hasSuffix: s2((p, s) => s.endsWith(p)),
    quote: goFunc(
      [],
      (...vs: unknown[]) => {
        // A loop, not filter/map/join: quote runs for most values of most charts, mostly cold.
        let out: string | undefined;
        for (const v of vs) {
          if (v === null || v === undefined) continue;
          const q = goQuote(strval(v));
          out = out === undefined ? q : `${out} ${q}`;
        }
        return out ?? "";
      },
      { variadic: "interface {}" },
    ),
    squote: goFunc(
      [],
      (...vs: unknown[]) =>
        vs
          .filter((v) => v !== null && v !== undefined)
          .map((v) => `'${sprint(v)}'`)
          .join(" "),
      { variadic: "interface {}" },
    ),
    cat: goFunc(
      [],
      (...vs: unknown[]) =>
        vs
          .filter((v) => v !== null && v !== undefined)
          .map(sprint)
          .join(" "),
      { variadic: "interface {}" },
    ),
    indent: goFunc(["int", "string"], (n: unknown, s: string) => indent(intArg(n), s)),
    nindent: goFunc(["int", "string"], (n: unknown, s: string) => `\n${indent(intArg(n), s)}`),
    replace: goFunc(["string", "string", "string"], (o: string, n: string, s: string) =>
      goReplaceAll(s, o, n),
    ),
    plural: goFunc(["string", "string", "int"], (one: string, many: string, c: unknown) =>
      intArg(c) === 1 ? one : many,
    ),
    toString: goFunc(["interface {}"], (v: unknown) => strval(v)),
    join: goFunc(["string", "interface {}"], (sep: string, v: unknown) =>
      toStringList(v).join(sep),
    ),
    split: s2((sep, s) => toSplitMap(goSplit(s, sep))),
    splitList: s2((sep, s) => typedSlice(goSplit(s, sep), "[]string")),
    splitn: goFunc(["string", "int", "string"], (sep: string, n: unknown, s: string) =>
      toSplitMap(goSplit(s, sep, intArg(n))),
    ),
    toStrings: goFunc(["interface {}"], (v: unknown) => toStringList(v)),
  };
}

/** Go's strings.Replace(s, old, new, -1): an empty `old` inserts around every rune. */
function goReplaceAll(s: string, o: string, n: string): string {
  if (o === "") {
    const cs = Array.from(s);
    return n + cs.map((c) => c + n).join("");
  }
  return s.replaceAll(o, n);
}
