/**
 * The Go value model shared by the template engine, Sprig and Helm's functions.
 *
 * How Go values are represented in JS (this is a contract; every pure module relies on it):
 *
 * | Go                          | JS                                                      |
 * | --------------------------- | ------------------------------------------------------- |
 * | invalid reflect.Value       | `undefined` (missing map key; prints `<no value>`)      |
 * | nil (interface, map, slice) | `null`                                                  |
 * | bool                        | `boolean`                                               |
 * | string                      | `string`                                                |
 * | float64                     | `number`                                                |
 * | int64                       | `bigint` (what Sprig math and --set integers produce)   |
 * | int, int32, uint8, …        | `GoInt` (template literals, len, range indexes, atoi)   |
 * | []byte                      | `Uint8Array`                                            |
 * | []interface{} / []string    | `Array` (a `GoTypedArray` tags []string, []int, …)      |
 * | map[string]interface{}      | plain object (own enumerable keys; iterate sorted)      |
 * | struct / *struct            | `GoStruct` (Helm's Chart, Capabilities, Files, …)       |
 * | func                        | `GoFunc`                                                |
 *
 * Integers: Go's int64 arithmetic wraps; use `BigInt.asIntN(64, x)`. Untyped template
 * constants become `int` when passed to an interface{} parameter (Go's evalArg).
 */

/** Go integer kinds other than int64 (int64 is a plain bigint). */
export type GoIntKind =
  | "int"
  | "int8"
  | "int16"
  | "int32"
  | "uint"
  | "uint8"
  | "uint16"
  | "uint32"
  | "uint64";

/** A Go integer whose kind is not int64 (e.g. the `int` that `len` returns). */
export class GoInt {
  readonly value: bigint;
  readonly kind: GoIntKind;
  constructor(value: bigint | number, kind: GoIntKind = "int") {
    this.value = typeof value === "bigint" ? value : BigInt(value);
    this.kind = kind;
  }
  toString(): string {
    return this.value.toString();
  }
}

/** Creates a Go `int` (the kind Go's builtins and untyped constants produce). */
export function goInt(value: bigint | number): GoInt {
  return new GoInt(value, "int");
}

/** Reports whether v is any Go integer (int64 bigint or GoInt). */
export function isGoInteger(v: unknown): v is bigint | GoInt {
  return typeof v === "bigint" || v instanceof GoInt;
}

/** The integer value of a Go integer as bigint. */
export function integerValue(v: bigint | GoInt): bigint {
  return typeof v === "bigint" ? v : v.value;
}

/** Element type tag for a Go slice that is not []interface{} (e.g. []string from splitList). */
export const GO_SLICE_TYPE: unique symbol = Symbol.for("hcp.goSliceType");

/** An Array carrying its Go slice type, e.g. "[]string". Plain arrays are []interface{}. */
export type GoTypedArray = unknown[] & { [GO_SLICE_TYPE]?: string };

/**
 * Marks an empty array as a Go nil slice (Sprig's `rest` of an empty list, `regexSplit … 0`):
 * it prints and ranges like an empty one, but Go's JSON encoder (so toJson and toYaml) writes
 * it as null.
 */
export const GO_NIL_SLICE: unique symbol = Symbol.for("hcp.goNilSlice");

/** A new nil slice (see GO_NIL_SLICE). */
export function nilSlice<T = unknown>(): T[] {
  const arr: T[] = [];
  (arr as unknown as Record<symbol, boolean>)[GO_NIL_SLICE] = true;
  return arr;
}

/** Whether `v` is a nil slice made by nilSlice. */
export function isNilSlice(v: unknown): boolean {
  return (
    Array.isArray(v) &&
    v.length === 0 &&
    (v as unknown as Record<symbol, unknown>)[GO_NIL_SLICE] === true
  );
}

/** Tags an array with its Go slice type name (e.g. "[]string"); returns the same array. */
export function typedSlice<T extends unknown[]>(arr: T, goType: string): T {
  (arr as GoTypedArray)[GO_SLICE_TYPE] = goType;
  return arr;
}

