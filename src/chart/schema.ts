/**
 * values.schema.json validation for a chart and each subchart (Helm's ValidateAgainstSchema),
 * using @cfworker/json-schema (an interpreting validator: no code generation, so large chart
 * schemas validate in milliseconds), with errors listed the way Helm 4 (santhosh-tekuri/
 * jsonschema v6) words them: `CHART:\n- at '/path': MESSAGE`. The validator is imported only
 * when a chart has a schema.
 */
import type { OutputUnit, Schema, SchemaDraft } from "@cfworker/json-schema";
import { HcpError } from "../errors.ts";
import { formatValue } from "../template/fmt.ts";
import type { Chart } from "./chart.ts";
import { isTable, type Values } from "./values.ts";

function draftOf(schema: Record<string, unknown>): SchemaDraft {
  const id = typeof schema["$schema"] === "string" ? schema["$schema"] : "";
  if (id.includes("draft-04")) return "4";
  if (id.includes("draft-06") || id.includes("draft-07")) return "7";
  if (id.includes("2019-09")) return "2019-09";
  // jsonschema v6 (Helm 4) defaults to the newest draft when $schema is absent.
  return "2020-12";
}

function quote(s: string): string {
  const q = JSON.stringify(s).slice(1, -1).replaceAll('\\"', '"').replaceAll("'", "\\'");
  return `'${q}'`;
}

function display(v: unknown): string {
  if (typeof v === "string") return quote(v);
  if (Array.isArray(v) || isTable(v)) return "value";
  return formatValue(v);
}

function jsonType(v: unknown): string {
  if (v === null || v === undefined) return "null";
  if (typeof v === "boolean") return "boolean";
  if (typeof v === "number" || typeof v === "bigint") return "number";
  if (typeof v === "string") return "string";
  if (Array.isArray(v)) return "array";
  return "object";
}

function num(v: unknown): string {
  return typeof v === "number" ? formatValue(v) : String(v);
}

