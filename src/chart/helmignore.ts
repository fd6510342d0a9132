/**
 * .helmignore rules as Helm applies them: one pattern per line, `#` comments, `!` negation,
 * trailing `/` for directories only, leading `/` anchors at the chart root, a pattern with a
 * "/" matches the whole path, otherwise the base name; `**` is refused. Helm always adds
 * `templates/.?*` (hidden files under templates/).
 */
import { HcpError } from "../errors.ts";
import { compileMatcher, type Matcher } from "./match.ts";

/** The name of the ignore file at a chart's root. */
export const HELM_IGNORE = ".helmignore";

interface Pattern {
  readonly match: Matcher;
  readonly negate: boolean;
  readonly mustDir: boolean;
  readonly base: boolean;
}

/** Parsed ignore rules. */
export interface IgnoreRules {
  /** Whether `path` (relative, "/"-separated) is ignored; `isDir` for directories. */
  ignore(path: string, isDir: boolean): boolean;
}

function parseRule(rule: string, out: Pattern[]): void {
  let r = rule.trim();
  if (r === "" || r.startsWith("#")) return;
  if (r.includes("**")) {
    throw new HcpError("CHART_BAD_IGNORE", "double-star (**) syntax is not supported");
  }
  try {
    compileMatcher(r);
  } catch (err) {
    throw new HcpError("CHART_BAD_IGNORE", "syntax error in pattern", { cause: err });
  }
  let negate = false;
  let mustDir = false;
  if (r.startsWith("!")) {
    negate = true;
    r = r.slice(1);
  }
  if (r.endsWith("/")) {
    mustDir = true;
    r = r.slice(0, -1);
  }
  let base = false;
  if (r.startsWith("/")) r = r.slice(1);
  else if (!r.includes("/")) base = true;
  out.push({ match: compileMatcher(r), negate, mustDir, base });
}

/**
 * Parses .helmignore text (may be empty) and appends Helm's default rule.
 * @throws HcpError CHART_BAD_IGNORE for `**` or a malformed pattern.
 */
export function parseHelmIgnore(text: string): IgnoreRules {
  const patterns: Pattern[] = [];
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  for (const line of body.split(/\r?\n/)) parseRule(line, patterns);
  parseRule("templates/.?*", patterns);
  return {
    ignore(path: string, isDir: boolean): boolean {
      if (path === "" || path === "." || path === "./") return false;
      const base = path.slice(path.lastIndexOf("/") + 1);
      for (const p of patterns) {
        const subject = p.base ? base : path;
        if (p.negate) {
          if (p.mustDir && !isDir) return true;
          if (!p.match(subject)) return true;
          continue;
        }
        if (p.mustDir && !isDir) continue;
        if (p.match(subject)) return true;
      }
      return false;
    },
  };
}