/**
 * Go parameter and result types a GoFunc declares, as Go spells them. Go's evalArg converts
 * or rejects each argument by these ("wrong type for value; expected int; got float64").
 */
export type GoType =
  | "interface {}"
  | "string"
  | "bool"
  | "int"
  | "int64"
  | "uint32"
  | "float64"
  | "[]interface {}"
  | "[]string"
  | "[]byte"
  | "map[string]interface {}"
  | "reflect.Value";

/**
 * A function callable from templates (FuncMap entry or method). `fn` throws to report the
 * error result; the engine wraps it as `error calling NAME: …`.
 */
export interface GoFunc {
  readonly params: readonly GoType[];
  /** Element type of a final variadic parameter (`...interface {}` → "interface {}"). */
  readonly variadic?: GoType;
  /** Whether the Go function returns (T, error); affects only its printed signature. */
  readonly returnsError?: boolean;
  readonly fn: (...args: never[]) => unknown;
}

/** Prototype of goFunc() results: keeps a function value apart from a map when it is data. */
const GO_FUNC_PROTO: object = Object.freeze({});

/** Shorthand to declare a GoFunc. */
export function goFunc(
  params: readonly GoType[],
  fn: (...args: never[]) => unknown,
  options: { variadic?: GoType; returnsError?: boolean } = {},
): GoFunc {
  return Object.assign(Object.create(GO_FUNC_PROTO) as object, { params, fn, ...options });
}

/** Reports whether v is a GoFunc made by goFunc() (a func value, not a map). */
export function isGoFunc(v: unknown): v is GoFunc {
  return typeof v === "object" && v !== null && Object.getPrototypeOf(v) === GO_FUNC_PROTO;
}

/** A function map: name → GoFunc (Go's template.FuncMap). */
export type FuncMap = Readonly<Record<string, GoFunc>>;

/** How a GoStruct's type is declared beyond its fields and methods. */
export interface GoStructShape {
  /**
   * Methods declared on the pointer type (`func (v *T) String()`). A template reaches them on
   * an addressable struct (a field of a pointer, as Helm's values are), so they are in
   * `methods`; but a copy of the value passed to a function is not a Stringer: fmt and
   * Sprig's strval print its fields instead.
   */
  readonly pointerMethods?: readonly string[];
  /** `json:"…"` names of fields (encoding/json, and toYaml through it). */
  readonly jsonNames?: Readonly<Record<string, string>>;
}

/**
 * A Go struct (or pointer to one) exposed to templates: fields by name, methods by name.
 * `typeName` is what %T and typeOf print (e.g. "*chart.Metadata"). Fields whose name does not
 * start with an upper-case letter are unexported: printed by fmt, refused to templates, left
 * out by the JSON, YAML and TOML encoders.
 */
export class GoStruct {
  readonly typeName: string;
  readonly fields: Readonly<Record<string, unknown>>;
  readonly methods: Readonly<Record<string, GoFunc>>;
  /** Field order for printing with %v ({a b}); defaults to the fields' insertion order. */
  readonly fieldOrder: readonly string[];
  readonly shape: GoStructShape;
  /**
   * Whether templates see this value in place (a field reached through Helm's pointers, or a
   * variable or `with` holding one): pointer methods apply. A copy passed through a function's
   * interface{} parameter (`include "x" .Capabilities.KubeVersion`) is not addressable.
   */
  readonly addressable: boolean;
  constructor(
    typeName: string,
    fields: Readonly<Record<string, unknown>>,
    methods: Readonly<Record<string, GoFunc>> = {},
    shape: GoStructShape = NO_SHAPE,
    addressable = true,
  ) {
    this.typeName = typeName;
    this.fields = fields;
    this.methods = methods;
    this.fieldOrder = Object.keys(fields);
    this.shape = shape;
    this.addressable = addressable;
  }

