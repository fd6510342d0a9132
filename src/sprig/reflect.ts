/**
 * Sprig's reflection functions (typeOf, typeIs, typeIsLike, kindOf, kindIs, deepEqual) and the
 * Go kind/type helpers the other Sprig files use for their error messages.
 */
import { goKind, goTypeName } from "../template/fmt.ts";
import {
  type FuncMap,
  GO_SLICE_TYPE,
  GoInt,
  GoStruct,
  type GoTypedArray,
  goFunc,
} from "../template/value.ts";

/** reflect.Kind(v).String(): "slice", "map", "int64", "ptr", "invalid", … */
export function kindOf(v: unknown): string {
  return goKind(v);
}

/** fmt's %T: "[]interface {}", "map[string]interface {}", "<nil>", … */
export function typeOf(v: unknown): string {
  return goTypeName(v);
}

/** Whether a value is a Go slice or array (what reflect sees as Slice/Array). */
export function isGoList(v: unknown): v is unknown[] | Uint8Array {
  return Array.isArray(v) || v instanceof Uint8Array;
}

/** The elements of a Go slice as interface{} values ([]byte yields uint8 values). */
export function listItems(v: unknown[] | Uint8Array): unknown[] {
  if (v instanceof Uint8Array) return Array.from(v, (b) => new GoInt(b, "uint8"));
  return v;
}

/**
 * Go's `reflect.TypeOf(x).Kind()` as Sprig's list functions use it: a nil argument has no
 * type, so Go panics with a nil pointer dereference.
 */
export function kindForList(v: unknown): string {
  if (v === null || v === undefined) {
    throw new Error("runtime error: invalid memory address or nil pointer dereference");
  }
  return kindOf(v);
}

function sliceType(v: unknown[]): string {
  return (v as GoTypedArray)[GO_SLICE_TYPE] ?? "[]interface {}";
}

/** reflect.DeepEqual over the Go value model. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === undefined || a === null || b === undefined || b === null) {
    return (a === undefined || a === null) && (b === undefined || b === null);
  }
  if (typeof a !== typeof b) return false;
  if (typeof a === "number") return a === b;
  if (typeof a !== "object") return a === b;
  if (a instanceof GoInt || b instanceof GoInt) {
    return a instanceof GoInt && b instanceof GoInt && a.kind === b.kind && a.value === b.value;
  }
  if (a instanceof Uint8Array || b instanceof Uint8Array) {
    if (!(a instanceof Uint8Array && b instanceof Uint8Array) || a.length !== b.length) {
      return false;
    }
    return a.every((x, i) => x === b[i]);
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b)) return false;
    if (sliceType(a) !== sliceType(b) || a.length !== b.length) return false;
    return a.every((x, i) => deepEqual(x, b[i]));
  }
  if (a instanceof GoStruct || b instanceof GoStruct) {
    if (!(a instanceof GoStruct && b instanceof GoStruct) || a.typeName !== b.typeName) {
      return false;
    }
    if (a === b) return true;
    return a.fieldOrder.every((k) => deepEqual(a.fields[k], b.fields[k]));
  }
  const ma = a as Record<string, unknown>;
  const mb = b as Record<string, unknown>;
  const ka = Object.keys(ma);
  if (ka.length !== Object.keys(mb).length) return false;
  return ka.every((k) => Object.hasOwn(mb, k) && deepEqual(ma[k], mb[k]));
}

/** The reflection functions. */
export function reflectFuncs(): FuncMap {
  return {
    typeOf: goFunc(["interface {}"], (v: unknown) => typeOf(v)),
    typeIs: goFunc(["string", "interface {}"], (t: string, v: unknown) => t === typeOf(v)),
    typeIsLike: goFunc(["string", "interface {}"], (t: string, v: unknown) => {
      const name = typeOf(v);
      return t === name || `*${t}` === name;
    }),
    kindOf: goFunc(["interface {}"], (v: unknown) => kindOf(v)),
    kindIs: goFunc(["string", "interface {}"], (t: string, v: unknown) => t === kindOf(v)),
    deepEqual: goFunc(["interface {}", "interface {}"], (a: unknown, b: unknown) =>
      deepEqual(a, b),
    ),
  };
}
