import { describe, expect, test } from "bun:test";
import { mergeInto } from "./dicts.ts";

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
