import { describe, expect, test } from "bun:test";
import { wrapCustom } from "./strings.ts";

describe("goutils wrap", () => {
  test("breaks at spaces and keeps long words unless asked", () => {
    expect(wrapCustom("Hello World how are you", 5, "", false)).toBe("Hello\nWorld\nhow\nare\nyou");
    expect(wrapCustom("abcdefgh ij", 3, "|", true)).toBe("abc|def|gh|ij");
  });
});
