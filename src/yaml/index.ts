/**
 * Helm-exact YAML and JSON: parsing values and templates' fromYaml/fromJson with Go's typing,
 * and toYaml/toJson/toYamlPretty/… writing byte for byte what Helm 4 writes. Pure: takes
 * strings and values, returns values and strings (no I/O); a fast parser may be injected.
 */
import { toJsonTree, writeJson } from "./go-json.ts";
import { decodeGoJson, jsonKindName } from "./go-json-parse.ts";

export { formatFloatG } from "./go-float.ts";
export { GoJsonError } from "./go-json.ts";
export {
  type ManifestHead,
  parseManifestHead,
  splitManifests,
  validateManifest,
} from "./manifest.ts";
export {
  type FastPathOptions,
  type FastYamlParser,
  type FromYamlOptions,
  fromYaml,
  fromYamlArray,
  isFastPathSafe,
  type ParseYamlOptions,
  parseYaml,
  planFastPath,
} from "./parse.ts";
export { compareYamlKeys, mustToYaml, toYaml, toYamlPretty } from "./to-yaml.ts";
export { encodeToml, TomlError, toToml } from "./toml-encode.ts";
export { decodeToml, fromToml, TomlParseError } from "./toml-parse.ts";

/**
 * Helm's mustToJson: encoding/json output (sorted keys, HTML-safe escapes).
 * @throws GoJsonError "json: unsupported value: NaN" and the like.
 */
export function mustToJson(v: unknown): string {
  return writeJson(toJsonTree(v), { escapeHTML: true });
}

/** Helm's toJson: like mustToJson, "" on error. */
export function toJson(v: unknown): string {
  try {
    return mustToJson(v);
  } catch {
    return "";
  }
}

/**
 * Helm's toRawJson (no HTML escaping).
 * @throws GoJsonError as mustToJson (Helm's toRawJson fails the template on such values).
 */
export function toRawJson(v: unknown): string {
  return writeJson(toJsonTree(v), { escapeHTML: false });
}

/** Helm's toPrettyJson: json.MarshalIndent(v, "", "  "), "" on error. */
export function toPrettyJson(v: unknown): string {
  try {
    return writeJson(toJsonTree(v), { escapeHTML: true, indent: "  " });
  } catch {
    return "";
  }
}

/** Helm's fromJson: a map (null for JSON null), with Go's error under "Error". */
export function fromJson(text: string): Record<string, unknown> | null {
  const { value, error } = decodeGoJson(text);
  if (error !== undefined && value === undefined) return { Error: error };
  if (value === null) return null;
  if (typeof value !== "object" || Array.isArray(value))
    return {
      Error: `json: cannot unmarshal ${jsonKindName(value)} into Go value of type map[string]interface {}`,
    };
  const m = value as Record<string, unknown>;
  if (error !== undefined) m["Error"] = error;
  return m;
}

/** Helm's fromJsonArray: a list (null for JSON null), or a one-element list with the error. */
export function fromJsonArray(text: string): unknown[] | null {
  const { value, error } = decodeGoJson(text);
  if (error !== undefined && value === undefined) return [error];
  if (value === null) return null;
  if (!Array.isArray(value))
    return [`json: cannot unmarshal ${jsonKindName(value)} into Go value of type []interface {}`];
  return error === undefined ? value : [error];
}
