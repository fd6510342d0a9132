/**
 * values.schema.json validation for a chart and each subchart (Helm's ValidateAgainstSchema),
 * using ajv, with errors listed the way Helm 4 (santhosh-tekuri/jsonschema v6) words them:
 * `CHART:\n- at '/path': MESSAGE`. ajv is imported only when a chart has a schema.
 */
import type { ErrorObject } from "ajv";
import { HcpError } from "../errors.ts";
import { formatValue } from "../template/fmt.ts";
import type { Chart } from "./chart.ts";
import { isTable, type Values } from "./values.ts";

type Validate = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };
type AjvModule = typeof import("ajv");

let ajvModules: { draft7: AjvModule; draft2019: unknown; draft2020: unknown } | undefined;

async function loadAjv() {
  if (ajvModules === undefined) {
    const [draft7, draft2019, draft2020] = await Promise.all([
      import("ajv"),
      import("ajv/dist/2019.js"),
      import("ajv/dist/2020.js"),
    ]);
    ajvModules = { draft7, draft2019, draft2020 };
  }
  return ajvModules;
}

interface AjvLike {
  compile(schema: unknown): Validate;
}
type AjvCtor = new (options: Record<string, unknown>) => AjvLike;

function ctorOf(mod: unknown): AjvCtor {
  const m = mod as { default?: unknown };
  const d = m.default as { default?: unknown } | undefined;
  return ((d && typeof d === "object" && "default" in d ? d.default : d) ?? mod) as AjvCtor;
}

async function compileSchema(schema: Record<string, unknown>): Promise<Validate> {
  const mods = await loadAjv();
  const draft = typeof schema["$schema"] === "string" ? schema["$schema"] : "";
  let Ctor: AjvCtor;
  if (draft.includes("2020-12")) Ctor = ctorOf(mods.draft2020);
  else if (draft.includes("2019-09")) Ctor = ctorOf(mods.draft2019);
  else Ctor = ctorOf(mods.draft7);
  const ajv = new Ctor({
    allErrors: true,
    strict: false,
    validateFormats: false,
    validateSchema: false,
    logger: false,
  });
  const copy = { ...schema };
  delete copy["$schema"];
  delete copy["$id"];
  return ajv.compile(copy);
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

/** Turns ajv errors into Helm 4's `- at '…': …` lines (one per problem, sorted by path). */
function describe(errors: readonly ErrorObject[], data: unknown): string[] {
  const required = new Map<string, string[]>();
  const additional = new Map<string, string[]>();
  const lines: { path: string; text: string }[] = [];
  for (const e of errors) {
    const path = e.instancePath;
    const p = e.params as Record<string, unknown>;
    const got = valueAt(data, path);
    switch (e.keyword) {
      case "required": {
        const list = required.get(path) ?? [];
        list.push(String(p["missingProperty"]));
        required.set(path, list);
        break;
      }
      case "additionalProperties": {
        const list = additional.get(path) ?? [];
        list.push(String(p["additionalProperty"]));
        additional.set(path, list);
        break;
      }
      case "type": {
        const want = String(p["type"]).split(",").join(" or ");
        lines.push({ path, text: `got ${jsonType(got)}, want ${want}` });
        break;
      }
      case "enum": {
        const allowed = (p["allowedValues"] as unknown[]) ?? [];
        lines.push({
          path,
          text:
            allowed.length === 1
              ? `value must be ${display(allowed[0])}`
              : `value must be one of ${allowed.map(display).join(", ")}`,
        });
        break;
      }
      case "const":
        lines.push({ path, text: `value must be ${display(p["allowedValue"])}` });
        break;
      case "minimum":
      case "maximum":
      case "exclusiveMinimum":
      case "exclusiveMaximum":
      case "multipleOf":
        lines.push({
          path,
          text: `${e.keyword}: got ${num(got)}, want ${num(p["limit"] ?? p["multipleOf"])}`,
        });
        break;
      case "minLength":
      case "maxLength":
        lines.push({
          path,
          text: `${e.keyword}: got ${[...String(got)].length}, want ${p["limit"]}`,
        });
        break;
      case "minItems":
      case "maxItems":
        lines.push({
          path,
          text: `${e.keyword}: got ${Array.isArray(got) ? got.length : 0}, want ${p["limit"]}`,
        });
        break;
      case "minProperties":
      case "maxProperties":
        lines.push({
          path,
          text: `${e.keyword}: got ${isTable(got) ? Object.keys(got).length : 0}, want ${p["limit"]}`,
        });
        break;
      case "pattern":
        lines.push({
          path,
          text: `${quote(String(got))} does not match pattern ${quote(String(p["pattern"]))}`,
        });
        break;
      case "uniqueItems":
        lines.push({ path, text: `items at ${p["j"]} and ${p["i"]} are equal` });
        break;
      case "anyOf":
        lines.push({ path, text: "anyOf failed" });
        break;
      case "oneOf":
        lines.push({ path, text: "oneOf failed, none matched" });
        break;
      case "not":
        lines.push({ path, text: "not failed" });
        break;
      case "false schema":
        lines.push({ path, text: "false schema" });
        break;
      case "if":
        break;
      default:
        lines.push({ path, text: e.message ?? `${e.keyword} failed` });
    }
  }
  for (const [path, missing] of required) {
    lines.push({
      path,
      text:
        missing.length === 1
          ? `missing property ${quote(missing[0] as string)}`
          : `missing properties ${missing.map(quote).join(", ")}`,
    });
  }
  for (const [path, props] of additional) {
    lines.push({ path, text: `additional properties ${props.map(quote).join(", ")} not allowed` });
  }
  lines.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return lines.map((l) => `- at ${quote(l.path)}: ${l.text}`);
}

/** Converts the Go value model to JSON-ish data ajv understands (int64 → number). */
function toJsonData(v: unknown): unknown {
  if (typeof v === "bigint") return Number(v);
  if (Array.isArray(v)) return v.map(toJsonData);
  if (isTable(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = toJsonData(x);
    return out;
  }
  if (v !== null && typeof v === "object" && "value" in v)
    return Number((v as { value: bigint }).value);
  return v;
}

async function validateSingle(values: Values, schemaBytes: Uint8Array): Promise<string> {
  let schema: unknown;
  try {
    schema = JSON.parse(new TextDecoder().decode(schemaBytes));
  } catch (err) {
    return `${err instanceof Error ? err.message : String(err)}\n`;
  }
  if (typeof schema === "boolean") {
    return schema ? "" : "- at '': false schema\n";
  }
  if (!isTable(schema)) return "";
  const validate = await compileSchema(schema);
  const data = toJsonData(values);
  if (validate(data)) return "";
  return `${describe(validate.errors ?? [], data).join("\n")}\n`;
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
