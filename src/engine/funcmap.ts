/**
 * The function map Helm gives templates besides include/tpl/required/fail/lookup: Sprig (minus
 * env/expandenv) plus Helm's YAML/JSON/TOML converters. Clock and randomness are injected.
 */
import { parseDocument, stringify } from "yaml";
import { createSprigFuncs } from "../sprig/index.ts";
import { type FuncMap, goFunc } from "../template/value.ts";

/** Options of createFuncMap. */
export interface FuncMapOptions {
  readonly now: () => Date;
  readonly random: () => number;
}

/** Helm's toYAML (sigs.k8s.io/yaml Marshal without the final newline). */
export function toYaml(v: unknown): string {
  if (v === null || v === undefined) return "null";
  return stringify(toPlain(v), { lineWidth: 0, sortMapEntries: true }).replace(/\n$/, "");
}

function toPlain(v: unknown): unknown {
  if (typeof v === "bigint") return Number(v);
  if (Array.isArray(v)) return v.map(toPlain);
  if (v !== null && typeof v === "object") {
    if (v instanceof Uint8Array) return btoa(String.fromCharCode(...v));
    if ("value" in v && "kind" in v) return Number((v as { value: bigint }).value);
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = toPlain(x);
    return out;
  }
  return v;
}

/** Creates Sprig + Helm's converters. */
export function createFuncMap(options: FuncMapOptions): FuncMap {
  return {
    ...createSprigFuncs({ now: options.now, random: options.random }),
    toYaml: goFunc(["interface {}"], toYaml as never),
    fromYaml: goFunc(["string"], ((s: string) => {
      try {
        return (parseDocument(s).toJS() as unknown) ?? {};
      } catch (err) {
        return { Error: String(err) };
      }
    }) as never),
  };
}
