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

// What a mapping level, or a key in it, is to the head: most are nothing.
const NONE = 0;
const ROOT = 1; // the document's mapping
const METADATA = 2; // root.metadata
const ANNOTATIONS = 3; // root.metadata.annotations
const API_VERSION = 4; // root.apiVersion (a key only)
const KIND = 5; // root.kind
const NAME = 6; // root.metadata.name
const ANNOTATION = 7; // a key of root.metadata.annotations
/** No `key:` line is waiting for its nested mapping. */
const NO_PENDING = -1;

// The reader's state lives in these module-level arrays, grown when a document needs more and
// reused by the next one, so an accepted document costs no garbage but its head. Per open
// mapping level (the stack from the root to the current line): its indentation, its role, and
// where its keys start in the key arrays. Per key of an open level: its start, end and a hash,
// to find a duplicate by comparing characters in place. Per annotation: key and value offsets.
let levelIndents = new Int32Array(16);
let levelFirstKeys = new Int32Array(16);
let levelRoles = new Uint8Array(16);
let keyStarts = new Int32Array(64);
let keyEnds = new Int32Array(64);
let keyHashes = new Int32Array(64);
let annotationOffsets = new Int32Array(64);

function grown<T extends Int32Array | Uint8Array>(a: T): T {
  const b = new (a.constructor as new (n: number) => T)(a.length * 2);
  b.set(a);
  return b;
}

/**
 * The head of `doc` when it is a simple block mapping go-yaml surely loads, with string head
 * fields; undefined when the full check must decide.
 */
export function simpleManifestHead(doc: string): ManifestHead | undefined {
  const n = doc.length;
  let depth = 0; // the current (innermost open) level
  levelIndents[0] = 0;
  levelFirstKeys[0] = 0;
  levelRoles[0] = ROOT;
  let keys = 0; // keys of the open levels
  let pending = NO_PENDING; // the role of a `key:` line's nested mapping, waiting for it
  // Head fields: offsets of the string values (start -1 while absent).
  let apiStart = -1;
  let apiEnd = 0;
  let kindStart = -1;
  let kindEnd = 0;
  let nameStart = -1;
  let nameEnd = 0;
  let annotations = -1; // annotation count, -1 without an annotations mapping
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
      let hash = 0;
      do {
        hash = (hash * 31 + c) | 0;
        c = ++i < n ? doc.charCodeAt(i) : -1;
      } while (c >= 0 && c < 128 && ((CLASS[c] as number) & KEY) !== 0);
      const keyEnd = i;
      const keyLength = keyEnd - keyStart;
      if (c !== 0x3a || keyLength > MAX_KEY) return undefined;
      if (isYaml11Word(doc, keyStart, keyEnd) || isWordAt(doc, keyStart, keyEnd, "__proto__"))
        return undefined;
      if (pending !== NO_PENDING) {
        if (indent <= (levelIndents[depth] as number)) return undefined; // `key:` with no value
        if (++depth === levelIndents.length) {
          levelIndents = grown(levelIndents);
          levelFirstKeys = grown(levelFirstKeys);
          levelRoles = grown(levelRoles);
        }
        levelIndents[depth] = indent;
        levelFirstKeys[depth] = keys;
        levelRoles[depth] = pending;
        if (pending === ANNOTATIONS) annotations = 0;
        pending = NO_PENDING;
      } else {
        if (indent > (levelIndents[depth] as number)) return undefined;
        while (indent < (levelIndents[depth] as number)) keys = levelFirstKeys[depth--] as number;
        if (indent !== levelIndents[depth]) return undefined;
      }
      // A duplicate key fails the load.
      for (let k = levelFirstKeys[depth] as number; k < keys; k++) {
        if (keyHashes[k] !== hash) continue;
        const start = keyStarts[k] as number;
        if ((keyEnds[k] as number) - start !== keyLength) continue;
        let j = 0;
        while (j < keyLength && doc.charCodeAt(start + j) === doc.charCodeAt(keyStart + j)) j++;
        if (j === keyLength) return undefined;
      }
      if (keys === keyStarts.length) {
        keyStarts = grown(keyStarts);
        keyEnds = grown(keyEnds);
        keyHashes = grown(keyHashes);
      }
      keyStarts[keys] = keyStart;
      keyEnds[keys] = keyEnd;
      keyHashes[keys++] = hash;
      const role = keyRole(levelRoles[depth] as number, doc, keyStart, keyEnd);
      c = ++i < n ? doc.charCodeAt(i) : -1;
      if (c === 0x0a || c === -1) {
        // A nested mapping must follow; a head string field or annotation cannot be one.
        if (role >= API_VERSION) return undefined;
        pending = role;
      } else {
        if (c !== 0x20) return undefined;
        c = ++i < n ? doc.charCodeAt(i) : -1;
        let valueStart: number;
        let valueEnd: number;
        let isString: boolean;
        if (c === 0x22) {
          // "…" without escapes: [\x20\x21\x23-\x5b\x5d-\x7e]
          valueStart = i + 1;
          c = ++i < n ? doc.charCodeAt(i) : -1;
          while (c >= 0x20 && c <= 0x7e && c !== 0x22 && c !== 0x5c)
            c = ++i < n ? doc.charCodeAt(i) : -1;
          if (c !== 0x22) return undefined;
          valueEnd = i;
          isString = true;
          c = ++i < n ? doc.charCodeAt(i) : -1;
        } else {
          if (c < 0 || c >= 128 || ((CLASS[c] as number) & PLAIN_START) === 0) return undefined;
          valueStart = i;
          let last = c;
          do {
            last = c;
            c = ++i < n ? doc.charCodeAt(i) : -1;
          } while (c >= 0 && c < 128 && ((CLASS[c] as number) & PLAIN) !== 0);
          if (last === 0x3a) return undefined; // `a:` is not a plain scalar
          valueEnd = i;
          isString = false;
          if (role >= API_VERSION)
            isString =
              ((CLASS[doc.charCodeAt(valueStart)] as number) & START) !== 0 &&
              !isYaml11Word(doc, valueStart, valueEnd);
        }
        if (role !== NONE) {
          // metadata and annotations must be mappings, the head fields strings.
          if (!isString || role < API_VERSION) return undefined;
          if (role === API_VERSION) {
            apiStart = valueStart;
            apiEnd = valueEnd;
          } else if (role === KIND) {
            kindStart = valueStart;
            kindEnd = valueEnd;
          } else if (role === NAME) {
            nameStart = valueStart;
            nameEnd = valueEnd;
          } else {
            const a = annotations++ * 4;
            if (a === annotationOffsets.length) annotationOffsets = grown(annotationOffsets);
            annotationOffsets[a] = keyStart;
            annotationOffsets[a + 1] = keyEnd;
            annotationOffsets[a + 2] = valueStart;
            annotationOffsets[a + 3] = valueEnd;
          }
        }
      }
    }
    // The line must end here.
    if (c === -1) break;
    if (c !== 0x0a) return undefined;
    i++;
  }
  if (pending !== NO_PENDING || keys === 0) return undefined;
  const head: { -readonly [K in keyof ManifestHead]: ManifestHead[K] } = {};
  if (apiStart >= 0) head.apiVersion = doc.slice(apiStart, apiEnd);
  if (kindStart >= 0) head.kind = doc.slice(kindStart, kindEnd);
  if (nameStart >= 0) head.name = doc.slice(nameStart, nameEnd);
  if (annotations >= 0) {
    const out: Record<string, string> = {};
    for (let a = 0; a < annotations * 4; a += 4)
      out[doc.slice(annotationOffsets[a] as number, annotationOffsets[a + 1])] = doc.slice(
        annotationOffsets[a + 2],
        annotationOffsets[a + 3],
      );
    head.annotations = out;
  }
  return head;
}

