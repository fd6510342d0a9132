/**
 * gobwas/glob-style patterns with "/" as the separator, as render/v1 `config.patterns` use them
 * (chart-defined-plugins spec §3): `*` any run of non-"/" characters, `**` any run including "/",
 * `?` one non-"/" character, `[abc]` `[!abc]` `[a-z]` one character, `{a,b}` alternatives
 * (which may nest), `\x` a literal x. A pattern matches the whole name.
 */
import { HcpError } from "../errors.ts";

/** A compiled glob. */
export interface Glob {
  readonly source: string;
  match(name: string): boolean;
}

const SPECIAL = /[.*+?^${}()|[\]\\/]/g;

function escapeRegExp(text: string): string {
  return text.replace(SPECIAL, "\\$&");
}

function invalid(pattern: string, why: string): HcpError {
  return new HcpError("PLUGIN_INVALID_GLOB", `invalid glob pattern "${pattern}": ${why}`);
}

/** Translates pattern[pos…] up to `stop` (a "}" or "," inside alternatives) into RegExp source. */
function translate(pattern: string, start: number, inAlt: boolean): { src: string; end: number } {
  let src = "";
  let i = start;
  while (i < pattern.length) {
    const c = pattern[i] as string;
    if (inAlt && (c === "," || c === "}")) return { src, end: i };
    switch (c) {
      case "\\": {
        const next = pattern[i + 1];
        if (next === undefined) throw invalid(pattern, "trailing escape character");
        src += escapeRegExp(next);
        i += 2;
        break;
      }
      case "*":
        if (pattern[i + 1] === "*") {
          src += ".*";
          i += 2;
        } else {
          src += "[^/]*";
          i += 1;
        }
        break;
      case "?":
        src += "[^/]";
        i += 1;
        break;
      case "[": {
        const close = pattern.indexOf("]", i + 2);
        if (close < 0) throw invalid(pattern, "unclosed character class");
        let body = pattern.slice(i + 1, close);
        const negate = body.startsWith("!");
        if (negate) body = body.slice(1);
        if (body === "") throw invalid(pattern, "empty character class");
        const cls = body.replace(/[\\\]^]/g, "\\$&");
        src += negate ? `[^${cls}]` : `[${cls}]`;
        i = close + 1;
        break;
      }
      case "{": {
        const options: string[] = [];
        let j = i + 1;
        for (;;) {
          const part = translate(pattern, j, true);
          options.push(part.src);
          if (part.end >= pattern.length) throw invalid(pattern, "unclosed alternatives");
          j = part.end + 1;
          if (pattern[part.end] === "}") break;
        }
        src += `(?:${options.join("|")})`;
        i = j;
        break;
      }
      default:
        src += escapeRegExp(c);
        i += 1;
    }
  }
  if (inAlt) return { src, end: pattern.length };
  return { src, end: i };
}

/**
 * Compiles a glob pattern.
 * @throws HcpError PLUGIN_INVALID_GLOB for an unclosed class/alternative or trailing escape.
 */
export function compileGlob(pattern: string): Glob {
  const { src } = translate(pattern, 0, false);
  const re = new RegExp(`^${src}$`, "s");
  return { source: pattern, match: (name) => re.test(name) };
}
