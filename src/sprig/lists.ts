/**
 * Sprig's list functions. Each must* variant returns the error its plain twin panics with; text/
 * template turns both into the same "error calling X: …", so one implementation serves both.
 */
import { compareGoStrings } from "../template/fmt.ts";
import {
  type FuncMap,
  GO_SLICE_TYPE,
  type GoFunc,
  type GoInt,
  type GoTypedArray,
  goFunc,
  goInt,
  nilSlice,
  typedSlice,
} from "../template/value.ts";
import { intArg, strval, toInt } from "./cast.ts";
import { isEmpty } from "./defaults.ts";
import { checkListLength } from "./limits.ts";
import { deepEqual, isGoList, kindForList, listItems } from "./reflect.ts";
import { toStringList } from "./strings.ts";

/** Returns the items of `v` when it is a list, else throws Sprig's "Cannot <verb> …" error. */
function requireList(v: unknown, message: (kind: string) => string): unknown[] {
  const kind = kindForList(v);
  if (!isGoList(v)) throw new Error(message(kind));
  return listItems(v);
}

/** Sprig's untilStep: the ints from start towards stop by step ([]int). */
export function untilStep(start: number, stop: number, step: number): GoInt[] {
  const out: GoInt[] = [];
  if (step !== 0) checkListLength("untilStep", Math.ceil(Math.abs((stop - start) / step)));
  if (stop < start) {
    if (step >= 0) return typedSlice(out, "[]int");
    for (let i = start; i > stop; i += step) out.push(goInt(i));
    return typedSlice(out, "[]int");
  }
  if (step <= 0) return typedSlice(out, "[]int");
  for (let i = start; i < stop; i += step) out.push(goInt(i));
  return typedSlice(out, "[]int");
}

function chunk(size: number, list: unknown): unknown[][] {
  const items = requireList(list, (k) => `Cannot chunk type ${k}`);
  const l = items.length;
  const cs = Math.floor((l - 1) / size) + 1;
  if (!Number.isFinite(cs) || cs < 0) throw new Error("runtime error: makeslice: len out of range");
  const out: unknown[][] = [];
  for (let i = 0; i < cs; i++) {
    let clen = size;
    if (i === cs - 1) {
      clen = Math.floor(l % size);
      if (clen === 0) clen = size;
    }
    out.push(items.slice(i * size, i * size + clen));
  }
  return typedSlice(out, "[][]interface {}");
}

function sliceList(list: unknown, indices: unknown[]): unknown {
  const kind = kindForList(list);
  if (!isGoList(list)) throw new Error(`list should be type of slice or array but ${kind}`);
  const l = list.length;
  if (l === 0) return null;
  const start = indices.length > 0 ? Number(toInt(indices[0])) : 0;
  const end = indices.length < 2 ? l : Number(toInt(indices[1]));
  if (start < 0 || end < start || end > l) {
    throw new Error("reflect.Value.Slice: slice index out of bounds");
  }
  if (list instanceof Uint8Array) return list.slice(start, end);
  const out = list.slice(start, end);
  const t = (list as GoTypedArray)[GO_SLICE_TYPE];
  return t === undefined ? out : typedSlice(out, t);
}

function sortAlpha(list: unknown): string[] {
  if (isGoList(list)) return typedSlice(toStringList(list).sort(compareGoStrings), "[]string");
  return typedSlice([strval(list)], "[]string");
}

function listFn(params: GoFunc["params"], fn: (...args: never[]) => unknown): GoFunc {
  return goFunc(params, fn, { returnsError: true });
}

