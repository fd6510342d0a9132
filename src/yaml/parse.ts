/**
 * Loading YAML the way Helm does (sigs.k8s.io/yaml.Unmarshal into a map): values files,
 * fromYaml, fromYamlArray. A fast path uses an injected parser (e.g. Bun.YAML.parse) when a
 * cheap scan proves the text has no plain scalar whose YAML 1.1 / Go meaning differs from a
 * YAML 1.2 core parser's, after respelling the risky ones it can (planFastPath); otherwise
 * the exact path (go-yaml-decode.ts) runs.
 */
import { HcpError } from "../errors.ts";
import { isGoMap } from "../template/value.ts";
import { formatFloatG } from "./go-float.ts";
import { decodeGoYaml, GoYamlError } from "./go-yaml-decode.ts";
import { resolvePlain } from "./resolve.ts";
import { BlockScalars, isNodeStart, QuotedScalars } from "./scan.ts";

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
/** Longest line libyaml accepts as a simple key. */
const MAX_SIMPLE_KEY_LINE = 1024;
// `key: value` with a short plain key and a plain or quoted value (a certificate, a token):
// the only simple key is the short one, and the value starts past the indentation, so
// libyaml's 1024-character limit never applies (flow values are left to the exact path).
const LONG_VALUE_LINE = /^ *(?:- +)*[A-Za-z0-9_./-]{1,128}: +[A-Za-z0-9"'/+=._$~(]/;

function isLongValueLine(text: string, start: number, end: number): boolean {
  if (!LONG_VALUE_LINE.test(text.slice(start, start + 256))) return false;
  const cr = text.indexOf("\r", start);
  return cr === -1 || cr >= end - 1;
}
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

/** Options of planFastPath and isFastPathSafe. */
export interface FastPathOptions {
  /** false: only prove that both parsers accept or reject alike (the manifest check). */
  readonly typing?: boolean;
  /** Rewrite risky plain scalars to YAML 1.2 spellings of Go's value (default true). */
  readonly rewrite?: boolean;
}

/**
 * A YAML 1.2 spelling of the value go-yaml gives a risky plain scalar (`0644` → `420`,
 * `yes` → `true`, key `0x10` → `"16"`), or undefined when only the exact path can say.
 */
function rewriteToken(tok: string, key: boolean): string | undefined {
  const r = resolvePlain(tok);
  if (key) {
    switch (r.kind) {
      case "null":
      case "merge":
        return undefined;
      case "bool":
        return JSON.stringify(String(r.value));
      case "int":
        return JSON.stringify(r.value.toString());
      case "float":
        return JSON.stringify(formatFloatG(r.value));
      default:
        return JSON.stringify(tok);
    }
  }
  switch (r.kind) {
    case "null":
      return "null";
    case "bool":
      return String(r.value);
    case "int":
      return r.value.toString();
    case "float":
      if (!Number.isFinite(r.value)) return undefined;
      return Object.is(r.value, -0) ? "-0.0" : String(r.value);
    case "merge":
      return undefined;
    default:
      return JSON.stringify(tok);
  }
}

function lineIndentAt(text: string, index: number): number {
  let i = text.lastIndexOf("\n", index - 1) + 1;
  const start = i;
  while (text.charCodeAt(i) === 0x20) i++;
  return i - start;
}

/** Reports whether a plain scalar ending at `end` may go on over the next line. */
function mayContinue(text: string, end: number): boolean {
  let i = end;
  while (text[i] === " " || text[i] === "\t") i++;
  if (i < text.length && text[i] !== "\n" && text[i] !== "\r") return false; // , ] } # follow
  const indent = lineIndentAt(text, end);
  for (let next = text.indexOf("\n", i); next !== -1; next = text.indexOf("\n", next + 1)) {
    let k = next + 1;
    while (text[k] === " ") k++;
    const c = text[k];
    if (c === undefined) return false;
    if (c === "\n" || c === "\r") continue;
    if (c === "#") return false;
    return k - (next + 1) > indent;
  }
  return false;
}

const COMMENTS_ONLY = /^(?:[ \t]*(?:#[^\n]*)?\n)*[ \t]*(?:#[^\n]*)?$/;
const MARKER_LINE = /---[ \t]*(?:#[^\n]*)?(?:\n|$)/y;

/** Whether the "---" line at `lineStart` opens the first document (only comments before it). */
function opensFirstDocument(text: string, lineStart: number): boolean {
  MARKER_LINE.lastIndex = lineStart;
  return MARKER_LINE.test(text) && COMMENTS_ONLY.test(text.slice(0, lineStart));
}

/**
 * Plans the fast path for `text`: the text to give a YAML 1.2 core parser (with risky plain
 * scalars respelled so it yields exactly go-yaml's values), or undefined when only the exact
 * path can read it like Helm (tags, directives, complex or null keys, .inf, extra documents,
 * tab indentation, escapes go-yaml rejects, scalars that may continue over lines, …).
 */
export function planFastPath(text: string, options: FastPathOptions = {}): string | undefined {
  const blocks = new BlockScalars(text);
  const typing = options.typing ?? true;
  let quotedEarly: QuotedScalars | undefined;
  for (const m of text.matchAll(UNSUPPORTED)) {
    // go-yaml reads NEL, LS and PS as line breaks even inside block scalars.
    if (/^[\u0085\u2028\u2029]/.test(m[0])) return undefined;
    // A "---" after nothing but comments starts the first (only) document, as in upstream CRD
    // files (`# https://…` then `---`): both parsers read the same single document.
    if (m[0].startsWith("\n---") && opensFirstDocument(text, m.index + 1)) continue;
    if (m[0].startsWith("!") && !isNodeStart(text, m.index)) continue;
    // Tags and flow keys in a full-line comment mean nothing (escapes are checked anyway: a
    // "comment" line may be the inside of a multi-line quoted scalar).
    if (!m[0].startsWith("\\") && isCommentLine(text, m.index, m.index)) continue;
    if (blocks.contains(m[0].startsWith("\n") ? m.index + 1 : m.index)) continue;
    // The manifest check only needs both parsers to accept or reject alike: a line starting
    // with "? " inside a quoted scalar is text to both (CRD validation rules, e.g.
    // argo-workflows', wrap "… ? 1 : 0" over lines).
    if (!typing && /^\n[ \t]*\?/.test(m[0])) {
      quotedEarly ??= new QuotedScalars(text, blocks);
      if (quotedEarly.contains(m.index + m[0].indexOf("?"))) continue;
    }
    return undefined;
  }
  if (text.startsWith("%") || /^[ \t]*\?\s/.test(text) || /^ *\t/.test(text)) return undefined;
  // A blank line holding a tab: inside a block scalar go-yaml refuses it before the block's
  // indentation is known or reached, which a YAML 1.2 parser does not check.
  if (text.includes("\t") && /^ *\t[ \t]*\r?$/m.test(text)) return undefined;
  // libyaml gives up on simple keys longer than 1024 characters: any line that long outside a
  // block scalar takes the exact path.
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf("\n", start);
    if (end === -1) end = text.length;
    if (end - start > MAX_SIMPLE_KEY_LINE && !isLongValueLine(text, start, end)) {
      if (!blocks.contains(start)) return undefined;
      // A lone CR also starts a line for the scanner's purposes here.
      for (
        let cr = text.indexOf("\r", start);
        cr !== -1 && cr < end;
        cr = text.indexOf("\r", cr + 1)
      )
        if (end - cr - 1 > MAX_SIMPLE_KEY_LINE && !blocks.contains(cr + 1)) return undefined;
    }
    start = end + 1;
  }
  const rewrite = options.rewrite ?? true;
  let quoted: QuotedScalars | undefined = quotedEarly;
  let out = "";
  let last = 0;
  for (const m of text.matchAll(typing ? CANDIDATE : FAILING)) {
    const tok = (typing ? m[1] : m[0]) as string;
    const end = m.index + m[0].length;
    const start = end - tok.length;
    if (!typing && (!isNodeStart(text, m.index) || !TOKEN_END.test(text.slice(end, end + 64))))
      continue;
    const key = /^[ \t]*:/.test(text.slice(end, end + 64));
    if (typing ? !isRiskyToken(tok, key) : !isFailingToken(tok)) continue;
    // null, ~ and friends mean null in both parsers; only as a key do they differ.
    if (NULL_WORDS.has(tok) && !key) continue;
    // A risky word inside a full-line comment or a block scalar cannot be a plain scalar.
    if (isCommentLine(text, m.index, end) || blocks.contains(start)) continue;
    if (!typing || !rewrite) return undefined;
    quoted ??= new QuotedScalars(text, blocks);
    if (quoted.contains(start)) continue;
    const replacement = rewriteToken(tok, key);
    if (replacement === undefined) return undefined;
    if (!key) {
      // A value alone on its line may be the continuation of a multi-line plain scalar, and a
      // value ending its line may continue on the next one: only the exact path knows.
      if (/^[ \t]*$/.test(m[0].slice(0, m[0].length - tok.length))) return undefined;
      if (mayContinue(text, end)) return undefined;
    }
    out += text.slice(last, start) + replacement;
    last = end;
  }
  return last === 0 ? text : out + text.slice(last);
}

/**
 * Reports whether a YAML 1.2 core parser reads `text` exactly as Helm (go-yaml v2) does, as is.
 * With `typing: false` it only proves that both accept or reject the text alike.
 */
export function isFastPathSafe(text: string, options: { typing?: boolean } = {}): boolean {
  return planFastPath(text, { ...options, rewrite: false }) !== undefined;
}

/** The fast parser's reading of `text` when the plan proves it is Helm's, else undefined. */
function tryFastPath(
  text: string,
  fast: FastYamlParser,
  typing: boolean,
): { value: unknown } | undefined {
  const planned = planFastPath(text, { typing });
  if (planned === undefined) return undefined;
  try {
    const v = fast(planned);
    if (v === null || v === undefined || isGoMap(v) || Array.isArray(v))
      return { value: v ?? null };
  } catch {
    // the exact path produces Helm's error message
  }
  return undefined;
}

function loadExact(text: string): { value: unknown } | { error: string } {
  try {
    return { value: decodeGoYaml(text) };
  } catch (err) {
    if (err instanceof GoYamlError)
      return { error: `error converting YAML to JSON: ${err.message}` };
    throw err;
  }
}

/** The Go value sigs.k8s.io/yaml produces before the type check, or Go's error text. */
export function loadGoValue(
  text: string,
  fast: FastYamlParser | undefined,
  typing = true,
): { value: unknown } | { error: string } {
  return (fast && tryFastPath(text, fast, typing)) || loadExact(text);
}

const DOC_MARKERS = /^(?:---|\.\.\.)(?:[ \t\r]|$)/gm;

/** Whether the text's only document marker, if any, opens its first document. */
function onlyFirstDocumentMarker(body: string): boolean {
  for (const m of body.matchAll(DOC_MARKERS)) if (!opensFirstDocument(body, m.index)) return false;
  return true;
}
// A document marker ending the text, followed by nothing but white space.
const FINAL_MARKER = /\n(?:---|\.\.\.)[ \t\r\n]*$/;

/**
 * loadGoValue for yaml.Unmarshal, which reads the first document of a stream. A native parser
 * reads every document, so only a text whose sole marker ends it (a template ending in `---`,
 * as bitnami's do) takes the fast path, minus that marker: go-yaml stops there without looking
 * further. Anything else, and every error, goes through the exact path with the whole text.
 */
function loadFirstDocument(
  text: string,
  fast: FastYamlParser | undefined,
): { value: unknown } | { error: string } {
  if (fast) {
    const end = FINAL_MARKER.exec(text);
    const body = end ? text.slice(0, end.index + 1) : text;
    if (onlyFirstDocumentMarker(body)) {
      const r = tryFastPath(body, fast, true);
      if (r) return r;
    }
  }
  return loadExact(text);
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
  const r = loadFirstDocument(text, options.fastParse);
  if ("error" in r) return { Error: r.error };
  if (r.value === null) return {};
  if (!isGoMap(r.value)) return { Error: typeError(r.value, "map[string]interface {}") };
  return r.value;
}

/** Helm's fromYamlArray: a list, or a one-element list holding the error text. */
export function fromYamlArray(text: string, options: FromYamlOptions = {}): unknown[] | null {
  const r = loadFirstDocument(text, options.fastParse);
  if ("error" in r) return [r.error];
  if (r.value === null) return [];
  if (!Array.isArray(r.value)) return [typeError(r.value, "[]interface {}")];
  return r.value;
}
