/**
 * The chart loader's YAML entry point: Chart.yaml, values files, Chart.lock and
 * requirements.yaml go through here. Uses src/yaml's Helm-typed parser with Bun's native YAML
 * parser as the fast path (src/yaml proves when the fast result equals Helm's).
 */
import { parseYaml } from "../yaml/index.ts";

const fastParse = (text: string): unknown => Bun.YAML.parse(text);

/**
 * Splits a YAML stream into documents like k8s.io's YAMLReader (Helm's LoadValues): a line
 * starting with "---" followed by nothing but spaces or a comment separates documents.
 */
export function splitYamlDocuments(text: string): string[] {
  if (!text.includes("---")) return [text];
  const docs: string[] = [];
  let current: string[] = [];
  for (const line of text.split("\n")) {
    if (line.startsWith("---")) {
      const rest = line.slice(3).trim();
      if (rest === "" || rest.startsWith("#")) {
        docs.push(current.join("\n"));
        current = [];
        continue;
      }
    }
    current.push(line);
  }
  docs.push(current.join("\n"));
  return docs.filter((d) => d.trim() !== "");
}

/** Parses the first YAML document into Go values (sigs.k8s.io/yaml.Unmarshal into a map). */
export function parseYamlDocument(text: string, filename: string): unknown {
  const first = splitYamlDocuments(text)[0] ?? "";
  return parseYaml(first, { filename, fastParse });
}

/** Parses every document of a YAML stream (each must be a map, or empty). */
export function parseYamlDocuments(text: string, filename: string): unknown[] {
  return splitYamlDocuments(text).map((doc) => parseYaml(doc, { filename, fastParse }));
}
