/**
 * Sprig's "defaults" family: default, empty, coalesce, all, any, ternary, and fail.
 */
import { type FuncMap, GoInt, GoStruct, goFunc } from "../template/value.ts";

/** Sprig's empty(): Go's zero value test by reflection (nil, "", 0, false, empty list/map). */
export function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (typeof v === "string") return v.length === 0;
  if (typeof v === "boolean") return !v;
  if (typeof v === "number") return v === 0;
  if (typeof v === "bigint") return v === 0n;
  if (v instanceof GoInt) return v.value === 0n;
  if (v instanceof Uint8Array) return v.length === 0;
  if (Array.isArray(v)) return v.length === 0;
  if (v instanceof GoStruct) return false;
  if (typeof v === "object") return Object.keys(v).length === 0;
  return false;
}

/** The defaults functions. */
export function defaultsFuncs(): FuncMap {
  return {
    default: goFunc(
      ["interface {}"],
      (d: unknown, ...given: unknown[]) => {
        if (given.length === 0 || isEmpty(given[0])) return d;
        return given[0];
      },
      { variadic: "interface {}" },
    ),
    empty: goFunc(["interface {}"], (v: unknown) => isEmpty(v)),
    coalesce: goFunc(
      [],
      (...vs: unknown[]) => {
        for (const v of vs) if (!isEmpty(v)) return v;
        return null;
      },
      { variadic: "interface {}" },
    ),
    all: goFunc([], (...vs: unknown[]) => vs.every((v) => !isEmpty(v)), {
      variadic: "interface {}",
    }),
    any: goFunc([], (...vs: unknown[]) => vs.some((v) => !isEmpty(v)), {
      variadic: "interface {}",
    }),
    ternary: goFunc(
      ["interface {}", "interface {}", "bool"],
      (t: unknown, f: unknown, c: boolean) => (c ? t : f),
    ),
    fail: goFunc(
      ["string"],
      (msg: string) => {
        throw new Error(msg);
      },
      { returnsError: true },
    ),
  };
}
