import { describe, expect, test } from "bun:test";
import { camelToLower, toPascalCase } from "./case.ts";

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
