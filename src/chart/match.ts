/**
 * Go's path/filepath.Match for "/"-separated names: `*` (no "/"), `?`, `[a-z]`, `[^a-z]`,
 * `\x`. Used by .helmignore and by `--show-only`.
 */
import { HcpError } from "../errors.ts";

const cache = new Map<string, RegExp>();

function badPattern(): HcpError {
  return new HcpError("CHART_BAD_PATTERN", "syntax error in pattern");
}

function escapeRe(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? `\\${c}` : c;
}

function escapeClass(c: string): string {
  return /[\]\\^-]/.test(c) ? `\\${c}` : c;
}

/** Compiles a Go filepath.Match pattern into an anchored RegExp. @throws on a bad pattern. */
export function compileMatch(pattern: string): RegExp {
  const hit = cache.get(pattern);
  if (hit) return hit;
  const chars = Array.from(pattern);
  let src = "^";
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string;
    if (c === "*") src += "[^/]*";
    else if (c === "?") src += "[^/]";
    else if (c === "\\") {
      const next = chars[++i];
      if (next === undefined) throw badPattern();
      src += escapeRe(next);
    } else if (c === "[") {
      let j = i + 1;
      let negate = false;
      if (chars[j] === "^") {
        negate = true;
        j++;
      }
      let body = "";
      let first = true;
      for (;;) {
        const d = chars[j];
        if (d === undefined) throw badPattern();
        if (d === "]" && !first) break;
        first = false;
        let lo = d;
        if (d === "\\") {
          j++;
          lo = chars[j] ?? "";
          if (lo === "") throw badPattern();
        } else if (d === "-" || d === "]") throw badPattern();
        j++;
        if (chars[j] === "-" && chars[j + 1] !== "]") {
          j++;
          let hi = chars[j] as string | undefined;
          if (hi === "\\") hi = chars[++j];
          if (hi === undefined) throw badPattern();
          if (hi < lo) throw badPattern();
          body += `${escapeClass(lo)}-${escapeClass(hi)}`;
          j++;
        } else {
          body += escapeClass(lo);
        }
      }
      src += negate ? `(?!/)[^${body}]` : `[${body}]`;
      i = j;
    } else src += escapeRe(c);
  }
  const re = new RegExp(`${src}$`, "u");
  cache.set(pattern, re);
  return re;
}

/** Go's filepath.Match: reports whether `name` matches the whole `pattern`. */
export function matchPath(pattern: string, name: string): boolean {
  return compileMatch(pattern).test(name);
}
