/**
 * The function map Helm gives templates besides include/tpl/required/fail/lookup: Sprig (minus
 * env/expandenv) plus Helm's YAML/JSON converters from src/yaml. Clock and randomness are
 * injected.
 */
import { createSprigFuncs } from "../sprig/index.ts";
import { type FuncMap, goFunc } from "../template/value.ts";
import {
  type FastYamlParser,
  fromJson,
  fromJsonArray,
  fromToml,
  fromYaml,
  fromYamlArray,
  mustToJson,
  mustToYaml,
  parseYaml,
  toJson,
  toToml,
  toYaml,
  toYamlPretty,
} from "../yaml/index.ts";

export { toYaml };

/** Options of createFuncMap. */
export interface FuncMapOptions {
  readonly now: () => Date;
  readonly random: () => number;
  /** A native YAML parser for fromYaml's fast path (src/yaml decides when to trust it). */
  readonly fastYaml?: FastYamlParser;
}

const ANY = "interface {}" as const;

/** Creates Sprig + Helm's converters (Helm's funcMap()). */
export function createFuncMap(options: FuncMapOptions): FuncMap {
  const fast = options.fastYaml;
  return {
    ...createSprigFuncs({ now: options.now, random: options.random }),
    toYaml: goFunc([ANY], toYaml as never),
    mustToYaml: goFunc([ANY], mustToYaml as never, { returnsError: true }),
    toYamlPretty: goFunc([ANY], toYamlPretty as never),
    fromYaml: goFunc(["string"], (fast ? fromYamlWith(fast) : fromYaml) as never),
    fromYamlArray: goFunc(["string"], fromYamlArray as never),
    toJson: goFunc([ANY], toJson as never),
    mustToJson: goFunc([ANY], mustToJson as never, { returnsError: true }),
    fromJson: goFunc(["string"], fromJson as never),
    fromJsonArray: goFunc(["string"], fromJsonArray as never),
    toToml: goFunc([ANY], toToml as never),
    fromToml: goFunc(["string"], fromToml as never),
  };
}

const DOC_MARKER = /^(?:---|\.\.\.)(?:[ \t\r]|$)/m;

/** Helm's fromYaml with a fast parser: the map, or the error text under "Error". */
function fromYamlWith(fast: FastYamlParser): (text: string) => Record<string, unknown> {
  // A native parser reads a multi-document stream as a list of documents, while Go's
  // yaml.Unmarshal reads the first document only: such texts take the exact path.
  const single: FastYamlParser = (text) => {
    if (DOC_MARKER.test(text)) throw new Error("multi-document stream");
    return fast(text);
  };
  return (text) => {
    try {
      return parseYaml(text, { fastParse: single });
    } catch (err) {
      return { Error: err instanceof Error ? err.message : String(err) };
    }
  };
}