/** The role of a key named doc[start:end] in a level of role `level`. */
function keyRole(level: number, doc: string, start: number, end: number): number {
  if (level === ROOT) {
    if (isWordAt(doc, start, end, "apiVersion")) return API_VERSION;
    if (isWordAt(doc, start, end, "kind")) return KIND;
    if (isWordAt(doc, start, end, "metadata")) return METADATA;
  } else if (level === METADATA) {
    if (isWordAt(doc, start, end, "name")) return NAME;
    if (isWordAt(doc, start, end, "annotations")) return ANNOTATIONS;
  } else if (level === ANNOTATIONS) return ANNOTATION;
  return NONE;
}

/** Whether doc[start:end] is `word`. */
function isWordAt(doc: string, start: number, end: number, word: string): boolean {
  if (end - start !== word.length) return false;
  for (let j = 0; j < word.length; j++)
    if (doc.charCodeAt(start + j) !== word.charCodeAt(j)) return false;
  return true;
}

// YAML 1.1 booleans and null, as letters a=1…z=26 packed in base 27: y n yes no on off true
// false null, each also Capitalized or UPPER (all at most 5 letters).
const YAML11_WORDS = new Set(
  ["y", "n", "yes", "no", "on", "off", "true", "false", "null"].map((w) => {
    let packed = 0;
    for (let j = 0; j < w.length; j++) packed = packed * 27 + (w.charCodeAt(j) - 0x60);
    return packed;
  }),
);

/** Whether the plain scalar doc[start:end] is a word YAML 1.1 reads as a boolean or null. */
function isYaml11Word(doc: string, start: number, end: number): boolean {
  if (end - start > 5) return false;
  const first = doc.charCodeAt(start);
  let packed = 0;
  let upper = 0; // upper-case letters after the first
  for (let j = start; j < end; j++) {
    const c = doc.charCodeAt(j);
    const lower = c | 0x20;
    if (lower < 0x61 || lower > 0x7a) return false;
    if (j > start && c !== lower) upper++;
    packed = packed * 27 + (lower - 0x60);
  }
  // Only lower, Capitalized and UPPER spellings count.
  if (upper !== 0 && (upper !== end - start - 1 || (first | 0x20) === first)) return false;
  return YAML11_WORDS.has(packed);
}
