/**
 * Chart.yaml (apiVersion v1/v2) as Helm's `chart.Metadata`, with Helm's field names and
 * Helm's validation messages (`Metadata.Validate`): sanitising strings, required fields,
 * semver versions, chart type, and unique dependency names/aliases.
 */
import { HcpError } from "../errors.ts";
import { isValidSemver } from "./semver.ts";

/** Chart API versions Helm knows. */
export const API_VERSION_V1 = "v1";
export const API_VERSION_V2 = "v2";

/** A chart maintainer (Chart.yaml `maintainers[]`). */
export interface Maintainer {
  name: string;
  email: string;
  url: string;
}

/** A dependency (Chart.yaml `dependencies[]`, requirements.yaml, Chart.lock). */
export interface Dependency {
  name: string;
  version: string;
  repository: string;
  condition: string;
  tags: string[];
  enabled: boolean;
  importValues: unknown[];
  alias: string;
}

/** A Chart.yaml `plugins` entry (chart-defined plugins, charts apiVersion v2/v3). */
export interface ChartPluginRef {
  name: string;
  type: string;
  repository: string;
  version: string;
}

/** Chart.yaml, field by field (Go field names are derived from these in the engine). */
export interface Metadata {
  name: string;
  home: string;
  sources: string[];
  version: string;
  description: string;
  keywords: string[];
  maintainers: (Maintainer | null)[];
  icon: string;
  apiVersion: string;
  condition: string;
  tags: string;
  appVersion: string;
  deprecated: boolean;
  annotations: Record<string, string>;
  kubeVersion: string;
  dependencies: (Dependency | null)[];
  type: string;
  /** Chart-defined plugins in execution order (not part of Helm's `.Chart`). */
  plugins: ChartPluginRef[];
}

/** Chart.lock / requirements.lock. */
export interface Lock {
  generated: string;
  digest: string;
  dependencies: (Dependency | null)[];
  /** Chart.lock `plugins` entries as written (name, type, repository, version, digest). */
  plugins: unknown[];
}

function typeError(field: string, goType: string, got: unknown, struct: string): HcpError {
  const kind =
    got === null
      ? "null"
      : Array.isArray(got)
        ? "array"
        : typeof got === "object"
          ? "object"
          : typeof got === "number" || typeof got === "bigint"
            ? "number"
            : typeof got;
  return new HcpError(
    "CHART_INVALID_METADATA",
    `error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${kind} into Go struct field ${struct}.${field} of type ${goType}`,
  );
}

function str(obj: Record<string, unknown>, key: string, struct: string): string {
  const v = obj[key];
  if (v === undefined || v === null) return "";
  if (typeof v !== "string") throw typeError(key, "string", v, struct);
  return v;
}

function strList(obj: Record<string, unknown>, key: string, struct: string): string[] {
  const v = obj[key];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw typeError(key, "[]string", v, struct);
  return v.map((x) => {
    if (x === null) return "";
    if (typeof x !== "string") throw typeError(key, "string", x, struct);
    return x;
  });
}

function bool(obj: Record<string, unknown>, key: string, struct: string): boolean {
  const v = obj[key];
  if (v === undefined || v === null) return false;
  if (typeof v !== "boolean") throw typeError(key, "bool", v, struct);
  return v;
}

function asMap(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === "object" && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : undefined;
}

/** Reads one dependency entry (null entries stay null: Validate reports them). */
export function parseDependency(raw: unknown): Dependency | null {
  if (raw === null || raw === undefined) return null;
  const obj = asMap(raw);
  const struct = "Dependency";
  if (obj === undefined) throw typeError("dependencies", "chart.Dependency", raw, "Metadata");
  const iv = obj["import-values"];
  return {
    name: str(obj, "name", struct),
    version: str(obj, "version", struct),
    repository: str(obj, "repository", struct),
    condition: str(obj, "condition", struct),
    tags: strList(obj, "tags", struct),
    enabled: bool(obj, "enabled", struct),
    importValues: Array.isArray(iv) ? iv.slice() : [],
    alias: str(obj, "alias", struct),
  };
}

function parseDependencies(obj: Record<string, unknown>): (Dependency | null)[] {
  const v = obj["dependencies"];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw typeError("dependencies", "[]*chart.Dependency", v, "Metadata");
  return v.map(parseDependency);
}

/** Creates an empty Metadata (all Go zero values). */
export function emptyMetadata(): Metadata {
  return {
    name: "",
    home: "",
    sources: [],
    version: "",
    description: "",
    keywords: [],
    maintainers: [],
    icon: "",
    apiVersion: "",
    condition: "",
    tags: "",
    appVersion: "",
    deprecated: false,
    annotations: {},
    kubeVersion: "",
    dependencies: [],
    type: "",
    plugins: [],
  };
}

/**
 * Applies a parsed Chart.yaml (or requirements.yaml) map onto `md`, like Go's json.Unmarshal
 * into an existing struct: only the keys present are overwritten.
 * @throws HcpError CHART_INVALID_METADATA when a field has the wrong type.
 */
