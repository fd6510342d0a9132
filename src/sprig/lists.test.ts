import { describe, expect, test } from "bun:test";
import { goInt } from "../template/value.ts";
import { camelToLower, toPascalCase } from "./case.ts";
import { mergeInto } from "./dicts.ts";
import { untilStep } from "./lists.ts";
import { wrapCustom } from "./strings.ts";

describe("untilStep", () => {
  test.each([
    [0, 5, 2, [0, 2, 4]],
    [5, 0, -2, [5, 3, 1]],
    [0, 5, -1, []],
    [5, 0, 1, []],
    [0, 5, 0, []],
  ])("untilStep(%p, %p, %p)", (a, b, s, want) => {
    expect(untilStep(a, b, s).map((x) => Number(x.value))).toEqual(want);
    expect(untilStep(a, b, s).every((x) => x.kind === goInt(0).kind)).toBe(true);
  });
  test("refuses lists beyond hcp's limit instead of exhausting memory", () => {
    expect(() => untilStep(0, 1e9, 1)).toThrow("untilStep: 1000000000 elements exceed hcp's limit");
  });
});

describe("mergeInto (mergo)", () => {
  test("fills empty and missing values, keeps set ones, merges maps deeply", () => {
    const dst: Record<string, unknown> = { a: 0, b: "x", c: { d: 1 }, e: [1] };
    mergeInto(dst, { a: 5, b: "y", c: { d: 2, f: 3 }, e: [2], g: null }, false);
    expect(dst).toEqual({ a: 5, b: "x", c: { d: 1, f: 3 }, e: [1] });
  });
  test("with overwrite, source values win, nil included", () => {
    const dst: Record<string, unknown> = { a: 1, c: { d: 1 }, e: [1] };
    mergeInto(dst, { a: 0, c: { d: 2 }, e: [], g: null }, true);
    expect(dst).toEqual({ a: 0, c: { d: 2 }, e: [], g: null });
  });
});

describe("xstrings case conversion", () => {
  test.each([
    ["FirstName", "first_name"],
    ["HTTPServer", "http_server"],
    ["version2Point0", "version2_point0"],
  ])("snakecase %p", (s, want) => {
    expect(camelToLower(s, "_")).toBe(want);
  });
  test.each([
    ["http_server", "HttpServer"],
    ["FOO_BAR", "FooBar"],
    ["__a__b__", "__A_B__"],
    ["-", "--"],
  ])("camelcase %p", (s, want) => {
    expect(toPascalCase(s)).toBe(want);
  });
});

describe("goutils wrap", () => {
  test("breaks at spaces and keeps long words unless asked", () => {
    expect(wrapCustom("Hello World how are you", 5, "", false)).toBe("Hello\nWorld\nhow\nare\nyou");
    expect(wrapCustom("abcdefgh ij", 3, "|", true)).toBe("abc|def|gh|ij");
  });
});
