/**
 * Loading YAML the way Helm does (sigs.k8s.io/yaml.Unmarshal into a map): values files,
 * fromYaml, fromYamlArray. A fast path uses an injected parser (e.g. Bun.YAML.parse) when a
 * cheap scan proves the text has no plain scalar whose YAML 1.1 / Go meaning differs from a
 * YAML 1.2 core parser's; otherwise the exact path (go-yaml-decode.ts) runs.
 */
import { HcpError } from "../errors.ts";
import { isGoMap } from "../template/value.ts";
import { decodeGoYaml, GoYamlError } from "./go-yaml-decode.ts";

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
// tab indentation, and escapes go-yaml rejects but YAML 1.2 parsers accept.
const UNSUPPORTED =
  /(?:^[ \t]*|[:?-][ \t]+|[[{,][ \t]*)![!<A-Za-z0-9]|^%|^[ \t]*\?(?:\s|$)|\n(?:---|\.\.\.)(?:\s|$)|^[ ]*\t|\\\/|\\u[dD][89a-fA-F]/m;
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
  if (UNSUPPORTED.test(text)) return false;
  const typing = options.typing ?? true;
  for (const m of text.matchAll(CANDIDATE)) {
    const tok = m[1] as string;
    const key = /^[ \t]*:/.test(text.slice(m.index + m[0].length, m.index + m[0].length + 64));
    if (typing ? !isRiskyToken(tok, key) : !isFailingToken(tok)) continue;
    // null, ~ and friends mean null in both parsers; only as a key do they differ.
    if (NULL_WORDS.has(tok) && !key) continue;
    // A risky word inside a full-line comment cannot be a plain scalar.
    const lineStart = text.lastIndexOf("\n", m.index) + 1;
    if (/^[ \t]*#/.test(text.slice(lineStart, m.index + m[0].length))) continue;
    return false;
  }
  return true;
}

function normalizeFast(v: unknown): unknown {
  if (typeof v === "number" && !Number.isFinite(v)) throw new Error("non-finite number");
  if (Array.isArray(v)) return v.map(normalizeFast);
  if (v !== null && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v))
      Object.defineProperty(out, k, {
        value: normalizeFast((v as Record<string, unknown>)[k]),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return out;
  }
  return v;
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
        return { value: normalizeFast(v ?? null) };
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

/** Helm's fromYaml: a map, or a map holding the error under "Error". */
export function fromYaml(text: string): Record<string, unknown> {
  const r = loadGoValue(text, undefined);
  if ("error" in r) return { Error: r.error };
  if (r.value === null) return {};
  if (!isGoMap(r.value)) return { Error: typeError(r.value, "map[string]interface {}") };
  return r.value;
}

/** Helm's fromYamlArray: a list, or a one-element list holding the error text. */
export function fromYamlArray(text: string): unknown[] | null {
  const r = loadGoValue(text, undefined);
  if ("error" in r) return [r.error];
  if (r.value === null) return [];
  if (!Array.isArray(r.value)) return [typeError(r.value, "[]interface {}")];
  return r.value;
}
