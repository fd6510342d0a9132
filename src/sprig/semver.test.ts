import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import {
  checkConstraints,
  compareVersions,
  parseConstraints,
  parseVersion,
  versionString,
} from "./semver.ts";

const version = fc
  .tuple(
    fc.nat(20),
    fc.nat(20),
    fc.nat(20),
    fc.option(fc.constantFrom("alpha", "beta.1", "rc.2", "0", "1", "a.b.c"), { nil: undefined }),
  )
  .map(([a, b, c, pre]) => `${a}.${b}.${c}${pre === undefined ? "" : `-${pre}`}`);

describe("Masterminds semver", () => {
  test("String() of a full version round-trips through parseVersion()", () => {
    fc.assert(
      fc.property(version, (v) => {
        expect(versionString(parseVersion(v))).toBe(v);
      }),
    );
  });

  test("Compare is antisymmetric and transitive", () => {
    fc.assert(
      fc.property(version, version, version, (a, b, c) => {
        const [x, y, z] = [a, b, c].map(parseVersion) as [never, never, never];
        expect(compareVersions(x, y)).toBe(-compareVersions(y, x) || 0);
        if (compareVersions(x, y) <= 0 && compareVersions(y, z) <= 0) {
          expect(compareVersions(x, z)).toBeLessThanOrEqual(0);
        }
      }),
    );
  });

  test(">=v matches exactly the release versions not below v", () => {
    fc.assert(
      fc.property(version, version, (a, b) => {
        const want =
          parseVersion(b).pre === "" && compareVersions(parseVersion(b), parseVersion(a)) >= 0;
        const pre = parseVersion(a).pre !== "";
        if (!pre) expect(checkConstraints(parseConstraints(`>=${a}`), parseVersion(b))).toBe(want);
      }),
    );
  });

  test.each([
    ["^1.2.3", "1.9.0", true],
    ["^0.2.3", "0.3.0", false],
    ["~1.2", "1.2.9", true],
    ["1.2.x", "1.3.0", false],
    [">=1.0.0 <2", "1.5.0-rc.1", false],
    [">=1.0.0-0 <2", "1.5.0-rc.1", true],
    ["1.0 - 2.0", "2.0.5", true],
    ["<1 || >=3", "2.0.0", false],
  ])("%p with %p is %p (Masterminds, not npm)", (c, v, want) => {
    expect(checkConstraints(parseConstraints(c), parseVersion(v))).toBe(want);
  });
});
