import { describe, expect, test } from "bun:test";
import { compareYamlKeys, emitToYaml, toYaml } from "./to-yaml.ts";

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

// The direct writer against the emitter on random plain data with multi-line strings: every
// text must be the same (the writer takes literal blocks it is sure of and leaves the rest).
describe("toYaml direct writer, differential", () => {
  let seed = 0x9e3779b9;
  const next = (): number => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 0x100000000;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
  const PIECES = [
    "a",
    "b c",
    "#!/bin/bash",
    "x: y",
    "  indented",
    "",
    " ",
    "\t",
    "é",
    "- item",
    "---",
    'key="v"',
    "a # b",
    "\r",
    "'q'",
    "{x}",
    "long ".repeat(20),
  ];
  const line = (): string => {
    let s = "";
    for (let i = Math.floor(next() * 3); i >= 0; i--) s += pick(PIECES);
    return s;
  };
  const multi = (): string => {
    const lines: string[] = [];
    for (let i = 1 + Math.floor(next() * 4); i >= 0; i--) lines.push(line());
    return lines.join("\n") + pick(["", "", "\n", "\n\n", " "]);
  };
  const value = (depth: number): unknown => {
    const r = next();
    if (depth > 2 || r < 0.4) return r < 0.25 ? multi() : pick([line(), 1, true, null, "1.5"]);
    if (r < 0.7) {
      const m: Record<string, unknown> = {};
      for (let i = Math.floor(next() * 4); i >= 0; i--)
        m[pick(["a", "b", "script", "k-1", "data"])] = value(depth + 1);
      return m;
    }
    return Array.from({ length: 1 + Math.floor(next() * 3) }, () => value(depth + 1));
  };
  test("3000 random values", () => {
    let literal = 0;
    for (let i = 0; i < 3000; i++) {
      const v = { top: value(0) };
      const want = emitToYaml(v);
      expect(toYaml(v), JSON.stringify(v)).toBe(want);
      if (/: \|-?\n/.test(want)) literal++;
    }
    expect(literal).toBeGreaterThan(300); // the generator does reach literal blocks
  });
  test("empty map and literal blocks at each nesting", () => {
    expect(toYaml({})).toBe("{}");
    for (const v of [
      { a: "x\ny" },
      { a: "x\n\ny\n" },
      { a: { b: ["p\nq", { c: "r\ns" }] } },
      [{ a: "x\ny" }, "m\nn"],
      { a: " lead\nx" },
      { a: "x\ny\n\n" },
      { a: "trail \nx" },
    ])
      expect(toYaml(v)).toBe(emitToYaml(v));
  });
});
