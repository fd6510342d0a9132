/**
 * The function map Helm gives templates besides include/tpl/required/fail/lookup: Sprig (minus
 * env/expandenv) plus Helm's YAML/JSON converters from src/yaml. Clock and randomness are
 * injected.
 */
import { createSprigFuncs, type HexDigest } from "../sprig/index.ts";
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
  /** sha1sum/sha256sum/sha512sum's hash; default node:crypto. */
  readonly digest?: HexDigest;
  /** RSA keys from the platform's generator (see SprigOptions.nativeRsa). */
  readonly nativeRsa?: boolean;
}

const ANY = "interface {}" as const;

/** Creates Sprig + Helm's converters (Helm's funcMap()). */
export function createFuncMap(options: FuncMapOptions): FuncMap {
  const fast = options.fastYaml;
  return {
    ...createSprigFuncs({
      now: options.now,
      random: options.random,
      ...(options.digest ? { digest: options.digest } : {}),
      ...(options.nativeRsa ? { nativeRsa: true } : {}),
    }),
    toYaml: goFunc([ANY], toYaml as never),
    mustToYaml: goFunc([ANY], mustToYaml as never, { returnsError: true }),
    toYamlPretty: goFunc([ANY], toYamlPretty as never),
    fromYaml: goFunc(["string"], ((text: string) =>
      fromYaml(text, fast ? { fastParse: fast } : {})) as never),
    fromYamlArray: goFunc(["string"], ((text: string) =>
      fromYamlArray(text, fast ? { fastParse: fast } : {})) as never),
    toJson: goFunc([ANY], toJson as never),
    mustToJson: goFunc([ANY], mustToJson as never, { returnsError: true }),
    fromJson: goFunc(["string"], fromJson as never),
    fromJsonArray: goFunc(["string"], fromJsonArray as never),
    toToml: goFunc([ANY], toToml as never),
    fromToml: goFunc(["string"], fromToml as never),
  };
}
