/**
 * Go type facts for the value model: the names %T prints, reflect.Kind names, and Go's byte
 * order for map keys. Sprig's typeOf/kindOf/typeIs use these.
 */
import {
  GO_MAP_TYPE,
  GO_SLICE_TYPE,
  GoComplex,
  type GoFunc,
  GoInt,
  GoStruct,
  type GoTypedArray,
  isGoFunc,
  isGoMap,
} from "./value.ts";

/** Compares strings by UTF-8 bytes (= code points), as Go's sort of map keys does. */
export function compareGoStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.codePointAt(i)!;
    const cb = b.codePointAt(i)!;
    if (ca !== cb) return ca < cb ? -1 : 1;
    if (ca > 0xffff) i++;
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

/** The keys of a Go map in Go's printing/iteration order. */
export function sortedKeys(m: Record<string, unknown>): string[] {
  const keys = Object.keys(m);
  if (keys.length < 2) return keys;
  // Below U+D800 UTF-16 order equals byte order, so the default sort is Go's order.
  for (const k of keys) {
    for (let i = 0; i < k.length; i++) {
      if (k.charCodeAt(i) >= 0xd800) return keys.sort(compareGoStrings);
    }
  }
  return keys.sort();
}

/** The Go type name of a value, as %T prints it (`float64`, `[]interface {}`, `<nil>`). */
export function goTypeName(v: unknown): string {
  if (v === null || v === undefined) return "<nil>";
  switch (typeof v) {
    case "string":
      return "string";
    case "number":
      return "float64";
    case "bigint":
      return "int64";
    case "boolean":
      return "bool";
    case "function":
      return "func()";
  }
  if (v instanceof GoInt) return v.kind;
  if (v instanceof GoStruct) return v.typeName;
  if (v instanceof GoComplex) return "complex128";
  if (v instanceof Uint8Array) return "[]uint8";
  if (Array.isArray(v)) return (v as GoTypedArray)[GO_SLICE_TYPE] ?? "[]interface {}";
  if (isGoMap(v)) {
    return (v as { [GO_MAP_TYPE]?: string })[GO_MAP_TYPE] ?? "map[string]interface {}";
  }
  if (isGoFuncValue(v)) return goFuncTypeName(v);
  return "interface {}";
}

/** The reflect.Kind name of a value ("int", "float64", "slice", "map", "ptr", "invalid"…). */
export function goKind(v: unknown): string {
  if (v === null || v === undefined) return "invalid";
  switch (typeof v) {
    case "string":
      return "string";
    case "number":
      return "float64";
    case "bigint":
      return "int64";
    case "boolean":
      return "bool";
    case "function":
      return "func";
  }
  if (v instanceof GoInt) return v.kind;
  if (v instanceof GoComplex) return "complex128";
  if (v instanceof GoStruct) return v.typeName.startsWith("*") ? "ptr" : "struct";
  if (v instanceof Uint8Array || Array.isArray(v)) return "slice";
  if (isGoMap(v)) return "map";
  if (isGoFuncValue(v)) return "func";
  return "interface";
}

/** Reports whether v is a GoFunc value (an object with `params` and `fn`). */
export function isGoFuncValue(v: unknown): v is GoFunc {
  if (isGoFunc(v)) return true;
  return (
    typeof v === "object" &&
    v !== null &&
    !isGoMap(v) &&
    typeof (v as { fn?: unknown }).fn === "function" &&
    Array.isArray((v as { params?: unknown }).params)
  );
}

/** The Go signature of a GoFunc, as %T prints it. */
export function goFuncTypeName(f: GoFunc): string {
  const params = f.params.map(String);
  if (f.variadic !== undefined) params.push(`...${f.variadic}`);
  const sig = `func(${params.join(", ")})`;
  return f.returnsError ? `${sig} (interface {}, error)` : `${sig} interface {}`;
}