/** The list functions (list, append, first, uniq, slice, concat, chunk, …). */
export function listFuncs(): FuncMap {
  const push = listFn(["interface {}", "interface {}"], (list: unknown, v: unknown) => [
    ...requireList(list, (k) => `Cannot push on type ${k}`),
    v,
  ]);
  const prepend = listFn(["interface {}", "interface {}"], (list: unknown, v: unknown) => [
    v,
    ...requireList(list, (k) => `Cannot prepend on type ${k}`),
  ]);
  const first = listFn(["interface {}"], (list: unknown) => {
    const items = requireList(list, (k) => `Cannot find first on type ${k}`);
    return items.length === 0 ? null : items[0];
  });
  const last = listFn(["interface {}"], (list: unknown) => {
    const items = requireList(list, (k) => `Cannot find last on type ${k}`);
    return items.length === 0 ? null : items[items.length - 1];
  });
  const rest = listFn(["interface {}"], (list: unknown) => {
    const items = requireList(list, (k) => `Cannot find rest on type ${k}`);
    return items.length === 0 ? nilSlice() : items.slice(1);
  });
  const initial = listFn(["interface {}"], (list: unknown) => {
    const items = requireList(list, (k) => `Cannot find initial on type ${k}`);
    return items.length === 0 ? nilSlice() : items.slice(0, -1);
  });
  const reverse = listFn(["interface {}"], (list: unknown) =>
    [...requireList(list, (k) => `Cannot find reverse on type ${k}`)].reverse(),
  );
  const compact = listFn(["interface {}"], (list: unknown) =>
    requireList(list, (k) => `Cannot compact on type ${k}`).filter((x) => !isEmpty(x)),
  );
  const uniq = listFn(["interface {}"], (list: unknown) => {
    const out: unknown[] = [];
    for (const x of requireList(list, (k) => `Cannot find uniq on type ${k}`)) {
      if (!out.some((y) => deepEqual(x, y))) out.push(x);
    }
    return out;
  });
  const without = goFunc(
    ["interface {}"],
    (list: unknown, ...omit: unknown[]) =>
      requireList(list, (k) => `Cannot find without on type ${k}`).filter(
        (x) => !omit.some((y) => deepEqual(x, y)),
      ),
    { variadic: "interface {}", returnsError: true },
  );
  const has = listFn(["interface {}", "interface {}"], (needle: unknown, hay: unknown) => {
    if (hay === null || hay === undefined) return false;
    return requireList(hay, (k) => `Cannot find has on type ${k}`).some((x) =>
      deepEqual(needle, x),
    );
  });
  const slice = goFunc(
    ["interface {}"],
    (list: unknown, ...idx: unknown[]) => sliceList(list, idx),
    { variadic: "interface {}", returnsError: true },
  );
  const chunkFn = listFn(["int", "interface {}"], (size: unknown, list: unknown) =>
    chunk(intArg(size), list),
  );
  return {
    list: goFunc([], (...v: unknown[]) => v, { variadic: "interface {}" }),
    tuple: goFunc([], (...v: unknown[]) => v, { variadic: "interface {}" }),
    append: push,
    push,
    mustAppend: push,
    mustPush: push,
    prepend,
    mustPrepend: prepend,
    first,
    mustFirst: first,
    last,
    mustLast: last,
    rest,
    mustRest: rest,
    initial,
    mustInitial: initial,
    reverse,
    mustReverse: reverse,
    compact,
    mustCompact: compact,
    uniq,
    mustUniq: uniq,
    without,
    mustWithout: without,
    has,
    mustHas: has,
    slice,
    mustSlice: slice,
    chunk: chunkFn,
    mustChunk: chunkFn,
    sortAlpha: goFunc(["interface {}"], sortAlpha),
    concat: goFunc(
      [],
      (...lists: unknown[]) => {
        const out: unknown[] = [];
        for (const l of lists)
          out.push(...requireList(l, (k) => `Cannot concat type ${k} as list`));
        return out;
      },
      { variadic: "interface {}" },
    ),
    until: goFunc(["int"], (c: unknown) => {
      const n = intArg(c);
      return untilStep(0, n, n < 0 ? -1 : 1);
    }),
    untilStep: goFunc(["int", "int", "int"], (a: unknown, b: unknown, s: unknown) =>
      untilStep(intArg(a), intArg(b), intArg(s)),
    ),
  };
}
