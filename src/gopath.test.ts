import { describe, expect, test } from "bun:test";
import { cleanPath } from "./gopath.ts";

describe("cleanPath()", () => {
  test.each([
    ["a/b/../c", "a/c"],
    ["./a//b/", "a/b"],
    ["../a", "../a"],
    ["", "."],
    ["/a/../..", "/"],
  ])("%s → %s", (input, want) => {
    expect(cleanPath(input)).toBe(want);
  });
});
