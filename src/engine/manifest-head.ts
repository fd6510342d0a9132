/**
 * Reads apiVersion/kind/metadata.name/annotations of a rendered manifest for sorting, failing
 * like Helm on invalid YAML (`YAML parse error on FILE: …`). Every rendered document goes
 * through here, so a fast native parser may be injected; src/yaml's validateManifest decides
 * when its result can be trusted (it proves the text reads the same as Go would) and words
 * the errors.
 */
import { type FastYamlParser, validateManifest } from "../yaml/index.ts";
import type { ParseManifestHead } from "./manifests.ts";

/** Creates the head parser sortManifests uses. */
export function createManifestHeadParser(fastParse?: FastYamlParser): ParseManifestHead {
  return (doc, path) => {
    const h = validateManifest(doc, path, fastParse);
    return {
      apiVersion: h.apiVersion ?? "",
      kind: h.kind ?? "",
      name: h.name ?? "",
      annotations:
        h.annotations && Object.keys(h.annotations).length > 0 ? h.annotations : undefined,
    };
  };
}