function valueAt(root: unknown, pointer: string): unknown {
  let cur = root;
  if (pointer === "") return cur;
  for (const raw of pointer.slice(1).split("/")) {
    const key = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/** Resolves a keyword location ("#/properties/a/$ref/type") against the schema. */
function schemaAt(root: unknown, location: string): unknown {
  let cur = root;
  const parts = location
    .replace(/^#\/?/, "")
    .split("/")
    .filter((p) => p !== "");
  for (let i = 0; i < parts.length; i++) {
    const key = decodeURIComponent(
      (parts[i] as string).replaceAll("~1", "/").replaceAll("~0", "~"),
    );
    if (key === "$ref" && cur !== null && typeof cur === "object") {
      const ref = (cur as Record<string, unknown>)["$ref"];
      cur = typeof ref === "string" && ref.startsWith("#") ? schemaAt(root, ref) : undefined;
      continue;
    }
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

function parent(location: string): string {
  return location.slice(0, location.lastIndexOf("/"));
}

const GROUPS = new Set(["anyOf", "oneOf", "allOf", "not"]);
const CONTAINERS = new Set([
  "properties",
  "patternProperties",
  "items",
  "prefixItems",
  "additionalItems",
  "$ref",
  "$dynamicRef",
  "$recursiveRef",
  "dependentSchemas",
  "dependencies",
  "if",
  "then",
  "else",
  "unevaluatedProperties",
  "unevaluatedItems",
  "contains",
  "propertyNames",
]);

interface Line {
  readonly path: string;
  readonly text: string;
  readonly location: string;
}

function pointerOf(instanceLocation: string): string {
  return instanceLocation.replace(/^#/, "");
}

/** Turns validator output into Helm 4's `- at '…': …` lines (sorted by path, groups nested). */
function describe(errors: readonly OutputUnit[], schema: unknown, data: unknown): string[] {
  const lines: Line[] = [];
  const required = new Map<string, { loc: string; names: string[] }>();
  const additional = new Map<string, { loc: string; names: string[] }>();
  for (const e of errors) {
    const path = pointerOf(e.instanceLocation);
    const got = valueAt(data, path);
    const kw = e.keyword;
    const here = schemaAt(schema, e.keywordLocation);
    const push = (text: string) => lines.push({ path, text, location: e.keywordLocation });
    if (CONTAINERS.has(kw)) continue;
    switch (kw) {
      case "required": {
        const m = /property "(.*)"\.$/.exec(e.error);
        const entry = required.get(path) ?? { loc: e.keywordLocation, names: [] };
        if (m) entry.names.push(m[1] as string);
        required.set(path, entry);
        break;
      }
      case "additionalProperties": {
        const m = /^Property "(.*)" does not match/.exec(e.error);
        const owner = schemaAt(schema, parent(e.keywordLocation)) as Record<string, unknown>;
        const declared = isTable(owner?.["properties"]) ? owner["properties"] : {};
        const patterns = isTable(owner?.["patternProperties"])
          ? Object.keys(owner["patternProperties"])
          : [];
        const name = m ? (m[1] as string) : "";
        if (Object.hasOwn(declared, name) || patterns.some((p) => new RegExp(p, "u").test(name)))
          break;
        const entry = additional.get(path) ?? { loc: e.keywordLocation, names: [] };
        if (!entry.names.includes(name)) entry.names.push(name);
        additional.set(path, entry);
        break;
      }
      case "false": {
        const owner = e.keywordLocation;
        if (/\/additionalProperties$|^#\/[^/]+$/.test(owner)) break;
        push("false schema");
        break;
      }
      case "type": {
        const want = Array.isArray(here) ? here.join(" or ") : String(here);
        push(`got ${jsonType(got)}, want ${want}`);
        break;
      }
      case "enum": {
        const allowed = Array.isArray(here) ? here : [];
        push(
          allowed.length === 1
            ? `value must be ${display(allowed[0])}`
            : `value must be one of ${allowed.map(display).join(", ")}`,
        );
        break;
      }
      case "const":
        push(`value must be ${display(here)}`);
        break;
      case "minimum":
      case "maximum":
      case "exclusiveMinimum":
      case "exclusiveMaximum":
      case "multipleOf":
        push(`${kw}: got ${num(got)}, want ${num(here)}`);
        break;
      case "minLength":
      case "maxLength":
        push(`${kw}: got ${[...String(got)].length}, want ${String(here)}`);
        break;
      case "minItems":
      case "maxItems":
        push(`${kw}: got ${Array.isArray(got) ? got.length : 0}, want ${String(here)}`);
        break;
      case "minProperties":
      case "maxProperties":
        push(`${kw}: got ${isTable(got) ? Object.keys(got).length : 0}, want ${String(here)}`);
        break;
      case "pattern":
        push(`${quote(String(got))} does not match pattern ${quote(String(here))}`);
        break;
      case "uniqueItems":
        push("items are not unique");
        break;
      case "anyOf":
        push("anyOf failed");
        break;
      case "oneOf":
        push("oneOf failed, none matched");
        break;
      case "allOf":
        push("allOf failed");
        break;
      case "not":
        push("not failed");
        break;
      default:
        push(e.error);
    }
  }
  for (const [path, { loc, names }] of required) {
    lines.push({
      path,
      location: loc,
      text:
        names.length === 1
          ? `missing property ${quote(names[0] as string)}`
          : `missing properties ${names.map(quote).join(", ")}`,
    });
  }
  for (const [path, { loc, names }] of additional) {
    if (names.length === 0) continue;
    lines.push({
      path,
      location: loc,
      text: `additional properties ${names.map(quote).join(", ")} not allowed`,
    });
  }
  // Errors found inside anyOf/oneOf/allOf/not print under their group, indented.
  const groups = lines.filter((l) => GROUPS.has(l.location.slice(l.location.lastIndexOf("/") + 1)));
  const depthOf = (l: Line) =>
    groups.filter((g) => g !== l && l.location.startsWith(`${g.location}/`)).length;
  const topLevel = lines.filter((l) => depthOf(l) === 0);
  topLevel.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const out: string[] = [];
  const emit = (l: Line, depth: number) => {
    out.push(`${"  ".repeat(depth)}- at ${quote(l.path)}: ${l.text}`);
    for (const child of lines) {
      if (
        child !== l &&
        child.location.startsWith(`${l.location}/`) &&
        depthOf(child) === depth + 1
      )
        emit(child, depth + 1);
    }
  };
  for (const l of topLevel) emit(l, 0);
  return out;
}

/**
 * Converts the Go value model to JSON data the validator understands (int64 → number). Plain
 * tables and lists with nothing to convert are returned as they are (the validator only reads
 * them), so the common all-JSON tree is walked but not copied; null-prototype tables are still
 * copied, as `key in instance` must see Object.prototype like before.
 */
function toJsonData(v: unknown): unknown {
  if (typeof v === "bigint") return Number(v);
  if (v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      const y = toJsonData(x);
      if (out !== undefined) out.push(y);
      else if (y !== x) {
        out = v.slice(0, i);
        out.push(y);
      }
    }
    return out ?? v;
  }
  const proto = Object.getPrototypeOf(v);
  if (proto === Object.prototype || proto === null) {
    const table = v as Record<string, unknown>;
    let out: Record<string, unknown> | undefined = proto === null ? {} : undefined;
    const keys = Object.keys(table);
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i] as string;
      const x = table[k];
      const y = toJsonData(x);
      if (out !== undefined) out[k] = y;
      else if (y !== x) {
        out = {};
        for (let j = 0; j < i; j++) out[keys[j] as string] = table[keys[j] as string];
        out[k] = y;
      }
    }
    return out ?? v;
  }
  if ("value" in v) return Number((v as { value: bigint }).value);
  return v;
}

// A schema whose text names none of these needs no URI lookup beyond its local `$ref`s, so the
// Validator's dereference pass (a URL, a string key and a defineProperty per subschema: ~1 ms
// for a 25-40 KB chart schema) is skipped. `\u` covers keys spelt with escapes.
const NEEDS_DEREFERENCE = /\$id|"id"|\$anchor|\$recursive|\$dynamic|\\u/;
const LOCAL_REF = /"\$ref"\s*:\s*"(#(?:\/[A-Za-z0-9_.$-]+)+)"/g;

type Keywords = Record<string, boolean>;
interface Library {
  readonly schemaArrayKeyword: Keywords;
  readonly schemaMapKeyword: Keywords;
  readonly ignoredKeyword: Keywords;
}

/**
 * The subschema a `#/a/b` pointer names, found the way the library's dereference walk
 * registers subschemas (same keyword tables), or undefined when that walk would not list it.
 */
function localSchema(root: unknown, parts: readonly string[], lib: Library): unknown {
  let node = root;
  for (let i = 0; i < parts.length; ) {
    if (node === null || typeof node !== "object" || Array.isArray(node)) return undefined;
    const k = parts[i++] as string;
    if (lib.ignoredKeyword[k]) return undefined;
    const v = (node as Record<string, unknown>)[k];
    if (Array.isArray(v)) {
      const index = parts[i++];
      if (!lib.schemaArrayKeyword[k] || index === undefined || !/^(?:0|[1-9][0-9]*)$/.test(index))
        return undefined;
      node = v[Number(index)];
    } else if (lib.schemaMapKeyword[k]) {
      const sub = parts[i++];
      if (sub === undefined || v === null || typeof v !== "object" || !Object.hasOwn(v, sub))
        return undefined;
      node = (v as Record<string, unknown>)[sub];
    } else node = v;
  }
  const registered =
    (node !== null && typeof node === "object" && !Array.isArray(node)) ||
    typeof node === "boolean";
  return registered ? node : undefined;
}

/**
 * The lookup `validate` needs for a schema without ids or anchors: each `"$ref": "#/…"` to its
 * subschema, keyed by the ref as written (without dereference, `validate` looks refs up as
 * written). Undefined when a `$ref` is anything else, so the full Validator runs.
 */
function localLookup(
  text: string,
  schema: unknown,
  lib: Library,
): Record<string, unknown> | undefined {
  const lookup: Record<string, unknown> = Object.create(null);
  let found = 0;
  for (const m of text.matchAll(LOCAL_REF)) {
    found++;
    const ref = m[1] as string;
    if (ref in lookup) continue;
    const target = localSchema(schema, ref.slice(2).split("/"), lib);
    if (target === undefined) return undefined;
    lookup[ref] = target;
  }
  return found === text.split("$ref").length - 1 ? lookup : undefined;
}

async function validateSingle(values: Values, schemaBytes: Uint8Array): Promise<string> {
  let schema: unknown;
  const text = new TextDecoder().decode(schemaBytes);
  try {
    schema = JSON.parse(text);
  } catch (err) {
    return `${err instanceof Error ? err.message : String(err)}\n`;
  }
  if (typeof schema === "boolean") return schema ? "" : "- at '': false schema\n";
  if (!isTable(schema)) return "";
  const lib = await import("@cfworker/json-schema");
  const draft = draftOf(schema);
  const data = toJsonData(values);
  const lookup = NEEDS_DEREFERENCE.test(text)
    ? undefined
    : localLookup(text, schema, lib as unknown as Library);
  const result =
    lookup === undefined
      ? new lib.Validator(schema as Schema, draft, false).validate(data)
      : lib.validate(data, schema as Schema, draft, lookup as Record<string, Schema>, false);
  if (result.valid) return "";
  return `${describe(result.errors, schema, data).join("\n")}\n`;
}

async function collectErrors(chart: Chart, values: Values): Promise<string> {
  let out = "";
  if (chart.schema !== undefined) {
    const err = await validateSingle(values, chart.schema);
    if (err !== "") out += `${chart.metadata.name}:\n${err}`;
  }
  for (const sub of chart.dependencies) {
    const name = sub.metadata.name;
    const raw = values[name];
    if (raw === undefined || raw === null) continue;
    if (!isTable(raw)) {
      out += `${name}:\ninvalid type for values: expected object (map), got ${typeof raw}\n`;
      continue;
    }
    out += await collectErrors(sub, raw);
  }
  return out;
}

/** Whether any chart of the tree has a values.schema.json. */
export function hasSchema(chart: Chart): boolean {
  return chart.schema !== undefined || chart.dependencies.some(hasSchema);
}

/**
 * Validates coalesced values against the schemas of the chart tree.
 * @throws HcpError CHART_SCHEMA listing every chart and problem like Helm.
 */
export async function validateValuesSchema(chart: Chart, values: Values): Promise<void> {
  if (!hasSchema(chart)) return;
  const errors = await collectErrors(chart, values);
  if (errors !== "") {
    throw new HcpError(
      "CHART_SCHEMA",
      `values don't meet the specifications of the schema(s) in the following chart(s):\n${errors}`,
    );
  }
}
