/**
 * Sprig's JSON functions (toJson, toPrettyJson, toRawJson, fromJson and must* variants) with Go
 * encoding/json output: sorted map keys, HTML-safe escaping (except toRawJson), Go float text.
 * Helm replaces toJson, mustToJson and fromJson with its own; the rest come from here.
 */
import { goTypeName } from "../template/fmt.ts";
import { type FuncMap, GoInt, GoStruct, goFunc, isGoMap } from "../template/value.ts";
import { GoJsonError, mustToJson, toPrettyJson, toRawJson } from "../yaml/index.ts";
import { checkJsonSyntax } from "./json-check.ts";

/**
 * Gives src/yaml's encoder (Helm's toJson) values it can write as Go would, for the two things
 * it does not do itself: a struct with a MarshalJSON method (time.Time, *semver.Version)
 * becomes the value its JSON text stands for (both write a JSON string), and a value JSON
 * cannot hold fails with Go's `json: unsupported type: T`. Containers are copied only when
 * something inside them changed.
 */
function resolveMarshalers(x: unknown): unknown {
  if (x === null || x === undefined || x instanceof GoInt || x instanceof Uint8Array) return x;
  const t = typeof x;
  if (t === "string" || t === "boolean" || t === "number" || t === "bigint") return x;
  if (Array.isArray(x)) {
    let out: unknown[] | undefined;
    x.forEach((e, i) => {
      const r = resolveMarshalers(e);
      if (r === e) return;
      out ??= [...x];
      out[i] = r;
    });
    return out ?? x;
  }
  if (x instanceof GoStruct) {
    const marshal = x.methods["MarshalJSON"];
    if (marshal !== undefined && marshal.params.length === 0) {
      return JSON.parse(new TextDecoder().decode((marshal.fn as () => Uint8Array)())) as unknown;
    }
    const fields = resolveFields(x.fields);
    return fields === x.fields ? x : new GoStruct(x.typeName, fields, x.methods, x.shape);
  }
  if (isGoMap(x)) return resolveFields(x);
  throw new GoJsonError(`json: unsupported type: ${goTypeName(x)}`);
}

function resolveFields(m: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  let out: Record<string, unknown> | undefined;
  for (const [k, v] of Object.entries(m)) {
    const r = resolveMarshalers(v);
    if (r === v) continue;
    out ??= { ...m };
    out[k] = r;
  }
  return out ?? m;
}

/** Sprig's mustToPrettyJson: json.MarshalIndent(v, "", "  "). */
function mustToPrettyJson(x: unknown): string {
  // src/yaml's toPrettyJson answers "" on error (as Helm's and Sprig's toPrettyJson do); no
  // JSON text is empty, so "" means mustToJson throws the very same error.
  const pretty = toPrettyJson(x);
  return pretty === "" ? mustToJson(x) : pretty;
}

/**
 * Go's json.Unmarshal into interface{} (numbers are float64), with Go's error text.
 * @throws Error with encoding/json's message for bad syntax or out-of-range numbers
 */
function decodeJson(s: string): unknown {
  const syntax = checkJsonSyntax(s);
  if (syntax !== undefined) throw new Error(syntax);
  const huge = /(?<![\w."])-?\d+(?:\.\d+)?[eE][+-]?\d{3,}/.exec(s);
  const value = JSON.parse(s, (_k, v: unknown) => {
    if (typeof v === "number" && !Number.isFinite(v)) {
      throw new Error(
        `json: cannot unmarshal number ${huge?.[0] ?? v} into Go value of type float64`,
      );
    }
    return v;
  }) as unknown;
  return value;
}

/** The JSON functions. */
export function jsonFuncs(): FuncMap {
  const I = "interface {}" as const;
  // Writing is src/yaml's (Helm's toJson); these throw GoJsonError with Go's message.
  const compact = (x: unknown) => mustToJson(resolveMarshalers(x));
  const pretty = (x: unknown) => mustToPrettyJson(resolveMarshalers(x));
  const raw = (x: unknown) => toRawJson(resolveMarshalers(x));
  const quiet = (f: (x: unknown) => string) => (x: unknown) => {
    try {
      return f(x);
    } catch {
      return "";
    }
  };
  return {
    toJson: goFunc([I], quiet(compact)),
    mustToJson: goFunc([I], compact, { returnsError: true }),
    toPrettyJson: goFunc([I], quiet(pretty)),
    mustToPrettyJson: goFunc([I], pretty, { returnsError: true }),
    toRawJson: goFunc([I], raw),
    mustToRawJson: goFunc([I], raw, { returnsError: true }),
    fromJson: goFunc(["string"], (s: string) => {
      try {
        return decodeJson(s);
      } catch {
        return null;
      }
    }),
    mustFromJson: goFunc(["string"], decodeJson, { returnsError: true }),
  };
}
