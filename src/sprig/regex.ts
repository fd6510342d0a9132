/**
 * Sprig's regex functions over Go regexp semantics (see go-regexp.ts). The plain variants use
 * MustCompile and so fail with Go's panic text; the must* variants return the compile error.
 */
import { type FuncMap, goFunc, typedSlice } from "../template/value.ts";
import { intArg } from "./cast.ts";
import {
  compileGoRegexp,
  findAllMatches,
  type GoRegexp,
  mustCompileGoRegexp,
  quoteMeta,
  replaceAllGo,
  splitGo,
} from "./go-regexp.ts";

type Compile = (src: string) => GoRegexp;

function findAll(compile: Compile, re: string, s: string, n: number): string[] {
  const r = compile(re);
  const out = findAllMatches(r, s, n).map((m) => m[0]);
  return typedSlice(out, "[]string");
}

function findOne(compile: Compile, re: string, s: string): string {
  const r = compile(re);
  return findAllMatches(r, s, 1)[0]?.[0] ?? "";
}

/** The regex functions. */
export function regexFuncs(): FuncMap {
  const S = "string" as const;
  const fns = (compile: Compile, returnsError: boolean) => ({
    FindAll: goFunc(
      [S, S, "int"],
      (re: string, s: string, n: unknown) => findAll(compile, re, s, intArg(n)),
      { returnsError },
    ),
    Find: goFunc([S, S], (re: string, s: string) => findOne(compile, re, s), { returnsError }),
    ReplaceAll: goFunc(
      [S, S, S],
      (re: string, s: string, repl: string) => replaceAllGo(compile(re), s, repl, false),
      { returnsError },
    ),
    ReplaceAllLiteral: goFunc(
      [S, S, S],
      (re: string, s: string, repl: string) => replaceAllGo(compile(re), s, repl, true),
      { returnsError },
    ),
    Split: goFunc(
      [S, S, "int"],
      (re: string, s: string, n: unknown) =>
        typedSlice(splitGo(compile(re), s, intArg(n)), "[]string"),
      { returnsError },
    ),
  });
  const plain = fns(mustCompileGoRegexp, false);
  const must = fns(compileGoRegexp, true);
  return {
    regexMatch: goFunc([S, S], (re: string, s: string) => {
      try {
        return findAllMatches(compileGoRegexp(re), s, 1).length > 0;
      } catch {
        return false;
      }
    }),
    mustRegexMatch: goFunc(
      [S, S],
      (re: string, s: string) => findAllMatches(compileGoRegexp(re), s, 1).length > 0,
      { returnsError: true },
    ),
    regexFindAll: plain.FindAll,
    mustRegexFindAll: must.FindAll,
    regexFind: plain.Find,
    mustRegexFind: must.Find,
    regexReplaceAll: plain.ReplaceAll,
    mustRegexReplaceAll: must.ReplaceAll,
    regexReplaceAllLiteral: plain.ReplaceAllLiteral,
    mustRegexReplaceAllLiteral: must.ReplaceAllLiteral,
    regexSplit: plain.Split,
    mustRegexSplit: must.Split,
    regexQuoteMeta: goFunc([S], (s: string) => quoteMeta(s)),
  };
}
