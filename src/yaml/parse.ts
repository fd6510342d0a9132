/**
 * Loading YAML the way Helm does (sigs.k8s.io/yaml.Unmarshal into a map): values files,
 * fromYaml, fromYamlArray. A fast path uses an injected parser (e.g. Bun.YAML.parse) when a
 * cheap scan proves the text has no plain scalar whose YAML 1.1 / Go meaning differs from a
 * YAML 1.2 core parser's; otherwise the exact path (go-yaml-decode.ts) runs.
 */
import { HcpError } from "../errors.ts";
import { isGoMap } from "../template/value.ts";
import { decodeGoYaml, GoYamlError } from "./go-yaml-decode.ts";
import { BlockScalars, isNodeStart } from "./scan.ts";

/** A YAML 1.2 core-schema parser returning plain JS data (Bun.YAML.parse satisfies it). */
export type FastYamlParser = (text: string) => unknown;

/** Options of parseYaml. */
export interface ParseYamlOptions {
  /** Named in error messages' file field (e.g. "values.yaml"). */
  readonly filename?: string;
  /** Fast YAML 1.2 parser to use when the scan proves it gives Helm's result. */
  readonly fastParse?: FastYamlParser;
}

// Plain scalars that may read differently in YAML 1.1 (Go) and YAML 1.2 core: a token at a
// place where a scalar starts (line start, after ": ", "- ", "? ", an anchor, or in a flow
// collection) that is a whole scalar (a key, or followed by the end of the value).
const CANDIDATE =
  /(?:^[ \t]*|[:?-][ \t]+|[[{,][ \t]*|&[^\s]+[ \t]+)((?:[-+]?[0-9.](?:[^\s,[\]{}#:]|:(?![\s]|$))*)|(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|~|null|Null|NULL|<<))(?=[ \t]*(?:$|[,\]}#:]))/gm;
// Constructs the fast path never takes: tags, directives, complex keys, extra documents,
// tab indentation, and escapes go-yaml rejects but YAML 1.2 parsers accept. Each pattern
// starts with a literal so the engine can skip ahead; the scalar-start context of a tag is
// checked afterwards (isNodeStart).
const UNSUPPORTED =
  /[\u0085\u2028\u2029]|[\]}][ \t]*:(?:[ \t\r\n]|$)|![!<A-Za-z0-9]|\n%|\n[ \t]*\?\s|\n(?:---|\.\.\.)\s|\n *\t|\\\/|\\u[dD][89a-fA-F]/g;
// The subset of CANDIDATE that can make go-yaml's load fail (manifest check mode).
const FAILING = /[-+]?\.(?:inf|Inf|INF|nan|NaN|NAN)|~|null|Null|NULL|<</g;
const TOKEN_END = /^[ \t]*(?:$|[\n\r,\]}#:])/;
const NULL_WORDS: ReadonlySet<string> = new Set(["~", "null", "Null", "NULL"]);
const SAFE_INT = /^[-+]?(?:0|[1-9][0-9]{0,14})$/;
const SAFE_FLOAT_VALUE = /^[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]{1,2})?$/;
const NUMBERISH =
  /^[-+]?(?:0[xX][0-9a-fA-F_]*|0[oO][0-7_]*|0[bB][01_]*|[0-9_]*\.?[0-9_]*(?:[eE][-+]?[0-9_]*)?)$/;

function isRiskyToken(tok: string, key: boolean): boolean {
  if (/^[-+]?\.(?:inf|Inf|INF|nan|NaN|NAN)$/.test(tok)) return true;
  if (!/^[-+.]?[0-9.]/.test(tok)) return true; // a YAML 1.1 word (yes, on, ~, <<, …)
  if (tok === "-0" || tok === "+0") return true;
  if (SAFE_INT.test(tok)) return tok.startsWith("0") && tok.length > 1;
  if (/^[-+]?0[0-9]/.test(tok)) return NUMBERISH.test(tok);
  if (!key && SAFE_FLOAT_VALUE.test(tok) && /[0-9]/.test(tok)) return false;
  if (tok.includes(":")) return false;
  if ((tok.match(/\./g)?.length ?? 0) >= 2) return false;
  if (/.[-+]/.test(tok.replace(/[eE][-+]/g, "e"))) return false;
  return /[0-9]/.test(tok) && NUMBERISH.test(tok);
}

function isCommentLine(text: string, index: number, end: number): boolean {
  const lineStart = text.lastIndexOf("\n", index) + 1;
  return /^[ \t]*#/.test(text.slice(lineStart, end));
}

/** Tokens that make go-yaml's load fail where a YAML 1.2 parser succeeds. */
function isFailingToken(tok: string): boolean {
  return /^[-+]?\.(?:inf|Inf|INF|nan|NaN|NAN)$/.test(tok) || NULL_WORDS.has(tok) || tok === "<<";
}

/**
 * Reports whether a YAML 1.2 core parser reads `text` exactly as Helm (go-yaml v2) does. With
 * `typing: false` it only proves that both accept or reject the text alike (enough for Helm's
 * manifest check, which reads a few string fields).
 */
export function isFastPathSafe(text: string, options: { typing?: boolean } = {}): boolean {
  const blocks = new BlockScalars(text);
  for (const m of text.matchAll(UNSUPPORTED)) {
    // go-yaml reads NEL, LS and PS as line breaks even inside block scalars.
    if (/^[\u0085\u2028\u2029]/.test(m[0])) return false;
    if (m[0].startsWith("!") && !isNodeStart(text, m.index)) continue;
    // Tags and flow keys in a full-line comment mean nothing (escapes are checked anyway: a
    // "comment" line may be the inside of a multi-line quoted scalar).
    if (!m[0].startsWith("\\") && isCommentLine(text, m.index, m.index)) continue;
    if (!blocks.contains(m[0].startsWith("\n") ? m.index + 1 : m.index)) return false;
  }
  if (text.startsWith("%") || /^[ \t]*\?\s/.test(text) || /^ *\t/.test(text)) return false;
  const typing = options.typing ?? true;
  for (const m of text.matchAll(typing ? CANDIDATE : FAILING)) {
    const tok = (typing ? m[1] : m[0]) as string;
    const end = m.index + m[0].length;
    if (!typing && (!isNodeStart(text, m.index) || !TOKEN_END.test(text.slice(end, end + 64))))
      continue;
    const key = /^[ \t]*:/.test(text.slice(end, end + 64));
    if (typing ? !isRiskyToken(tok, key) : !isFailingToken(tok)) continue;
    // null, ~ and friends mean null in both parsers; only as a key do they differ.
    if (NULL_WORDS.has(tok) && !key) continue;
    // A risky word inside a full-line comment or a block scalar cannot be a plain scalar.
    if (isCommentLine(text, m.index, end) || blocks.contains(m.index + m[0].length - tok.length))
      continue;
    return false;
  }
  return true;
}

/** The Go value sigs.k8s.io/yaml produces before the type check, or Go's error text. */
export function loadGoValue(
  text: string,
  fast: FastYamlParser | undefined,
  typing = true,
): { value: unknown } | { error: string } {
  if (fast && isFastPathSafe(text, { typing })) {
    try {
      const v = fast(text);
      if (v === null || v === undefined || isGoMap(v) || Array.isArray(v))
        return { value: v ?? null };
    } catch {
      // fall through: the exact path produces Helm's error message
    }
  }
  try {
    return { value: decodeGoYaml(text) };
  } catch (err) {
    if (err instanceof GoYamlError)
      return { error: `error converting YAML to JSON: ${err.message}` };
    throw err;
  }
}

function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return "array";
  if (typeof v === "string") return "string";
  if (typeof v === "number") return "number";
  if (typeof v === "boolean") return "bool";
  return "object";
}

/** sigs.k8s.io/yaml's error when the document is not the Go type asked for. */
export function typeError(v: unknown, goType: string): string {
  return `error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${jsonKind(v)} into Go value of type ${goType}`;
}

/**
 * Parses YAML as Helm reads values files (chartutil.ReadValues): a map, {} for an empty
 * document, numbers as float64, YAML 1.1 booleans and ints.
 * @throws HcpError YAML_INVALID with Helm's message ("error converting YAML to JSON: yaml: line 3: …").
 */
export function parseYaml(text: string, options: ParseYamlOptions = {}): Record<string, unknown> {
  const r = loadGoValue(text, options.fastParse);
  const fileOpt = options.filename === undefined ? {} : { file: options.filename };
  if ("error" in r) throw new HcpError("YAML_INVALID", r.error, fileOpt);
  if (r.value === null) return {};
  if (!isGoMap(r.value))
    throw new HcpError("YAML_INVALID", typeError(r.value, "map[string]interface {}"), fileOpt);
  return r.value;
}

/** Options of fromYaml and fromYamlArray. */
export interface FromYamlOptions {
  /** Fast YAML 1.2 parser to use when the scan proves it gives Helm's result. */
  readonly fastParse?: FastYamlParser;
}

/** Helm's fromYaml: a map, or a map holding the error under "Error". */
export function fromYaml(text: string, options: FromYamlOptions = {}): Record<string, unknown> {
  const r = loadGoValue(text, options.fastParse);
  if ("error" in r) return { Error: r.error };
  if (r.value === null) return {};
  if (!isGoMap(r.value)) return { Error: typeError(r.value, "map[string]interface {}") };
  return r.value;
}

/** Helm's fromYamlArray: a list, or a one-element list holding the error text. */
export function fromYamlArray(text: string, options: FromYamlOptions = {}): unknown[] | null {
  const r = loadGoValue(text, options.fastParse);
  if ("error" in r) return [r.error];
  if (r.value === null) return [];
  if (!Array.isArray(r.value)) return [typeError(r.value, "[]interface {}")];
  return r.value;
}
