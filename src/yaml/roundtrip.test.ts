import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import { fromYaml, isFastPathSafe, parseYaml, toJson, toYaml, toYamlPretty } from "./index.ts";

// "<<" is left out on purpose: Helm writes it plain and reads it back as a merge key.
// Characters that stress quoting: indicators, spaces, breaks, YAML 1.1 words' letters, digits.
// U+2028/U+2029 are left out: go-yaml reads them as line breaks, our exact path does not.
const CHARS = [..."abyYnNoOeE019.-+_:#&*!|>'\"%@`,[]{}? \t\n\\~<=", "é", "日", "😀", "\u00a0"];
const text = fc.array(fc.constantFrom(...CHARS), { maxLength: 12 }).map((cs) => cs.join(""));
const word = fc
  .oneof(
    text,
    fc.constantFrom(
      "yes",
      "No",
      "on",
      "OFF",
      "y",
      "n",
      "~",
      "null",
      "true",
      "0777",
      "0x1F",
      "1e3",
      "1_000",
      "1:20",
      "2020-01-01",
      ".inf",
      "-0",
      "+12",
    ),
    fc
      .string({ maxLength: 100 })
      .map((s) =>
        s.replace(/[\u0000-\u001f\u007f-\u009f\ud800-\udfff\u2028\u2029\ufeff\ufffe\uffff]/g, ""),
      ),
  )
  .filter((s) => s !== "<<");
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: "small" },
    word,
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("node"), { maxLength: 4 }),
    fc.dictionary(word, tie("node"), { maxKeys: 4 }),
  ),
})).node;

/** The value Helm reads back: JSON's view, with -0 written by go-yaml as the int 0. */
function helmView(v: unknown): string {
  return toJson(JSON.parse(toJson(v), (_k, x) => (Object.is(x, -0) ? 0 : x)));
}

describe("toYaml() output reads back as the same value (Helm's fromYaml)", () => {
  test("property: fromYaml(toYaml(v)) == v through JSON", () => {
    fc.assert(
      fc.property(fc.dictionary(word, value, { maxKeys: 5 }), (v) => {
        // Helm trims the final newline, which can empty a trailing `|+` scalar: read it untrimmed.
        const y = `${toYaml(v)}\n`;
        expect(toJson(fromYaml(y))).toBe(helmView(v));
      }),
      { numRuns: 300 },
    );
  });

  test("property: toYamlPretty output reads back too", () => {
    fc.assert(
      fc.property(fc.dictionary(word, value, { maxKeys: 5 }), (v) => {
        const y = toYamlPretty(v);
        // go-yaml itself refuses some block scalars whose blank lines hold a tab (Helm cannot
        // read those back either; block-tabs.test.ts pins them to Helm's answers).
        fc.pre(!/^ *\t[ \t]*$/m.test(y));
        expect(toJson(fromYaml(`${y}\n`))).toBe(helmView(v));
      }),
      { numRuns: 200 },
    );
  });

  test("property: the fast path, when it claims safety, agrees with the exact path", () => {
    const fast = { fastParse: (t: string) => Bun.YAML.parse(t) };
    fc.assert(
      fc.property(fc.dictionary(word, value, { maxKeys: 5 }), (v) => {
        for (const y of [toYaml(v), toYamlPretty(v)]) {
          if (!isFastPathSafe(y)) continue;
          expect(toJson(parseYaml(y, fast))).toBe(toJson(parseYaml(y)));
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("isFastPathSafe() on generated YAML texts", () => {
  const scalar = fc.constantFrom(
    "yes",
    "no",
    "On",
    "y",
    "n",
    "~",
    "null",
    "NULL",
    "true",
    "False",
    "0777",
    "0o17",
    "0O17",
    "0b101",
    "0x1F",
    "0X1F",
    "1_000",
    "+12",
    "-0",
    "-0.0",
    "1e3",
    "1.5",
    "1.0",
    ".5",
    "1.",
    "1e400",
    "12345678901234567890",
    "1:20",
    "2020-01-01",
    ".inf",
    "-.Inf",
    ".nan",
    "08",
    "010",
    "v1.2",
    "1.2.3",
    "10d",
    "0755",
    "abc",
    "a b",
    "'yes'",
    '"0777"',
    '"\\/"',
    "x # yes",
    "[yes, 0777]",
    "{a: on}",
    "&a yes",
    "*a",
    "!!str 0777",
    "<<",
    "|\n  yes\n  0777",
    ">-\n  on\n  off",
    "",
  );
  const key = fc.constantFrom(
    "a",
    "b",
    "y",
    "n",
    "yes",
    "on",
    "1",
    "1.0",
    "1.5",
    "0x10",
    "~",
    "null",
    "true",
    "k1",
    "1e3",
    "12345678901234567890",
  );
  const doc = fc
    .array(fc.tuple(key, scalar, fc.boolean()), { minLength: 1, maxLength: 6 })
    .map((lines) =>
      lines
        .map(([k, v, nested], i) =>
          nested ? `m${i}:\n  ${k}: ${v.replaceAll("\n", "\n  ")}` : `${k}${i}: ${v}`,
        )
        .join("\n")
        .concat("\n"),
    );
  test("property: with the fast parser (and its rewrites) parseYaml gives the exact path's result", () => {
    const fast = (t: string) => Bun.YAML.parse(t);
    fc.assert(
      fc.property(doc, (text) => {
        let exact: string;
        try {
          exact = toJson(parseYaml(text));
        } catch (err) {
          // Where Helm fails, the fast path must fail the same way.
          expect(() => parseYaml(text, { fastParse: fast })).toThrow((err as Error).message);
          return;
        }
        expect(toJson(parseYaml(text, { fastParse: fast }))).toBe(exact);
      }),
      { numRuns: 2000 },
    );
  });
});
