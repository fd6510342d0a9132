/**
 * Rendered-manifest helpers for the chart renderer: Helm's releaseutil.SplitManifests document
 * splitting, the head fields Helm reads for install order and hooks, and the YAML validity
 * check Helm applies to every rendered document ("YAML parse error on FILE: …").
 */
import { HcpError } from "../errors.ts";
import { isGoMap } from "../template/value.ts";
import { type FastYamlParser, loadGoValue, parseYaml, typeError } from "./parse.ts";
import { simpleManifestHead } from "./simple-head.ts";

// releaseutil: regexp.MustCompile("(?:^|\\s*\n)---\\s*")
const SEPARATOR = /(?:^|\s*\n)---\s*/;

/** Splits rendered output into documents like Helm's releaseutil.SplitManifests (in order). */
export function splitManifests(text: string): string[] {
  const docs: string[] = [];
  for (const d of text.trim().split(SEPARATOR)) {
    if (d === "") continue;
    docs.push(d.trim());
  }
  return docs;
}

/** What Helm reads from a manifest's head (releaseutil.SimpleHead). */
export interface ManifestHead {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly name?: string;
  readonly annotations?: Readonly<Record<string, string>>;
}

function str(v: unknown): string | undefined {
  return typeof v === "string" ? v : undefined;
}

/**
 * Parses a manifest document and returns its head; throws Helm's error for invalid YAML.
 * @throws HcpError YAML_INVALID "YAML parse error on FILE: error converting YAML to JSON: …".
 */
export function validateManifest(
  doc: string,
  file: string,
  fastParse?: FastYamlParser,
): ManifestHead {
  const simple = simpleManifestHead(doc);
  if (simple !== undefined) return simple;
  // Helm only needs the document to load and its head fields: typing differences elsewhere
  // (0755, yes, 1_000) cannot change either, so the fast path may take them.
  let r = loadGoValue(doc, fastParse, false);
  if (fastParse && "value" in r && isGoMap(r.value) && !hasStringHead(r.value))
    r = loadGoValue(doc, undefined);
  let message: string | undefined;
  if ("error" in r) message = r.error;
  else if (r.value !== null && !isGoMap(r.value)) message = typeError(r.value, "util.SimpleHead");
  if (message !== undefined)
    throw new HcpError("YAML_INVALID", `YAML parse error on ${file}: ${message}`, { file });
  return "value" in r && isGoMap(r.value) ? headOf(r.value) : {};
}

function hasStringHead(values: Record<string, unknown>): boolean {
  const okString = (v: unknown) => v === undefined || v === null || typeof v === "string";
  const meta = values["metadata"];
  if (!okString(values["apiVersion"]) || !okString(values["kind"])) return false;
  if (!isGoMap(meta)) return meta === undefined || meta === null;
  const ann = meta["annotations"];
  return (
    okString(meta["name"]) &&
    (!isGoMap(ann) || Object.values(ann).every((v) => typeof v === "string"))
  );
}

function headOf(values: Record<string, unknown>): ManifestHead {
  const meta = values["metadata"];
  const head: { -readonly [K in keyof ManifestHead]: ManifestHead[K] } = {};
  const apiVersion = str(values["apiVersion"]);
  const kind = str(values["kind"]);
  if (apiVersion !== undefined) head.apiVersion = apiVersion;
  if (kind !== undefined) head.kind = kind;
  if (isGoMap(meta)) {
    const name = str(meta["name"]);
    if (name !== undefined) head.name = name;
    const ann = meta["annotations"];
    if (isGoMap(ann)) {
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(ann)) if (typeof v === "string") out[k] = v;
      head.annotations = out;
    }
  }
  return head;
}

/** Reads apiVersion, kind, metadata.name and metadata.annotations of one manifest (lenient). */
export function parseManifestHead(doc: string, fastParse?: FastYamlParser): ManifestHead {
  try {
    return headOf(parseYaml(doc, fastParse ? { fastParse } : {}));
  } catch {
    return {};
  }
}
