/**
 * Values files: reading values.yaml (every YAML document merged in order, as Helm's
 * LoadValues) and Helm's MergeMaps (deep merge of maps, the right side wins).
 */
import { HcpError } from "../errors.ts";
import { parseYamlDocuments } from "./yaml.ts";

/** A Go map[string]interface{}. */
export type Values = Record<string, unknown>;

/** Reports whether v is a values table (a plain map). */
export function isTable(v: unknown): v is Values {
  if (v === null || typeof v !== "object") return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Deep-merges b into a copy of a: tables merge recursively, anything else from b wins. */
export function mergeMaps(a: Values, b: Values): Values {
  const out: Values = { ...a };
  for (const k of Object.keys(b)) {
    const v = b[k];
    const existing = out[k];
    if (isTable(v) && isTable(existing)) {
      out[k] = mergeMaps(existing, v);
      continue;
    }
    out[k] = v;
  }
  return out;
}

/**
 * Parses a values file: each YAML document must be a map; documents are merged in order.
 * @throws HcpError CHART_INVALID_VALUES with Helm's wording.
 */
export function readValues(text: string, filename = "values.yaml"): Values {
  let values: Values = {};
  for (const doc of parseYamlDocuments(text, filename)) {
    if (doc === null || doc === undefined) continue;
    if (!isTable(doc)) {
      throw new HcpError(
        "CHART_INVALID_VALUES",
        `cannot unmarshal yaml document: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${Array.isArray(doc) ? "array" : typeof doc} into Go value of type map[string]interface {}`,
      );
    }
    values = mergeMaps(values, doc);
  }
  return values;
}

/**
 * Deep copy of a values tree (maps and lists; scalars shared). Indexed loops and no helper
 * calls: coalescing and dependency processing copy every chart's values several times, cold.
 */
export function copyValues<T>(v: T): T {
  if (typeof v !== "object" || v === null) return v;
  if (Array.isArray(v)) {
    const out: unknown[] = [];
    for (let i = 0; i < v.length; i++) out.push(copyValues(v[i]));
    return out as T;
  }
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return v;
  const table = v as Values;
  const out: Values = {};
  const keys = Object.keys(table);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as string;
    out[k] = copyValues(table[k]);
  }
  return out as T;
}
