import { describe, expect, test } from "bun:test";
import { compareYamlKeys, toYaml } from "./to-yaml.ts";

// Keys of ASCII letters and punctuation below "A" sort by code point (the shortcut
// sortYamlKeys takes); checked against go-yaml's full comparison on pseudo-random keys.
const ALPHABET = " !\"#$%&'()*+,-./:;<=>?@ABCXYZabcxyz";

function pseudoRandomKeys(seed: number, count: number): string[] {
  let x = seed;
  const next = () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x;
  };
  const keys = new Set<string>();
  while (keys.size < count) {
    let k = "";
    const len = next() % 5;
    for (let i = 0; i < len; i++) k += ALPHABET[next() % ALPHABET.length];
    keys.add(k);
  }
  return [...keys];
}

describe("go-yaml key order shortcut", () => {
  test("code-point order equals go-yaml's order for letter and low-punctuation keys", () => {
    for (let seed = 1; seed <= 50; seed++) {
      const keys = pseudoRandomKeys(seed, 30);
      const byCodePoint = [...keys].sort();
      for (const v3 of [false, true])
        expect([...keys].sort((a, b) => compareYamlKeys(a, b, v3))).toEqual(byCodePoint);
    }
  });
  test("toYaml keeps go-yaml's order where it differs from code-point order", () => {
    // "_" and digits are outside the shortcut: go-yaml puts "_b" before "B" and "a2" before "a10".
    expect(toYaml({ B: 1, _b: 2, a10: 3, a2: 4, "a-b": 5, ab: 6 })).toBe(
      "_b: 2\nB: 1\na-b: 5\na2: 4\na10: 3\nab: 6",
    );
  });
});
