import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import { isNilSlice } from "../template/value.ts";
import { compileGoRegexp, findAllMatches, quoteMeta, replaceAllGo, splitGo } from "./go-regexp.ts";

const REGEX_CHARS = fc.constantFrom(..."ab()[]{}*+?|^$.\\-:,=!<>PpdswQEx019AzbBUims".split(""));

describe("Go regexp translation", () => {
  test("any pattern either compiles or fails with Go's 'error parsing regexp' prefix", () => {
    fc.assert(
      fc.property(
        fc.array(REGEX_CHARS, { maxLength: 12 }).map((cs) => cs.join("")),
        (src) => {
          try {
            compileGoRegexp(src);
          } catch (err) {
            expect((err as Error).message).toStartWith("error parsing regexp: ");
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  test("QuoteMeta output matches its input literally", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (s) => {
        const r = compileGoRegexp(`^${quoteMeta(s)}$`);
        expect(findAllMatches(r, s, -1).length).toBe(1);
      }),
    );
  });

  test.each([
    ["a*", "baaac", -1, ["", "aaa", ""]],
    ["", "abc", -1, ["", "", "", ""]],
    ["x*", "日本", -1, ["", "", ""]],
  ])("FindAll(%p, %p) drops empty matches next to a match", (re, s, n, want) => {
    expect(findAllMatches(compileGoRegexp(re), s, n).map((m) => m[0])).toEqual(want);
  });

  test.each([
    ["a(x*)b", "-ab-axxb-", "$1W", "---"],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Go's ${1} template syntax
    ["a(x*)b", "-ab-axxb-", "${1}W", "-W-xxW-"],
    ["(?P<n>x+)", "axxb", "[$n]", "a[xx]b"],
    ["a*", "baaac", "-", "-b-c-"],
  ])("ReplaceAll(%p, %p, %p) uses Go's template rules", (re, s, repl, want) => {
    expect(replaceAllGo(compileGoRegexp(re), s, repl, false)).toBe(want);
  });

  test("Split follows Go on empty input and n", () => {
    expect(splitGo(compileGoRegexp("a"), "", -1)).toEqual([""]);
    // n = 0: Go returns a nil slice (toJson null).
    expect(isNilSlice(splitGo(compileGoRegexp("z+"), "pizza", 0))).toBe(true);
    expect(splitGo(compileGoRegexp(","), "a,b,c", 2)).toEqual(["a", "b,c"]);
  });
});
