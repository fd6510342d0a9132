/**
 * Sprig's dict functions, including mergo's merge rules (merge, mergeOverwrite) and
 * copystructure's deepCopy. Go iterates maps in random order; where Sprig returns map keys or
 * values as a list we use sorted key order (one of Go's possible orders, and a stable one).
 */
import { goTypeName, sortedKeys } from "../template/fmt.ts";
import { type FuncMap, goFunc, isGoMap, typedMap, typedSlice } from "../template/value.ts";
import { strval } from "./cast.ts";
import { isEmpty } from "./defaults.ts";

type GoMap = Record<string, unknown>;

/** mergo's isEmptyValue with dereferencing: zero values, nil, and empty maps/slices. */
function isMergoEmpty(v: unknown): boolean {
  return isEmpty(v);
}

/**
 * mergo.Merge / MergeWithOverwrite of one map into another, in place. Nested maps merge
 * recursively; lists and scalars are replaced when `overwrite` is set or the destination
 * value is empty (so merge fills in `false`, `0` and `""` too, as in Sprig).
 */
export function mergeInto(dst: GoMap, src: GoMap, overwrite: boolean): void {
  for (const key of Object.keys(src)) {
    const s = src[key];
    const has = Object.hasOwn(dst, key);
    const d = dst[key];
    if (s === null || s === undefined) {
      if (overwrite) dst[key] = null;
      continue;
    }
    if (isGoMap(s)) {
      if (has && isGoMap(d)) {
        mergeInto(d, s, overwrite);
        if (!isMergoEmpty(d)) continue;
      }
    } else if (Array.isArray(s) || s instanceof Uint8Array) {
      if (has && !isMergoEmpty(d)) {
        if (overwrite) dst[key] = s;
        continue;
      }
    }
    if (overwrite || !has || isMergoEmpty(d)) dst[key] = s;
  }
}

/** copystructure.Copy over the Go value model. */
export function deepCopyValue(v: unknown): unknown {
  if (Array.isArray(v)) {
    const out = v.map(deepCopyValue);
    const t = goTypeName(v);
    return t === "[]interface {}" ? out : typedSlice(out, t);
  }
  if (v instanceof Uint8Array) return v.slice();
  if (isGoMap(v)) {
    const out: GoMap = {};
    for (const k of Object.keys(v)) out[k] = deepCopyValue(v[k]);
    // copystructure keeps the map's type (`deepCopy .Values` is still common.Values).
    const t = goTypeName(v);
    return t === "map[string]interface {}" ? out : typedMap(out, t);
  }
  return v;
}

/**
 * Go's `v.(map[string]interface{})`: only that exact type. A named map type (Helm's
 * common.Values, so `dig … .Values`) or a map[string]string (split) fails, as in Helm.
 */
function assertMap(v: unknown): GoMap {
  const t = v === null || v === undefined ? "nil" : goTypeName(v);
  if (isGoMap(v) && t === "map[string]interface {}") return v;
  throw new Error(`interface conversion: interface {} is ${t}, not map[string]interface {}`);
}

function dig(ps: unknown[]): unknown {
  if (ps.length < 3) throw new Error("dig needs at least three arguments");
  let dict = assertMap(ps[ps.length - 1]);
  const def = ps[ps.length - 2];
  const keys = ps.slice(0, -2).map((k) => {
    if (typeof k === "string") return k;
    const t = k === null || k === undefined ? "nil" : goTypeName(k);
    throw new Error(`interface conversion: interface {} is ${t}, not string`);
  });
  for (let i = 0; ; i++) {
    const k = keys[i]!;
    if (!Object.hasOwn(dict, k)) return def;
    const step = dict[k];
    if (i === keys.length - 1) return step;
    dict = assertMap(step);
  }
}

/** The dict functions. */
export function dictFuncs(): FuncMap {
  const M = "map[string]interface {}" as const;
  const merge = (overwrite: boolean) =>
    goFunc(
      [M],
      (dst: GoMap, ...srcs: GoMap[]) => {
        for (const s of srcs) if (s !== null && s !== undefined) mergeInto(dst, s, overwrite);
        return dst;
      },
      { variadic: M },
    );
  const mustMerge = (overwrite: boolean) => ({ ...merge(overwrite), returnsError: true });
  const deepCopy = goFunc(["interface {}"], (v: unknown) => {
    if (v === null || v === undefined) {
      throw new Error("reflect: call of reflect.Value.Type on zero Value");
    }
    return deepCopyValue(v);
  });
  return {
    get: goFunc([M, "string"], (d: GoMap, k: string) => (Object.hasOwn(d ?? {}, k) ? d[k] : "")),
    set: goFunc([M, "string", "interface {}"], (d: GoMap, k: string, v: unknown) => {
      if (d === null) throw new Error("assignment to entry in nil map");
      d[k] = v;
      return d;
    }),
    unset: goFunc([M, "string"], (d: GoMap, k: string) => {
      if (d !== null) delete d[k];
      return d;
    }),
    hasKey: goFunc([M, "string"], (d: GoMap, k: string) => d !== null && Object.hasOwn(d, k)),
    pluck: goFunc(
      ["string"],
      (k: string, ...ds: GoMap[]) =>
        ds.filter((d) => d !== null && Object.hasOwn(d, k)).map((d) => d[k]),
      { variadic: M },
    ),
    keys: goFunc(
      [],
      (...ds: GoMap[]) =>
        typedSlice(
          ds.flatMap((d) => (d === null ? [] : sortedKeys(d))),
          "[]string",
        ),
      { variadic: M },
    ),
    pick: goFunc(
      [M],
      (d: GoMap, ...ks: string[]) => {
        const out: GoMap = {};
        for (const k of ks) if (d !== null && Object.hasOwn(d, k)) out[k] = d[k];
        return out;
      },
      { variadic: "string" },
    ),
    omit: goFunc(
      [M],
      (d: GoMap, ...ks: string[]) => {
        const out: GoMap = {};
        const drop = new Set(ks);
        for (const k of Object.keys(d ?? {})) if (!drop.has(k)) out[k] = d[k];
        return out;
      },
      { variadic: "string" },
    ),
    dict: goFunc(
      [],
      (...v: unknown[]) => {
        const out: GoMap = {};
        for (let i = 0; i < v.length; i += 2) {
          out[strval(v[i])] = i + 1 >= v.length ? "" : v[i + 1];
        }
        return out;
      },
      { variadic: "interface {}" },
    ),
    merge: merge(false),
    mergeOverwrite: merge(true),
    mustMerge: mustMerge(false),
    mustMergeOverwrite: mustMerge(true),
    values: goFunc([M], (d: GoMap) => (d === null ? [] : sortedKeys(d).map((k) => d[k]))),
    deepCopy,
    mustDeepCopy: { ...deepCopy, returnsError: true },
    dig: goFunc([], (...ps: unknown[]) => dig(ps), {
      variadic: "interface {}",
      returnsError: true,
    }),
  };
}
