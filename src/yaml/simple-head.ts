/**
 * A one-pass reader for the simplest rendered manifests (nested block mappings of `key: value`
 * lines with plain or double-quoted one-line values, comments and blank lines): it proves the
 * document loads in go-yaml and returns its head without building the values, or gives up
 * (undefined) on anything else so the full check runs. Every rendered document is checked, so
 * this saves a parse per document on charts made of such manifests (ConfigMaps, Services, …).
 */
import type { ManifestHead } from "./manifest.ts";

// One line: indentation, then a comment, or a key with an optional one-line value (a plain
// scalar from a safe alphabet or a double-quoted one without escapes), or nothing. Sticky and
// multi-line so it runs in place; the match must end at the line's "\n" (`$` also stops at CR).
const LINE =
  /^( *)(?:#[\x20-\x7e]*|([A-Za-z_][A-Za-z0-9_./-]{0,127}):(?: (?:"([\x20\x21\x23-\x5b\x5d-\x7e]*)"|([A-Za-z0-9_][A-Za-z0-9_./:-]*)))?)?$/my;
// Plain words YAML 1.1 reads as booleans or null.
const SPECIAL_WORD =
  /^(?:[yYnN]|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|true|True|TRUE|false|False|FALSE|null|Null|NULL)$/;
// A plain scalar go-yaml surely reads as a string: letter start, not a YAML 1.1 word.
const STRING_START = /^[A-Za-z_]/;

/** A value that is not (surely) a string. */
const OTHER = Symbol("other");
type Value = string | typeof OTHER | Level;

interface Level {
  readonly indent: number;
  readonly entries: Map<string, Value>;
}

/**
 * The head of `doc` when it is a simple block mapping go-yaml surely loads, with string head
 * fields; undefined when the full check must decide.
 */
export function simpleManifestHead(doc: string): ManifestHead | undefined {
  const root: Level = { indent: 0, entries: new Map() };
  const stack: Level[] = [root];
  let pending: string | undefined; // a `key:` line waiting for its nested mapping
  let start = 0;
  while (start <= doc.length) {
    let end = doc.indexOf("\n", start);
    if (end === -1) end = doc.length;
    LINE.lastIndex = start;
    const m = LINE.exec(doc);
    if (m === null || LINE.lastIndex !== end) return undefined;
    start = end + 1;
    const key = m[2];
    if (key === undefined) continue; // comment or blank line
    if (SPECIAL_WORD.test(key) || key === "__proto__") return undefined;
    const indent = (m[1] as string).length;
    let top = stack[stack.length - 1] as Level;
    if (pending !== undefined) {
      if (indent <= top.indent) return undefined; // `key:` with no value (null)
      const level: Level = { indent, entries: new Map() };
      top.entries.set(pending, level);
      stack.push(level);
      top = level;
      pending = undefined;
    } else {
      if (indent > top.indent) return undefined;
      while (indent < top.indent) {
        stack.pop();
        top = stack[stack.length - 1] as Level;
      }
      if (indent !== top.indent) return undefined;
    }
    if (top.entries.has(key)) return undefined;
    const quoted = m[3];
    const plain = m[4];
    if (quoted !== undefined) top.entries.set(key, quoted);
    else if (plain !== undefined) {
      if (plain.endsWith(":")) return undefined;
      const isString = STRING_START.test(plain) && !SPECIAL_WORD.test(plain);
      top.entries.set(key, isString ? plain : OTHER);
    } else {
      top.entries.set(key, OTHER); // replaced by the nested mapping on the next key line
      pending = key;
    }
  }
  if (pending !== undefined || root.entries.size === 0) return undefined;
  return headOfSimple(root);
}

function headOfSimple(root: Level): ManifestHead | undefined {
  const head: { -readonly [K in keyof ManifestHead]: ManifestHead[K] } = {};
  const apiVersion = root.entries.get("apiVersion");
  const kind = root.entries.get("kind");
  const meta = root.entries.get("metadata");
  if (apiVersion !== undefined) {
    if (typeof apiVersion !== "string") return undefined;
    head.apiVersion = apiVersion;
  }
  if (kind !== undefined) {
    if (typeof kind !== "string") return undefined;
    head.kind = kind;
  }
  if (meta === undefined) return head;
  if (typeof meta !== "object") return undefined;
  const name = meta.entries.get("name");
  if (name !== undefined) {
    if (typeof name !== "string") return undefined;
    head.name = name;
  }
  const ann = meta.entries.get("annotations");
  if (ann !== undefined) {
    if (typeof ann !== "object") return undefined;
    const out: Record<string, string> = {};
    for (const [k, v] of ann.entries) {
      if (typeof v !== "string") return undefined;
      out[k] = v;
    }
    head.annotations = out;
  }
  return head;
}
