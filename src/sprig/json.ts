/**
 * Sprig's JSON functions (toJson, toPrettyJson, toRawJson, fromJson and must* variants) with Go
 * encoding/json output: sorted map keys, HTML-safe escaping (except toRawJson), Go float text.
 * Helm replaces toJson, mustToJson and fromJson with its own; the rest come from here.
 */
import { type FuncMap, goFunc } from "../template/value.ts";
import { mustToJson, toPrettyJson, toRawJson } from "../yaml/index.ts";
import { checkJsonSyntax } from "./json-check.ts";

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
  // Writing is src/yaml's (Helm's toJson, json.Marshaler included); these throw GoJsonError
  // with Go's message.
  const compact = mustToJson;
  const pretty = mustToPrettyJson;
  const raw = toRawJson;
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
