/**
 * The exact path of YAML loading: what sigs.k8s.io/yaml.Unmarshal gives Helm (go-yaml v2
 * decoding into interface{}, YAML 1.1 plain-scalar typing, merge keys, keys turned into
 * strings, then a JSON round trip that makes every number a float64). Built on the `yaml`
 * package's parser with the failsafe schema; the typing is ours (resolve.ts).
 */
import type { Document, Node, Scalar, YAMLError } from "yaml";
import { formatFloatG } from "./go-float.ts";
import { resolvePlain } from "./resolve.ts";
import {
  BlockScalars,
  blockScalarIndent,
  indentQuotedContinuations,
  untabFlowLines,
} from "./scan.ts";

// The `yaml` package costs 8–20 ms to load in the compiled binary and only the exact path needs
// it, so it is required on first use (Bun resolves and bundles a literal require lazily).
declare const require: (id: string) => unknown;
type YamlModule = typeof import("yaml");
let yamlModule: YamlModule | undefined;
function yamlLib(): YamlModule {
  yamlModule ??= require("yaml") as YamlModule;
  return yamlModule;
}
const isAlias = (n: unknown): n is import("yaml").Alias => yamlLib().isAlias(n);
const isMap = (n: unknown): n is import("yaml").YAMLMap => yamlLib().isMap(n);
const isSeq = (n: unknown): n is import("yaml").YAMLSeq => yamlLib().isSeq(n);
const isScalar = (n: unknown): n is Scalar => yamlLib().isScalar(n);

/** A failure in the YAML → JSON step, with the message sigs.k8s.io/yaml gives. */
export class GoYamlError extends Error {
  override readonly name = "GoYamlError";
}

const TAG = "tag:yaml.org,2002:";

function tagName(tag: string): string {
  return tag.startsWith(TAG) ? `!!${tag.slice(TAG.length)}` : tag;
}

function resolvedTagName(s: string): string {
  const r = resolvePlain(s);
  return r.kind === "merge" ? "!!merge" : r.kind === "timestamp" ? "!!timestamp" : `!!${r.kind}`;
}

/** A Go value before the JSON round trip: ints stay bigint so keys format like Go. */
type Raw = null | boolean | string | bigint | number | Raw[] | RawMap;
class RawMap {
  readonly entries = new Map<string, Raw>();
}

function decodeBinary(s: string): string {
  let bin: string;
  try {
    bin = atob(s.replace(/\s+/g, ""));
  } catch {
    throw new GoYamlError("yaml: !!binary value contains invalid base64 data");
  }
  const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

function scalarValue(node: Scalar): Raw {
  const text = String(node.value ?? "");
  const tag = node.tag;
  const quoted = node.type !== "PLAIN";
  if (tag === undefined || tag === "!") {
    if (quoted || tag === "!") return text;
    const r = resolvePlain(text);
    switch (r.kind) {
      case "null":
        return null;
      case "bool":
        return r.value;
      case "int":
        return r.value;
      case "float":
        return r.value;
      default:
        return text;
    }
  }
  const name = tagName(tag);
  const fail = (): never => {
    const got = quoted ? "!!str" : resolvedTagName(text);
    throw new GoYamlError(`yaml: cannot decode ${got} \`${text}\` as a ${name}`);
  };
  switch (name) {
    case "!!str":
    case "!!timestamp":
      return text;
    case "!!binary":
      return decodeBinary(text);
    case "!!null":
      return null;
    case "!!bool": {
      const r = resolvePlain(text);
      return r.kind === "bool" ? r.value : fail();
    }
    case "!!int": {
      const r = resolvePlain(text);
      return r.kind === "int" ? r.value : fail();
    }
    case "!!float": {
      const r = resolvePlain(text);
      return r.kind === "float" ? r.value : r.kind === "int" ? Number(r.value) : fail();
    }
    default:
      return text;
  }
}

function goPrint(v: Raw): string {
  if (v === null) return "<nil>";
  if (typeof v === "number") return formatFloatG(v);
  if (Array.isArray(v)) return `[${v.map(goPrint).join(" ")}]`;
  if (v instanceof RawMap)
    return `map[${[...v.entries].map(([k, e]) => `${k}:${goPrint(e)}`).join(" ")}]`;
  return String(v);
}

function goSharpV(v: Raw): string {
  if (v === null) return "interface {}(nil)";
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "number") return formatFloatG(v);
  if (Array.isArray(v)) return `[]interface {}{${v.map(goSharpV).join(", ")}}`;
  if (v instanceof RawMap)
    return `map[interface {}]interface {}{${[...v.entries].map(([k, e]) => `${JSON.stringify(k)}:${goSharpV(e)}`).join(", ")}}`;
  return String(v);
}

