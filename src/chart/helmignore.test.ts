import { describe, expect, test } from "bun:test";
import { parseHelmIgnore } from "./helmignore.ts";

describe("parseHelmIgnore()", () => {
  const rules = parseHelmIgnore(
    ["# comment", "*.swp", "ci/", "/top.txt", "docs/*.md", "!keep.swp", ""].join("\n"),
  );
  test.each([
    { path: "a/b/file.swp", dir: false, want: true },
    { path: "keep.swp", dir: false, want: true },
    { path: "ci", dir: true, want: true },
    { path: "ci", dir: false, want: true },
    { path: "top.txt", dir: false, want: true },
    { path: "sub/top.txt", dir: false, want: true },
    { path: "docs/a.md", dir: false, want: true },
    { path: "docs/deep/a.md", dir: false, want: true },
    { path: "templates/.hidden", dir: false, want: true },
    { path: "templates/ok.yaml", dir: false, want: true },
    { path: "values.yaml", dir: false, want: true },
  ])("$path (dir=$dir) ignored=$want", ({ path, dir, want }) => {
    // A negated rule ignores everything that does not match it (Helm's quirk), so with
    // "!keep.swp" in the file every non-matching path is ignored.
    expect(rules.ignore(path, dir)).toBe(want);
  });

  test("without negations only matching paths are ignored", () => {
    const r = parseHelmIgnore("*.tmp\n.git/\n/root-only.txt\nsecret/*.key\n");
    expect(r.ignore("x.tmp", false)).toBe(true);
    expect(r.ignore("a/x.tmp", false)).toBe(true);
    expect(r.ignore(".git", true)).toBe(true);
    expect(r.ignore(".git", false)).toBe(false);
    expect(r.ignore("root-only.txt", false)).toBe(true);
    expect(r.ignore("a/root-only.txt", false)).toBe(false);
    expect(r.ignore("secret/a.key", false)).toBe(true);
    expect(r.ignore("templates/.hidden", false)).toBe(true);
    expect(r.ignore("templates/visible.yaml", false)).toBe(false);
    expect(r.ignore("values.yaml", false)).toBe(false);
  });

  test("double-star patterns are refused like Helm", () => {
    expect(() => parseHelmIgnore("**/x")).toThrow("double-star (**) syntax is not supported");
  });

  test("malformed patterns are refused", () => {
    expect(() => parseHelmIgnore("[a-")).toThrow("syntax error in pattern");
  });
});
