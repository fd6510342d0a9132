/**
 * Reads apiVersion/kind/metadata.name/annotations of a rendered manifest for sorting, failing
 * like Helm on invalid YAML.
 */
import { parseDocument } from "yaml";
import type { ManifestHead } from "./manifests.ts";

/** Parses a manifest head; throws Helm's YAML error text on invalid YAML. */
export function parseManifestHead(doc: string): ManifestHead {
  const parsed = parseDocument(doc);
  if (parsed.errors.length > 0) {
    throw new Error(`error converting YAML to JSON: yaml: ${parsed.errors[0]?.message ?? ""}`);
  }
  const v = (parsed.toJS() ?? {}) as Record<string, unknown>;
  const md = (v["metadata"] ?? {}) as Record<string, unknown>;
  const ann = md["annotations"] as Record<string, string> | undefined;
  return {
    apiVersion: typeof v["apiVersion"] === "string" ? v["apiVersion"] : "",
    kind: typeof v["kind"] === "string" ? v["kind"] : "",
    name: typeof md["name"] === "string" ? md["name"] : "",
    annotations: ann && Object.keys(ann).length > 0 ? ann : undefined,
  };
}
