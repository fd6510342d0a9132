import { describe, expect, test } from "bun:test";
import { isCompatibleRange, isValidSemver, normalizeVersion } from "./semver.ts";

describe("isValidSemver() accepts what Masterminds/semver v3 parses", () => {
  test.each([
    ["1.2.3", true],
    ["v1.2.3", true],
    ["1.2", true],
    ["1", true],
    ["1.2.3-rc.1+build.5", true],
    ["one", false],
    ["1.2.3.4", false],
    ["", false],
  ])("%s → %p", (v, want) => {
    expect(isValidSemver(v)).toBe(want);
  });

  test("normalizeVersion fills minor and patch", () => {
    expect(normalizeVersion("v1.2")).toBe("1.2.0");
  });
});

describe("isCompatibleRange() with Masterminds constraint syntax", () => {
  test.each([
    ["1.2.3", "1.2.3", true],
    ["~1.2.3", "1.2.9", true],
    ["~1.2.3", "1.3.0", false],
    ["^1.2.3", "1.9.0", true],
    ["^1.2.3", "2.0.0", false],
    ["^0.2.3", "0.2.9", true],
    ["^0.2.3", "0.3.0", false],
    ["1.2.x", "1.2.7", true],
    ["*", "3.0.0", true],
    [">= 1.2, < 3.0.0 || >= 4.2.3", "2.5.0", true],
    [">= 1.2, < 3.0.0 || >= 4.2.3", "3.5.0", false],
    [">= 1.2, < 3.0.0 || >= 4.2.3", "4.2.3", true],
    [">=1.22.0-0", "v1.35.0", true],
    [">=1.22.0-0", "v1.20.0", false],
    ["^1.2.3", "1.3.0-beta", false],
    ["0.12.*", "0.12.8", true],
    ["", "1.0.0", false],
    ["1.0.0", "not-a-version", false],
  ])("%s contains %s → %p", (constraint, version, want) => {
    expect(isCompatibleRange(constraint, version)).toBe(want);
  });
});
