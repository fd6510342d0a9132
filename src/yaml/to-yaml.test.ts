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

// Outputs of the node-tree emitter (before the direct writer existed): the direct writer must
// give the same text, and leave what it cannot write (quoted key "n", folding, '…', |-) to it.
describe("toYaml direct writer", () => {
  const cases: [unknown, string][] = [
    [
      {
        a: { b: [1, { c: "x y", d: [], e: {} }, "1.25"], f: {} },
        k: "1.25",
        n: null,
        t: true,
        x: 1.5,
      },
      'a:\n  b:\n  - 1\n  - c: x y\n    d: []\n    e: {}\n  - "1.25"\n  f: {}\nk: "1.25"\n"n": null\nt: true\nx: 1.5',
    ],
    [[{ a: 1, b: [{ c: "d" }] }, "yes", -0, 1e21], '- a: 1\n  b:\n  - c: d\n- "yes"\n- 0\n- 1e+21'],
    [
      { long: `${"word ".repeat(16)}end`, deep: { deeper: { k: `${"w ".repeat(36)}z` } } },
      `deep:\n  deeper:\n    k: ${"w ".repeat(36)}z\nlong: ${"word ".repeat(15)}word\n  end`,
    ],
    [
      { "app.kubernetes.io/name": "x", k10: "a: b", k2: "*ref", empty: "", multi: "a\nb" },
      "app.kubernetes.io/name: x\nempty: \"\"\nk2: '*ref'\nk10: 'a: b'\nmulti: |-\n  a\n  b",
    ],
  ];
  for (const [value, want] of cases)
    test(JSON.stringify(value).slice(0, 60), () => expect(toYaml(value)).toBe(want));
});