class Converter {
  readonly #doc: Document.Parsed;
  readonly #text: string;
  constructor(doc: Document.Parsed, text: string) {
    this.#doc = doc;
    this.#text = text;
  }

  node(n: Node | null | undefined): Raw {
    if (n === null || n === undefined) return null;
    if (isAlias(n)) {
      const target = n.resolve(this.#doc);
      if (!target) throw new GoYamlError(`yaml: unknown anchor '${n.source}' referenced`);
      return this.node(target as Node);
    }
    if (isScalar(n)) {
      if (n.type === "QUOTE_DOUBLE" && n.range)
        checkDoubleQuotedEscapes(this.#text.slice(n.range[0], n.range[1]), this.#text, n.range[0]);
      return scalarValue(n);
    }
    if (isSeq(n)) return n.items.map((item) => this.node(item as Node));
    if (isMap(n)) {
      const out = new RawMap();
      let nullKey: { value: Raw } | undefined;
      for (const pair of n.items) {
        const keyNode = pair.key as Node | null;
        const emptyKey =
          keyNode === null ||
          (isScalar(keyNode) &&
            keyNode.type === "PLAIN" &&
            keyNode.source === "" &&
            this.#text[keyNode.range?.[0] ?? -1] === ":");
        if (emptyKey && !n.flow) {
          // A block-mapping value with no key at all (": x"): go-yaml's parser stops there.
          const at = (pair.value as Node | null)?.range?.[0] ?? 0;
          throw new GoYamlError(
            goLine("parser", lineIndexAt(this.#text, at), "did not find expected key"),
          );
        }
        if (
          keyNode &&
          isScalar(keyNode) &&
          keyNode.type === "PLAIN" &&
          keyNode.tag === undefined &&
          keyNode.value === "<<"
        ) {
          this.#merge(pair.value as Node | null, out);
          continue;
        }
        const key = this.node(keyNode);
        const value = this.node(pair.value as Node | null);
        if (key === null) nullKey = { value };
        else out.entries.set(this.#keyString(key, value), value);
      }
      // Go keeps one nil key (the last value) and fails when turning the map into JSON.
      if (nullKey) this.#keyString(null, nullKey.value);
      return out;
    }
    return null;
  }

  #merge(value: Node | null, out: RawMap): void {
    const fail = () =>
      new GoYamlError("yaml: map merge requires map or sequence of maps as the value");
    const target = value && isAlias(value) ? (value.resolve(this.#doc) as Node | undefined) : value;
    if (target && isMap(target)) {
      const m = this.node(target) as RawMap;
      for (const [k, v] of m.entries) out.entries.set(k, v);
      return;
    }
    if (target && isSeq(target)) {
      for (let i = target.items.length - 1; i >= 0; i--) {
        const item = target.items[i] as Node;
        const resolved = isAlias(item) ? (item.resolve(this.#doc) as Node | undefined) : item;
        if (!resolved || !isMap(resolved)) throw fail();
        const m = this.node(resolved) as RawMap;
        for (const [k, v] of m.entries) out.entries.set(k, v);
      }
      return;
    }
    throw fail();
  }

  #keyString(key: Raw, value: Raw): string {
    if (typeof key === "string") return key;
    if (typeof key === "bigint") return key.toString();
    if (typeof key === "number") return formatFloatG(key);
    if (typeof key === "boolean") return key ? "true" : "false";
    if (key === null)
      throw new GoYamlError(
        `unsupported map key of type: %!s(<nil>), key: <nil>, value: ${goPrint(value)}`,
      );
    throw new GoYamlError(`yaml: invalid map key: ${goSharpV(key)}`);
  }
}

/** JSON round trip: ints → float64, ±Inf/NaN refused as Go's json.Marshal refuses them. */
function toGoValue(v: Raw): unknown {
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "number") {
    if (Number.isNaN(v)) throw new GoYamlError("json: unsupported value: NaN");
    if (!Number.isFinite(v))
      throw new GoYamlError(`json: unsupported value: ${v > 0 ? "+Inf" : "-Inf"}`);
    return v;
  }
  if (Array.isArray(v)) return v.map(toGoValue);
  if (v instanceof RawMap) {
    const out: Record<string, unknown> = {};
    for (const [k, e] of v.entries)
      Object.defineProperty(out, k, {
        value: toGoValue(e),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return out;
  }
  return v;
}

function lineIndexAt(text: string, offset: number): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

/** The line index of go-yaml's end-of-stream mark (it forces a new line after a last partial line). */
function eofLineIndex(text: string): number {
  const n = lineIndexAt(text, text.length);
  return text.length > 0 && !text.endsWith("\n") ? n + 1 : n;
}

/** go-yaml's "yaml: line N: …": scanner errors count lines from 1, parser errors from 0. */
function goLine(kind: "scanner" | "parser", index: number, problem: string): string {
  const line = kind === "scanner" ? (index === 0 ? 0 : index + 1) : index;
  return line !== 0 ? `yaml: line ${line}: ${problem}` : `yaml: ${problem}`;
}

/** The enclosing block collection of an error line is a sequence when a sibling line starts with "- ". */
function inBlockSequence(text: string, lineIndex: number): boolean {
  const lines = text.split("\n");
  const indentOf = (l: string) => l.length - l.trimStart().length;
  const here = indentOf(lines[lineIndex] ?? "");
  for (let i = lineIndex - 1; i >= 0; i--) {
    const l = lines[i] as string;
    if (l.trim() === "" || l.trimStart().startsWith("#")) continue;
    if (indentOf(l) === here) return l.trimStart().startsWith("- ") || l.trim() === "-";
    if (indentOf(l) < here) return false;
  }
  return false;
}

// "key: plain" or "- plain" (a line whose value is a plain scalar that may continue).
const PLAIN_VALUE_LINE = /^[ \t]*(?:-|[^\s#-][^#]*?:)[ \t]+[^\s|>'"#[{&*!%@`]/;

/** The sibling above is a sequence entry with nothing after its dash ("-"). */
function afterEmptyEntry(text: string, lineIndex: number): boolean {
  const lines = text.split("\n");
  for (let i = lineIndex - 1; i >= 0; i--) {
    const l = (lines[i] as string).trim();
    if (l === "" || l.startsWith("#")) continue;
    return l === "-";
  }
  return false;
}

/** The first line at or after `index` holding a token (not blank, not a comment). */
function tokenLineFrom(text: string, index: number): number {
  const lines = text.split("\n");
  for (let i = index; i < lines.length; i++) {
    const t = (lines[i] as string).trim();
    if (t !== "" && !t.startsWith("#")) return i;
  }
  return eofLineIndex(text);
}

/** go-yaml's stale simple key: a line-start scalar never followed by ':' (scanner error). */
function staleKeyMessage(err: YAMLError, text: string): string {
  const keyLine = lineIndexAt(text, err.pos[0]);
  const lines = text.split("\n");
  let at = eofLineIndex(text);
  for (let i = keyLine + 1; i < lines.length; i++) {
    const t = (lines[i] as string).trim();
    if (t !== "" && !t.startsWith("#")) {
      at = i;
      break;
    }
  }
  return goLine("scanner", at, "could not find expected ':'");
}

/** Whether line `index` starts at the column of the nearest structural line above it. */
function atCollectionColumn(text: string, index: number): boolean {
  const blocks = new BlockScalars(text);
  const lines = text.split("\n");
  const indentOf = (l: string) => l.length - l.trimStart().length;
  const here = indentOf(lines[index] ?? "");
  let offset = 0;
  const starts: number[] = [];
  for (const l of lines) {
    starts.push(offset);
    offset += l.length + 1;
  }
  for (let i = index - 1; i >= 0; i--) {
    const l = lines[i] as string;
    const t = l.trim();
    if (t === "" || t.startsWith("#") || blocks.contains(starts[i] as number)) continue;
    const ind = indentOf(l);
    if (ind <= here) return ind === here || ind + (/^-\s+/.exec(t)?.[0].length ?? 0) === here;
  }
  return here === 0;
}

/** Maps the `yaml` package's errors for a document to go-yaml's first error (best effort). */
function goSyntaxMessageOf(errors: readonly YAMLError[], text: string): string {
  const first = errors[0] as YAMLError;
  const stale = errors.find(
    (e) => e.code === "MISSING_CHAR" && /^Implicit map keys need to be followed/.test(e.message),
  );
  // A scalar at the column of the collection it sits in must be a key: go-yaml's scanner
  // fails on it ("could not find expected ':'") before its parser sees the bad indentation.
  if (
    stale &&
    first.code === "BAD_INDENT" &&
    /^All mapping items/.test(first.message) &&
    lineIndexAt(text, stale.pos[0]) === lineIndexAt(text, first.pos[0]) &&
    atCollectionColumn(text, lineIndexAt(text, first.pos[0]))
  )
    return staleKeyMessage(stale, text);
  return goSyntaxMessage(first, text);
}

/** Maps a `yaml` package error to go-yaml's message and line rule (best effort). */
function goSyntaxMessage(err: YAMLError, text: string): string {
  const pos = err.pos[0];
  const index = lineIndexAt(text, pos);
  const msg = err.message;
  const flowEnd = (seq: boolean): string => {
    const open = text.lastIndexOf(seq ? "[" : "{", pos);
    let next = open + 1;
    while (/\s/.test(text[next] ?? "")) next++;
    // Nothing, or the other kind of closing bracket, where the first node should be.
    if (open !== -1 && (next >= text.length || text[next] === (seq ? "}" : "]"))) {
      const at = next >= text.length ? eofLineIndex(text) : lineIndexAt(text, next);
      return goLine("parser", at, "did not find expected node content");
    }
    return goLine(
      "parser",
      eofLineIndex(text),
      `did not find expected ',' or '${seq ? "]" : "}"}'`,
    );
  };
  switch (err.code) {
    case "TAB_AS_INDENT":
      // A tab that would indent the continuation of a plain scalar gets its own message.
      if (PLAIN_VALUE_LINE.test(text.split("\n")[index - 1] ?? ""))
        return goLine("scanner", index, "found a tab character that violates indentation");
      return goLine("scanner", index, "found character that cannot start any token");
    case "BAD_SCALAR_START":
      return goLine("scanner", index, "found character that cannot start any token");
    case "BAD_ALIAS":
      return goLine("scanner", index, "did not find expected alphabetic or numeric character");
    case "BLOCK_AS_IMPLICIT_KEY":
    case "MULTILINE_IMPLICIT_KEY": {
      if (/block sequence/.test(msg)) {
        const dash = text.indexOf("-", pos + 1);
        return goLine(
          "parser",
          lineIndexAt(text, dash === -1 ? pos : dash),
          "did not find expected key",
        );
      }
      const rest = text.slice(pos + 1);
      const m = /:(?:\s|$)/.exec(rest);
      const at = m ? pos + 1 + m.index : pos;
      return goLine(
        "scanner",
        lineIndexAt(text, at),
        "mapping values are not allowed in this context",
      );
    }
    case "MISSING_CHAR":
      if (/^Implicit map keys need to be followed/.test(msg)) return staleKeyMessage(err, text);
      if (/^Flow (sequence|map) must end/.test(msg))
        return flowEnd(msg.startsWith("Flow sequence"));
      if (/quote/.test(msg))
        return goLine("scanner", lineIndexAt(text, text.length), "found unexpected end of stream");
      break;
    case "BAD_INDENT":
      if (/^Flow (sequence|map)/.test(msg)) return flowEnd(msg.startsWith("Flow sequence"));
      return goLine(
        "parser",
        tokenLineFrom(text, index),
        afterEmptyEntry(text, index)
          ? "did not find expected node content"
          : inBlockSequence(text, index)
            ? "did not find expected '-' indicator"
            : "did not find expected key",
      );
    case "UNEXPECTED_TOKEN":
      if (/block-seq-ind/.test(msg))
        return goLine("scanner", index, "block sequence entries are not allowed in this context");
      return goLine(
        "parser",
        index,
        afterEmptyEntry(text, index)
          ? "did not find expected node content"
          : inBlockSequence(text, index)
            ? "did not find expected '-' indicator"
            : "did not find expected key",
      );
  }
  return goLine("parser", index, "did not find expected key");
}

// go-yaml's scanner rejects escapes the `yaml` package accepts (surrogate \u escapes, "\/").
function checkDoubleQuotedEscapes(raw: string, text: string, offset: number): void {
  if (!raw.includes("\\")) return;
  const at = () => lineIndexAt(text, offset);
  if (/\\u[dD][89a-fA-F][0-9a-fA-F]{2}/.test(raw))
    throw new GoYamlError(goLine("scanner", at(), "found invalid Unicode character escape code"));
  for (const m of raw.matchAll(/\\(.)/gs)) {
    if (!'0abtnvfre "\\N_LPxuU\t\n\r'.includes(m[1] as string))
      throw new GoYamlError(goLine("scanner", at(), "found unknown escape character"));
  }
}

/** Errors go-yaml raises on text the `yaml` package accepts. */
function checkGoOnlyErrors(text: string): void {
  const directive = /^%YAML[ \t]+(\d+)\.(\d+)/m.exec(text);
  if (directive && !(directive[1] === "1" && directive[2] === "1"))
    throw new GoYamlError(
      goLine("parser", lineIndexAt(text, directive.index), "found incompatible YAML document"),
    );
  if (text.includes("\t")) {
    const lines = text.split("\n");
    let blocks: BlockScalars | undefined;
    for (let i = 1, offset = (lines[0] as string).length + 1; i < lines.length; i++) {
      const lineStart = offset;
      offset += (lines[i] as string).length + 1;
      // A blank line holding a tab inside a plain scalar's possible continuation.
      if (!/^[ ]*\t[ \t]*\r?$/.test(lines[i] as string)) continue;
      let p = i - 1;
      while (p > 0 && (lines[p] as string).trim() === "") p--;
      blocks ??= new BlockScalars(text);
      const blockStart = blocks.startOf(lineStart);
      if (blockStart !== undefined) {
        // A tab is content once the scanner has passed the block's indentation; before it (or
        // while the indentation is still being detected) go-yaml refuses it.
        const headerEnd = blockStart - 1;
        const header = text.slice(text.lastIndexOf("\n", headerEnd - 1) + 1, headerEnd);
        const content = text.slice(blockStart, lineStart).split("\n");
        const indent = blockScalarIndent(header, content);
        const tabColumn = (lines[i] as string).indexOf("\t");
        if (indent === undefined || tabColumn < indent)
          throw new GoYamlError(
            goLine("scanner", i, "found a tab character where an indentation space is expected"),
          );
        continue;
      }
      if (PLAIN_VALUE_LINE.test(lines[p] as string))
        throw new GoYamlError(
          goLine("scanner", i, "found a tab character that violates indentation"),
        );
    }
  }
  // A simple key may not be longer than 1024 characters (libyaml's limit): a plain key, on a
  // line outside block-scalar content, whose ": " comes after 1024 characters.
  let blocks: BlockScalars | undefined;
  for (const m of text.matchAll(/^[^\n]{1025,}$/gm)) {
    const colon = /^[ ]*(?:- )*([^\s#'"{[][^\n'"{}[\]]*?):(?:[ \t]|$)/.exec(m[0]);
    if (!colon || (colon[1] as string).length <= 1024) continue;
    blocks ??= new BlockScalars(text);
    if (blocks.contains(m.index)) continue;
    throw new GoYamlError(
      goLine(
        "scanner",
        lineIndexAt(text, m.index),
        "mapping values are not allowed in this context",
      ),
    );
  }
}

function firstDocument(text: string): Document.Parsed | undefined {
  const docs = yamlLib().parseAllDocuments(text, {
    schema: "failsafe",
    merge: false,
    uniqueKeys: false,
    strict: false,
    prettyErrors: false,
    version: "1.1",
  });
  return Array.isArray(docs) ? docs[0] : undefined;
}

/**
 * Converts YAML text to the Go value sigs.k8s.io/yaml would hand to json.Unmarshal (first
 * document only; an empty document is null).
 * @throws GoYamlError with the text after "error converting YAML to JSON: ".
 */
export function decodeGoYaml(source: string): unknown {
  // go-yaml's reader turns NEL into a line feed everywhere (YAML 1.1); U+2028/U+2029 also
  // break lines there but stay in the text, which this path does not model.
  let text = source.includes("\u0085") ? source.replaceAll("\u0085", "\n") : source;
  checkGoOnlyErrors(text);
  let first = firstDocument(text);
  if (!first) return null;
  const error = first.errors[0];
  if (error) {
    // go-yaml is lenient about the indentation of quoted scalars' continuation lines and
    // about tabs starting lines inside flow collections: repair those and retry.
    const untabbed = untabFlowLines(text);
    const base = untabbed ?? text;
    const reindented =
      base.includes('"') || base.includes("'") ? indentQuotedContinuations(base) : undefined;
    const repaired = reindented ?? untabbed;
    const retry = repaired === undefined ? undefined : firstDocument(repaired);
    if (repaired === undefined || !retry || retry.errors.length > 0)
      throw new GoYamlError(goSyntaxMessageOf(first.errors, text));
    text = repaired;
    first = retry;
  }
  return toGoValue(new Converter(first, text).node(first.contents as Node | null));
}
