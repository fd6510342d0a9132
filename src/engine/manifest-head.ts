/**
 * Reads apiVersion/kind/metadata.name/annotations of a rendered manifest for sorting, failing
 * like Helm on invalid YAML (`YAML parse error on FILE: …`). Every rendered document goes
 * through here, so a fast native parser may be injected: when it accepts the document its
 * result gives the head; when it rejects it, src/yaml's exact decoder decides and words the
 * error.
 */
import { isGoMap } from "../template/value.ts";
import { type FastYamlParser, validateManifest } from "../yaml/index.ts";
import type { ManifestHead, ParseManifestHead } from "./manifests.ts";

function str(v: unknown): string {
  return typeof v === "string" ? v : "";
}

function headOf(v: Record<string, unknown>): ManifestHead {
  const md = v["metadata"];
  let name = "";
  let annotations: Record<string, string> | undefined;
  if (isGoMap(md)) {
    name = str(md["name"]);
    const ann = md["annotations"];
    if (isGoMap(ann) && Object.keys(ann).length > 0) {
      annotations = {};
      for (const [k, x] of Object.entries(ann)) if (typeof x === "string") annotations[k] = x;
    }
  }
  return { apiVersion: str(v["apiVersion"]), kind: str(v["kind"]), name, annotations };
}

/** Creates the head parser sortManifests uses. */
export function createManifestHeadParser(fastParse?: FastYamlParser): ParseManifestHead {
  return (doc, path) => {
    if (fastParse !== undefined) {
      let fast: unknown;
      let ok = true;
      try {
        fast = fastParse(doc);
      } catch {
        ok = false;
      }
      if (ok && (fast === null || fast === undefined)) return headOf({});
      if (ok && isGoMap(fast)) return headOf(fast);
    }
    const h = validateManifest(doc, path);
    return {
      apiVersion: h.apiVersion ?? "",
      kind: h.kind ?? "",
      name: h.name ?? "",
      annotations:
        h.annotations && Object.keys(h.annotations).length > 0 ? h.annotations : undefined,
    };
  };
}
