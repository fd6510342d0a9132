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

describe("isCompatibleRange() simple-constraint fast path", () => {
  // Reference: node-semver on the normalised version, as the general path does (these
  // constraints need none of toNodeRange's rewrites).
  const satisfies = require("semver/functions/satisfies.js") as (v: string, r: string) => boolean;
  const reference = (c: string, ver: string): boolean => {
    const v = normalizeVersion(ver);
    if (v === undefined || c.trim() === "") return false;
    try {
      return satisfies(v, c.trim());
    } catch {
      return false;
    }
  };
  const parts = ["0", "1", "2", "10", "x", "X", "*", "01", "1234567890"];
  const constraints: string[] = [];
  for (const a of parts.slice(0, 4)) {
    constraints.push(a, `${a}-0`, `>=${a}`);
    for (const b of parts) {
      constraints.push(`${a}.${b}`);
      for (const c of parts) {
        for (const pre of ["", "-0", "-1", "-rc.1"]) {
          constraints.push(
            `${a}.${b}.${c}${pre}`,
            `>=${a}.${b}.${c}${pre}`,
            `>= ${a}.${b}.${c}${pre}`,
          );
        }
      }
    }
  }
  constraints.push(" 1.2.3 ", ">=  1.2.3-0", "> 1.2.3", "<1.2.3", "=1.2.3", "v1.2.3", "1.2.3.4");
  const versions = [
    "0.0.0",
    "1.0.0",
    "1.2.0",
    "1.2.3",
    "1.2.4",
    "1.3.0",
    "2.0.0",
    "10.0.1",
    "2.10.10",
    "1.2.3-rc.1",
    "1.2.3-0",
    "1.2.3+build.7",
    "v1.2",
    "1",
    "0.1.0",
    "01.2.3",
    "1.2.3-rc+b",
    "1234567890.1.1",
    "9999999999999999999.0.0",
    "x",
  ];
  test("agrees with node-semver on every pair", () => {
    for (const c of constraints) {
      for (const v of versions) {
        const got = isCompatibleRange(c, v);
        if (got !== reference(c, v)) throw new Error(`${c} vs ${v}: got ${got}`);
      }
    }
  });
});
