/**
 * Runs the Sprig golden corpus (cases.json, rendered by reference Helm via generate.ts) through
 * hcp's template engine with createSprigFuncs, and compares outputs and error messages.
 *
 * Cases that use functions Helm replaces with its own (toJson, mustToJson, fromJson) are left
 * to the engine's corpus. Known gaps are listed in KNOWN_GAPS with the reason; the test fails if
 * any other case differs, and also if a listed gap starts passing (so the list stays honest).
 */
import { describe, expect, test } from "bun:test";
import { createFuncMap } from "../../../src/engine/funcmap.ts";
import { createSprigFuncs } from "../../../src/sprig/index.ts";
import { TemplateSet } from "../../../src/template/index.ts";
import doc from "./cases.json";
import { innermostError } from "./helm-error.ts";

interface GoldenCase {
  readonly id: string;
  readonly template: string;
  readonly want?: string;
  readonly error?: string;
}

const HELM_OVERRIDES = /\b(toJson|mustToJson|fromJson)\b/;

/** Cases hcp does not reproduce yet, each with the reason. */
const KNOWN_GAPS: Readonly<Record<string, string>> = {
  "conversion-058":
    "template parser, not Sprig: Go reports an out-of-range integer constant without 'integer overflow'",
  "dates-055":
    "GoType has no time.Time, so the engine cannot give Go's \"can't handle … for arg of type time.Time\"",
  "nasty-518": "time.Month is a named int in Go; hcp models it as a struct with String()",
  "misc-092": "DSA key generation is not implemented (hcp generates RSA, ECDSA and Ed25519 keys)",
};

type Funcs = ReturnType<typeof createSprigFuncs>;

function renderCase(c: GoldenCase, funcs: Funcs = sprigOnly()): { out?: string; error?: string } {
  const name = `golden/templates/_${c.id}.tpl`;
  const set = new TemplateSet({ funcs, missingKey: "zero" });
  try {
    set.parse(name, c.template);
    return { out: set.execute(name, { Values: structuredClone(doc.values) }) };
  } catch (err) {
    // Helm prints fail's message bare ("execution error at (…): msg"); generate.ts keeps msg.
    const msg = innermostError(`Error: ${(err as Error).message}`);
    return { error: msg.replace(/^error calling fail:\s?/, "") };
  }
}

function sprigOnly(): Funcs {
  return createSprigFuncs({ now: () => new Date(), random: Math.random });
}

const cases = (doc.cases as GoldenCase[]).filter((c) => !HELM_OVERRIDES.test(c.template));
const helmCases = (doc.cases as GoldenCase[]).filter((c) => HELM_OVERRIDES.test(c.template));

describe(`sprig corpus (${cases.length} cases from helm ${doc.helmVersion})`, () => {
  test.each(cases.map((c) => [c.id, c] as const))("%s", (_id, c) => {
    const got = renderCase(c);
    const gap = KNOWN_GAPS[c.id];
    const ok = c.error !== undefined ? got.error === c.error : got.out === c.want;
    if (gap !== undefined) {
      expect(ok, `${c.id} is listed as a known gap (${gap}) but now passes`).toBe(false);
      return;
    }
    if (c.error !== undefined) expect({ template: c.template, error: got.error }).toEqual({ template: c.template, error: c.error });
    else expect({ template: c.template, out: got.out }).toEqual({ template: c.template, out: c.want });
  });
});

describe(`sprig corpus cases using Helm's own toJson/fromJson, through engine's function map (${helmCases.length})`, () => {
  for (const c of helmCases) {
    const gap = KNOWN_GAPS[c.id];
    if (gap !== undefined) {
      test.skip(`${c.id} (known gap: ${gap})`, () => {});
      continue;
    }
    test(c.id, () => {
      const got = renderCase(c, createFuncMap({ now: () => new Date(), random: Math.random }));
      if (c.error !== undefined) expect(got.error).toBe(c.error);
      else expect(got.out).toBe(c.want);
    });
  }
});
