/**
 * Runs the engine over the golden corpus recorded from reference Helm (cases.json, made by
 * generate.ts): every case must reproduce Helm's output or Go's error message byte for byte.
 */
import { describe, expect, test } from "bun:test";
import { TemplateSet, typedMap } from "../../../src/template/index.ts";
import corpus from "./cases.json" with { type: "json" };

interface GoldenCase {
  readonly name: string;
  readonly template: string;
  readonly file: string;
  readonly want?: string;
  readonly error?: string;
}

/** Renders one case as Helm did: the case file executed with `.Values` as dot. */
export function renderCase(c: GoldenCase, values: unknown): { out?: string; error?: string } {
  const set = new TemplateSet({ missingKey: "zero" });
  try {
    set.parse(c.file, c.template);
    return { out: set.execute(c.file, values) };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * Helm prints a parse error as `parse error at (NAME:LINE): LAST` keeping only the last
 * ": "-separated part of Go's message; the corpus records that form for parse errors.
 */
function toHelmParseForm(goMessage: string): string {
  const m = /^template: ([^:]*:\d+): ([\s\S]*)$/.exec(goMessage);
  if (m === null) return goMessage;
  return `parse error at (${m[1]}): ${m[2]!.split(": ").pop()}`;
}

/** Helm passes `.Values` as common.Values (a named map type); %T and errors show that name. */
const values = typedMap(structuredClone(corpus.values) as Record<string, unknown>, "common.Values");

describe(`template corpus from helm ${corpus.helmVersion}`, () => {
  const cases = corpus.cases as GoldenCase[];
  for (const c of cases) {
    test(c.name, () => {
      const got = renderCase(c, values);
      if (c.error?.startsWith("parse error at (")) {
        const shown = got.error ?? `no error; output ${JSON.stringify(got.out)}`;
        expect({ error: toHelmParseForm(shown) }).toEqual({ error: c.error });
      } else if (c.error !== undefined) {
        // Helm's multi-line error form trims trailing spaces (Go's "range can't iterate over ").
        expect({ error: got.error?.trimEnd() }).toEqual({ error: c.error });
      } else {
        expect(got).toEqual({ out: c.want ?? "" });
      }
    });
  }
});
