import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import { compileMatch, compileMatcher } from "./match.ts";

describe("compileMatcher", () => {
  test("agrees with the regular expression for literal, *suffix, prefix* and prefix?* patterns", () => {
    const part = fc.constantFrom("a", "b", ".", "/", "x.y", "~", "é", "");
    const name = fc.array(part, { maxLength: 5 }).map((a) => a.join(""));
    const pattern = fc.tuple(fc.constantFrom("", "*"), name, fc.constantFrom("", "*", "?*"));
    fc.assert(
      fc.property(pattern, name, ([pre, body, post], subject) => {
        const p = `${pre}${body}${post}`;
        expect(compileMatcher(p)(subject)).toBe(compileMatch(p).test(subject));
      }),
      { numRuns: 3000 },
    );
  });

  test("falls back to the regular expression for other patterns", () => {
    expect(compileMatcher("a?c")("abc")).toBe(true);
    expect(compileMatcher("[a-c]x")("bx")).toBe(true);
    expect(compileMatcher("*.y*")("a.yaml")).toBe(true);
    expect(compileMatcher("*")("a/b")).toBe(false);
    expect(() => compileMatcher("[")).toThrow("syntax error in pattern");
  });
});
