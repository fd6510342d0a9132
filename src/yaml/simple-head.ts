/**
 * A one-pass reader for the simplest rendered manifests (nested block mappings of `key: value`
 * lines with plain or double-quoted one-line values, comments and blank lines): it proves the
 * document loads in go-yaml and returns its head without building the values, or gives up
 * (undefined) on anything else so the full check runs. Every rendered document is checked, so
 * this saves a parse per document on charts made of such manifests (ConfigMaps, Services, …).
 */
import type { ManifestHead } from "./manifest.ts";

// One line: indentation, then a comment (printable ASCII), or a key with an optional one-line
// value (a plain scalar from a safe alphabet or a double-quoted one without escapes), or
// nothing. Read with a char-code scan, one pass over the text and no regex or match array per
// line (this runs on every line of every rendered document, cold). Character classes:
const KEY = 1; // [A-Za-z0-9_./-]: key characters
const PLAIN = 2; // [A-Za-z0-9_./:-]: plain value characters
const START = 4; // [A-Za-z_]: a key's first character, a plain value sure to be a string
const PLAIN_START = 8; // [A-Za-z0-9_]: a plain value's first character
const CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const alpha = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
  const alnum = alpha || (c >= 0x30 && c <= 0x39);
  CLASS[c] =
    (alnum || c === 0x2e || c === 0x2f || c === 0x2d ? KEY | PLAIN : 0) |
    (c === 0x3a ? PLAIN : 0) |
    (alpha ? START : 0) |
    (alnum ? PLAIN_START : 0);
}
const MAX_KEY = 128;
// Plain words YAML 1.1 reads as booleans or null (all at most 5 characters).
const SPECIAL_WORDS = new Set(
  "y Y n N yes Yes YES no No NO on On ON off Off OFF true True TRUE false False FALSE null Null NULL".split(
    " ",
  ),
);

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
  const n = doc.length;
  const root: Level = { indent: 0, entries: new Map() };
  const stack: Level[] = [root];
  let top = root;
  let pending: string | undefined; // a `key:` line waiting for its nested mapping
  let i = 0;
  for (;;) {
    // i is at a line's start; c is the current char (-1 at the end of the text).
    const lineStart = i;
    let c = i < n ? doc.charCodeAt(i) : -1;
    while (c === 0x20) c = ++i < n ? doc.charCodeAt(i) : -1;
    const indent = i - lineStart;
    if (c === 0x23) {
      // A comment: printable ASCII to the end of the line.
      c = ++i < n ? doc.charCodeAt(i) : -1;
      while (c >= 0x20 && c <= 0x7e) c = ++i < n ? doc.charCodeAt(i) : -1;
    } else if (c !== 0x0a && c !== -1) {
      if (c >= 128 || ((CLASS[c] as number) & START) === 0) return undefined;
      const keyStart = i;
      do c = ++i < n ? doc.charCodeAt(i) : -1;
      while (c >= 0 && c < 128 && ((CLASS[c] as number) & KEY) !== 0);
      if (c !== 0x3a || i - keyStart > MAX_KEY) return undefined;
      const key = doc.slice(keyStart, i);
      if ((key.length <= 5 && SPECIAL_WORDS.has(key)) || key === "__proto__") return undefined;
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
      c = ++i < n ? doc.charCodeAt(i) : -1;
      if (c === 0x0a || c === -1) {
        top.entries.set(key, OTHER); // replaced by the nested mapping on the next key line
        pending = key;
      } else {
        if (c !== 0x20) return undefined;
        c = ++i < n ? doc.charCodeAt(i) : -1;
        if (c === 0x22) {
          // "…" without escapes: [\x20\x21\x23-\x5b\x5d-\x7e]
          const valueStart = i + 1;
          c = ++i < n ? doc.charCodeAt(i) : -1;
          while (c >= 0x20 && c <= 0x7e && c !== 0x22 && c !== 0x5c)
            c = ++i < n ? doc.charCodeAt(i) : -1;
          if (c !== 0x22) return undefined;
          top.entries.set(key, doc.slice(valueStart, i));
          c = ++i < n ? doc.charCodeAt(i) : -1;
        } else {
          if (c < 0 || c >= 128 || ((CLASS[c] as number) & PLAIN_START) === 0) return undefined;
          const valueStart = i;
          let last = c;
          do {
            last = c;
            c = ++i < n ? doc.charCodeAt(i) : -1;
          } while (c >= 0 && c < 128 && ((CLASS[c] as number) & PLAIN) !== 0);
          if (last === 0x3a) return undefined; // `a:` is not a plain scalar
          const first = doc.charCodeAt(valueStart);
          if (((CLASS[first] as number) & START) === 0) top.entries.set(key, OTHER);
          else {
            const plain = doc.slice(valueStart, i);
            top.entries.set(key, plain.length <= 5 && SPECIAL_WORDS.has(plain) ? OTHER : plain);
          }
        }
      }
    }
    // The line must end here.
    if (c === -1) break;
    if (c !== 0x0a) return undefined;
    i++;
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