  /** This value as a function receives it: a non-addressable copy if that changes anything. */
  passed(): GoStruct {
    if (!this.addressable || this.shape.pointerMethods === undefined) return this;
    if (this.typeName.startsWith("*")) return this;
    return new GoStruct(this.typeName, this.fields, this.methods, this.shape, false);
  }

  /** Whether a template can call method `name` on this value (Go's method set, addressable). */
  hasMethod(name: string): boolean {
    if (!Object.hasOwn(this.methods, name)) return false;
    return this.addressable || this.valueMethod(name) !== undefined;
  }

  /** The exported fields in declaration order, as encoders see them: [Go name, value]. */
  exportedFields(): [string, unknown][] {
    const out: [string, unknown][] = [];
    for (const name of this.fieldOrder) {
      if (isExportedName(name)) out.push([name, this.fields[name]]);
    }
    return out;
  }

  /** A method in the method set of this value as a copy (fmt's and strval's view). */
  valueMethod(name: string): GoFunc | undefined {
    const m = this.methods[name];
    if (m === undefined) return undefined;
    if (!this.typeName.startsWith("*") && this.shape.pointerMethods?.includes(name))
      return undefined;
    return m;
  }
}

const NO_SHAPE: GoStructShape = {};

/** Go's token.IsExported: the name starts with an upper-case letter. */
export function isExportedName(name: string): boolean {
  const c = name.charCodeAt(0);
  if (c >= 0x41 && c <= 0x5a) return true;
  if (c < 0x80) return false;
  return /^\p{Lu}/u.test(name);
}

/** Type tag for a Go map whose type is not map[string]interface{} (e.g. "common.Values"). */
export const GO_MAP_TYPE: unique symbol = Symbol.for("hcp.goMapType");

/**
 * Tags a plain object with its Go map type name (Helm's `.Values` and `.` are common.Values);
 * returns the same object. The tag is non-enumerable, so spreads and copies drop it as Go's
 * conversions to map[string]interface{} do.
 */
export function typedMap<T extends Record<string, unknown>>(obj: T, goType: string): T {
  Object.defineProperty(obj, GO_MAP_TYPE, { value: goType, enumerable: false, configurable: true });
  return obj;
}

/** Methods of a named Go map or slice type (e.g. Helm's engine.files, common.VersionSet). */
export const GO_METHODS: unique symbol = Symbol.for("hcp.goMethods");

/**
 * Gives a plain object or array the methods of its named Go type, so templates can both
 * range over it and call `.Method` on it (`range .Files.Glob "x"`, `(.Files.Glob "x").AsConfig`,
 * `.Capabilities.APIVersions.Has "v1"`). Optionally tags the Go type name too. Non-enumerable.
 */
export function withMethods<T extends Record<string, unknown> | unknown[]>(
  value: T,
  methods: Readonly<Record<string, GoFunc>>,
  goType?: string,
): T {
  Object.defineProperty(value, GO_METHODS, {
    value: methods,
    enumerable: false,
    configurable: true,
  });
  if (goType !== undefined) {
    const tag = Array.isArray(value) ? GO_SLICE_TYPE : GO_MAP_TYPE;
    Object.defineProperty(value, tag, { value: goType, enumerable: false, configurable: true });
  }
  return value;
}

/** The methods attached by withMethods, if any. */
export function methodsOf(value: unknown): Readonly<Record<string, GoFunc>> | undefined {
  if (value === null || typeof value !== "object") return undefined;
  return (value as { [GO_METHODS]?: Readonly<Record<string, GoFunc>> })[GO_METHODS];
}

/** A Go complex128 (only template constants such as `2i` or `1+2i` produce one). */
export class GoComplex {
  readonly re: number;
  readonly im: number;
  constructor(re: number, im: number) {
    this.re = re;
    this.im = im;
  }
}

/** Reports whether v is a Go map[string]interface{} (a plain JS object). */
export function isGoMap(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== "object") return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}
