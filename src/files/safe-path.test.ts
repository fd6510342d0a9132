import { expect, test } from "bun:test";
import { isHcpError } from "../errors.ts";
import { checkEntryName } from "./safe-path.ts";

test.each<{ input: string; want: string[] }>([
  { input: "a/b.txt", want: ["a", "b.txt"] },
  { input: "./a//b/", want: ["a", "b"] },
  { input: "a\\b", want: ["a", "b"] },
  { input: "..a/b..", want: ["..a", "b.."] },
])("checkEntryName($input) → $want", ({ input, want }) => {
  expect(checkEntryName(input)).toEqual(want);
});

test.each([
  { input: "../x", why: "path contains '..', which is illegal" },
  { input: "a/../../x", why: "path contains '..', which is illegal" },
  { input: "a\\..\\x", why: "path contains '..', which is illegal" },
  { input: "/etc/passwd", why: "path is absolute, which is illegal" },
  { input: "\\etc\\passwd", why: "path is absolute, which is illegal" },
  { input: "C:/x", why: "path contains ':', which is illegal" },
  { input: "a\0b", why: "path contains a NUL byte, which is illegal" },
  { input: ".", why: "path is empty, which is illegal" },
])("checkEntryName($input) refuses: $why", ({ input, why }) => {
  let caught: unknown;
  try {
    checkEntryName(input);
  } catch (err) {
    caught = err;
  }
  expect(isHcpError(caught, "FILES_UNSAFE_PATH")).toBe(true);
  expect((caught as Error).message.startsWith(why)).toBe(true);
});
