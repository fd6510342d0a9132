/**
 * Sprig's path functions: Go's path.Base, Dir, Clean, Ext, IsAbs, and the os* (filepath)
 * variants, which are the same on the Unix systems Helm's golden output comes from.
 */

import { cleanPath } from "../gopath.ts";
import { type FuncMap, goFunc } from "../template/value.ts";

/** Go's path.Base. */
export function basePath(p: string): string {
  if (p === "") return ".";
  const trimmed = p.replace(/\/+$/, "");
  if (trimmed === "") return "/";
  return trimmed.slice(trimmed.lastIndexOf("/") + 1);
}

/** Go's path.Dir. */
export function dirPath(p: string): string {
  return cleanPath(p.slice(0, p.lastIndexOf("/") + 1));
}

/** Go's path.Ext. */
export function extPath(p: string): string {
  for (let i = p.length - 1; i >= 0 && p[i] !== "/"; i--) {
    if (p[i] === ".") return p.slice(i);
  }
  return "";
}

/** The path functions. */
export function pathFuncs(): FuncMap {
  const s1 = (f: (s: string) => unknown) => goFunc(["string"], f);
  const base = s1(basePath);
  const dir = s1(dirPath);
  const clean = s1(cleanPath);
  const ext = s1(extPath);
  const isAbs = s1((p) => p.startsWith("/"));
  return {
    base,
    dir,
    clean,
    ext,
    isAbs,
    osBase: base,
    osDir: dir,
    osClean: clean,
    osExt: ext,
    osIsAbs: isAbs,
  };
}
