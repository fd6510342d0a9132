import { describe, expect, test } from "bun:test";
import { mayHaveDuplicateKeys } from "./duplicate-keys.ts";
import { parseMetadata } from "./metadata.ts";

describe("duplicate keys are rejected like Go's yaml.v3", () => {
  test("at the top level, while peeking (Helm's message)", () => {
    expect(() => parseMetadata("name: a\nversion: 1.0.0\nname: b\n")).toThrow(
      'failed to peek plugin.yaml API version: yaml: unmarshal errors:\n  line 3: mapping key "name" already defined at line 1',
    );
  });
  test("in a nested mapping", () => {
    expect(() =>
      parseMetadata(
        "apiVersion: v1\nname: x\ntype: cli/v1\nruntime: subprocess\nversion: 1.0.0\nconfig:\n  usage: a\n  usage: b\n",
      ),
    ).toThrow('yaml: unmarshal errors:\n  line 8: mapping key "usage" already defined at line 7');
  });
  test("the fast path never decides a file with duplicates", () => {
    const text = "name: a\nversion: 1.0.0\nname: b\n";
    expect(() => parseMetadata(text, { fastParse: Bun.YAML.parse })).toThrow("mapping key");
  });
});

describe("mayHaveDuplicateKeys() is conservative", () => {
  test.each([
    ["name: a\nversion: 1\n", false],
    ["name: a\nname: b\n", true],
    ["a:\n  x: 1\nb:\n  x: 2\n", false],
    ["a:\n  x: 1\n  x: 2\n", true],
    ["l:\n  - command: a\n    args: [x]\n  - command: b\n", false],
    ["l:\n  - command: a\n    command: b\n", true],
    ["h:\n  install:\n    - command: a\n  delete:\n    - command: b\n", false],
    ["h:\n  install: []\n  install: []\n", true],
    ['"name": a\nname: b\n', true],
    ["a: {x: 1, x: 2}\n", true],
    ["a: 1\n\tb: 2\n", true],
    ["sourceURL: https://e.x/a:b\nname: x\n", false],
    ['config:\n  patterns:\n    - "templates/*.pkl"\n    - templates/**/*.{yaml,yml}\n', false],
    ["a: &x 1\nb: *x\n", true],
    ["a: [*x]\n", true],
    ["? complex\n: 1\n", true],
    ['a: "q" *x\n', true],
    ['a: "unclosed *x\n', true],
  ])("%p → %p", (text, want) => {
    expect(mayHaveDuplicateKeys(text)).toBe(want);
  });
});
