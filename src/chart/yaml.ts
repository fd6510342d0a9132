/**
 * The chart loader's YAML entry point: Chart.yaml, values files, Chart.lock and
 * requirements.yaml go through here, so the YAML implementation can be swapped in one place.
 */
import { HcpError } from "../errors.ts";

function wrap(err: unknown, filename: string): HcpError {
  const message = err instanceof Error ? err.message : String(err);
  return new HcpError("CHART_INVALID_YAML", `error converting YAML to JSON: ${message}`, {
    file: filename,
    cause: err,
  });
}

/** Parses one YAML document into Go values (maps, lists, float64 numbers, …). */
export function parseYamlDocument(text: string, filename: string): unknown {
  const docs = parseYamlDocuments(text, filename);
  return docs[0] ?? null;
}

/** Parses every document of a YAML stream. */
export function parseYamlDocuments(text: string, filename: string): unknown[] {
  try {
    const out = Bun.YAML.parse(text) as unknown;
    if (text.includes("\n---") || text.startsWith("---")) {
      return Array.isArray(out) && isMultiDoc(text) ? out : [out];
    }
    return [out];
  } catch (err) {
    throw wrap(err, filename);
  }
}

function isMultiDoc(text: string): boolean {
  const matches = text.match(/^---/gm);
  return matches !== null && (matches.length > 1 || !text.trimStart().startsWith("---"));
}
