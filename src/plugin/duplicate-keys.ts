/**
 * Duplicate mapping keys, which Go's yaml.v3 (and so Helm) rejects while JS YAML parsers keep
 * one of the values. Two checks: an exact one over a parsed `yaml` document (with Helm's
 * message), and a conservative text scan that lets the fast parse path run only on text that
 * surely has none.
 */
import { type Document, isMap, isPair, isScalar, type LineCounter, visit } from "yaml";

/**
 * Finds the first duplicate key in any mapping of `doc` and returns Helm's message
 * (`mapping key "k" already defined at line N`, with the line of the second key), or
 * undefined.
 */
export function findDuplicateKey(
  doc: Document,
  lineCounter: LineCounter,
): { message: string; line: number; topLevel: boolean } | undefined {
  let found: { message: string; line: number; topLevel: boolean } | undefined;
  const lineOf = (node: { range?: [number, number, number] | null } | null | undefined) =>
    node?.range ? lineCounter.linePos(node.range[0]).line : 0;
  visit(doc, {
    Map(_, map, path) {
      const seen = new Map<string, number>();
      for (const pair of map.items) {
        if (!isPair(pair) || !isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        const line = lineOf(pair.key);
        const first = seen.get(key);
        if (first !== undefined) {
          found = {
            message: `line ${line}: mapping key ${JSON.stringify(key)} already defined at line ${first}`,
            line,
            topLevel: path.length <= 1 && isMap(doc.contents) && doc.contents === map,
          };
          return visit.BREAK;
        }
        seen.set(key, line);
      }
      return undefined;
    },
  });
  return found;
}

const KEY_LINE =
  /^( *)(?:(- +))?("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s"'#?{[\]}&*!|>%@`,-][^:#]*?|-[^\s:#][^:#]*?)\s*:(?:\s|$)/;

const QUOTED = /"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'/g;
/** `&anchor`, `*alias`, `{flow}` or a `? ` complex key where a YAML node can start. */
const NODE_START_SPECIAL = /(?:^|[\s[,])(?:[&*{]|\?(?:\s|$))/;

/**
 * Reports whether any line, with its closed quoted scalars blanked out, has an anchor, alias,
 * flow mapping or complex key at a node start. A `*` inside a scalar (a glob such as
 * `templates/*.pkl`) is not an alias and keeps the fast path.
 */
function hasNodeStartSpecial(text: string): boolean {
  for (const line of text.split("\n")) {
    if (NODE_START_SPECIAL.test(line.replace(QUOTED, '""'))) return true;
  }
  return false;
}

/**
 * Conservative scan of block-style YAML text: true when it might hold a duplicate key or uses
 * constructs the scan does not follow (flow mappings, complex keys, anchors, tabs). False means
 * no mapping in the text repeats a key.
 */
export function mayHaveDuplicateKeys(text: string): boolean {
  if (text.includes("\t") || hasNodeStartSpecial(text)) return true;
  const scopes: { indent: number; keys: Set<string> }[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.replace(/\r$/, "");
    if (/^\s*(#|$)/.test(line)) continue;
    const m = KEY_LINE.exec(line);
    if (!m) {
      // A list item without a key, or a scalar continuation: close deeper scopes only.
      const indent = line.length - line.trimStart().length;
      if (line.trimStart().startsWith("- ")) {
        while (scopes.length > 0 && (scopes.at(-1)?.indent ?? -1) > indent) scopes.pop();
      }
      continue;
    }
    const indent = (m[1] ?? "").length;
    const dash = m[2] ?? "";
    const column = indent + dash.length;
    const key = (m[3] ?? "").replace(/^["']|["']$/g, "");
    if (dash !== "") {
      // A new list item starts a new mapping at `column`.
      while (scopes.length > 0 && (scopes.at(-1)?.indent ?? -1) >= column) scopes.pop();
      while (scopes.length > 0 && (scopes.at(-1)?.indent ?? -1) > indent) scopes.pop();
      scopes.push({ indent: column, keys: new Set([key]) });
      continue;
    }
    while (scopes.length > 0 && (scopes.at(-1)?.indent ?? -1) > column) scopes.pop();
    const top = scopes.at(-1);
    if (top && top.indent === column) {
      if (top.keys.has(key)) return true;
      top.keys.add(key);
    } else {
      scopes.push({ indent: column, keys: new Set([key]) });
    }
  }
  return false;
}
