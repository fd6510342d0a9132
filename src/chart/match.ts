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

/** A compiled pattern: reports whether a name matches it. */
export type Matcher = (name: string) => boolean;

const SPECIAL = /[*?[\\]/;

/**
 * compileMatch as a function, with the two shapes nearly every .helmignore line has answered
 * without a regular expression: a literal name (`.git`) and `*` + literal (`*.swp`), or
 * literal + `*` (`foo*`). Compiling and first running ~20 rule regexes per chart costs about
 * half a millisecond of a short `hcp template` run.
 * @throws HcpError CHART_BAD_PATTERN on a bad pattern.
 */
export function compileMatcher(pattern: string): Matcher {
  if (!SPECIAL.test(pattern)) return (name) => name === pattern;
  const rest = pattern.slice(1);
  if (pattern.startsWith("*") && !SPECIAL.test(rest)) {
    // `*` matches any run without "/".
    return (name) =>
      name.length >= rest.length &&
      name.endsWith(rest) &&
      !name.slice(0, name.length - rest.length).includes("/");
  }
  const head = pattern.slice(0, -1);
  if (pattern.endsWith("*") && !SPECIAL.test(head)) {
    return (name) => name.startsWith(head) && !name.slice(head.length).includes("/");
  }
  // literal + `?*` (Helm's own `templates/.?*`): at least one more character, none a "/".
  const stem = pattern.slice(0, -2);
  if (pattern.endsWith("?*") && !SPECIAL.test(stem)) {
    return (name) =>
      name.length > stem.length && name.startsWith(stem) && !name.includes("/", stem.length);
  }
  const re = compileMatch(pattern);
  return (name) => re.test(name);
}

/** Go's filepath.Match: reports whether `name` matches the whole `pattern`. */
export function matchPath(pattern: string, name: string): boolean {
  return compileMatch(pattern).test(name);
}