export function applyMetadata(md: Metadata, raw: unknown): Metadata {
  const obj = asMap(raw) ?? {};
  const s = "Metadata";
  const has = (k: string) => Object.hasOwn(obj, k);
  if (has("name")) md.name = str(obj, "name", s);
  if (has("home")) md.home = str(obj, "home", s);
  if (has("sources")) md.sources = strList(obj, "sources", s);
  if (has("version")) md.version = str(obj, "version", s);
  if (has("description")) md.description = str(obj, "description", s);
  if (has("keywords")) md.keywords = strList(obj, "keywords", s);
  if (has("maintainers")) {
    const list = obj["maintainers"];
    md.maintainers = Array.isArray(list)
      ? list.map((m) => {
          const mm = asMap(m);
          if (mm === undefined) return null;
          return {
            name: str(mm, "name", "Maintainer"),
            email: str(mm, "email", "Maintainer"),
            url: str(mm, "url", "Maintainer"),
          };
        })
      : [];
  }
  if (has("icon")) md.icon = str(obj, "icon", s);
  if (has("apiVersion")) md.apiVersion = str(obj, "apiVersion", s);
  if (has("condition")) md.condition = str(obj, "condition", s);
  if (has("tags")) md.tags = str(obj, "tags", s);
  if (has("appVersion")) md.appVersion = appVersionOf(obj["appVersion"]);
  if (has("deprecated")) md.deprecated = bool(obj, "deprecated", s);
  if (has("annotations")) {
    const a = asMap(obj["annotations"]) ?? {};
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(a)) {
      if (v !== null && typeof v !== "string") throw typeError("annotations", "string", v, s);
      out[k] = v ?? "";
    }
    md.annotations = out;
  }
  if (has("kubeVersion")) md.kubeVersion = str(obj, "kubeVersion", s);
  if (has("dependencies")) md.dependencies = parseDependencies(obj);
  if (has("type")) md.type = str(obj, "type", s);
  if (has("plugins")) {
    const list = obj["plugins"];
    md.plugins = Array.isArray(list)
      ? list.map((p) => {
          const pm = asMap(p) ?? {};
          return {
            name: str(pm, "name", "Plugin"),
            type: str(pm, "type", "Plugin"),
            repository: str(pm, "repository", "Plugin"),
            version: str(pm, "version", "Plugin"),
          };
        })
      : [];
  }
  return md;
}

/** appVersion may be written unquoted (a number) in the wild; Helm 4 keeps it as text. */
function appVersionOf(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "bigint") return String(v);
  throw typeError("appVersion", "string", v, "Metadata");
}

/** Go's unicode.IsSpace → " ", non-printable runes dropped (Helm's sanitizeString). */
export function sanitizeString(s: string): string {
  // Printable ASCII is all letters, digits, punctuation, symbols and space: kept as is. Saves
  // compiling the Unicode-property regex and two tests per character on nearly every field.
  let ascii = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) {
      ascii = false;
      break;
    }
  }
  if (ascii) return s;
  let out = "";
  for (const ch of s) {
    if (/^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/u.test(ch)) {
      out += " ";
    } else if (/^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u.test(ch) || ch === " ") {
      out += ch;
    }
  }
  return out;
}

const ALIAS_NAME = /^[a-zA-Z0-9_-]+$/;

function invalid(message: string): HcpError {
  return new HcpError("CHART_INVALID_METADATA", `validation: ${message}`);
}

/**
 * Validates and sanitises metadata in place like Helm's Metadata.Validate.
 * @throws HcpError CHART_INVALID_METADATA with Helm's message.
 */
export function validateMetadata(md: Metadata): void {
  md.name = sanitizeString(md.name);
  md.description = sanitizeString(md.description);
  md.home = sanitizeString(md.home);
  md.icon = sanitizeString(md.icon);
  md.condition = sanitizeString(md.condition);
  md.tags = sanitizeString(md.tags);
  md.appVersion = sanitizeString(md.appVersion);
  md.kubeVersion = sanitizeString(md.kubeVersion);
  md.sources = md.sources.map(sanitizeString);
  md.keywords = md.keywords.map(sanitizeString);
  if (md.apiVersion === "") throw invalid("chart.metadata.apiVersion is required");
  if (md.name === "") throw invalid("chart.metadata.name is required");
  if (md.name === "." || md.name === "..") {
    throw invalid(`chart.metadata.name ${JSON.stringify(md.name)} is not allowed`);
  }
  if (md.name.includes("/") || md.name.endsWith("/")) {
    throw invalid(`chart.metadata.name ${JSON.stringify(md.name)} is invalid`);
  }
  if (md.version === "") throw invalid("chart.metadata.version is required");
  if (!isValidSemver(md.version)) {
    throw invalid(`chart.metadata.version ${JSON.stringify(md.version)} is invalid`);
  }
  if (!["", "application", "library"].includes(md.type)) {
    throw invalid("chart.metadata.type must be application or library");
  }
  for (const m of md.maintainers) {
    if (m === null) throw invalid("maintainers must not contain empty or null nodes");
    m.name = sanitizeString(m.name);
    m.email = sanitizeString(m.email);
    m.url = sanitizeString(m.url);
  }
  const seen = new Set<string>();
  for (const d of md.dependencies) {
    if (d === null) throw invalid("dependencies must not contain empty or null nodes");
    d.name = sanitizeString(d.name);
    d.version = sanitizeString(d.version);
    d.repository = sanitizeString(d.repository);
    d.condition = sanitizeString(d.condition);
    d.tags = d.tags.map(sanitizeString);
    if (d.alias !== "" && !ALIAS_NAME.test(d.alias)) {
      throw invalid(`dependency ${JSON.stringify(d.name)} has disallowed characters in the alias`);
    }
    const key = d.alias !== "" ? d.alias : d.name;
    if (seen.has(key)) {
      throw invalid(`more than one dependency with name or alias ${JSON.stringify(key)}`);
    }
    seen.add(key);
  }
}
