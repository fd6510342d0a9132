import { describe, expect, test } from "bun:test";
import { fromYaml, toJson } from "./index.ts";

// Blank lines holding a tab inside block scalars. Expected values: `fromYaml | toJson` printed
// by Helm 4.1.4 (go-yaml refuses the tab only before the block's indentation is reached or
// while it is still being detected).
const TAB_ERROR =
  "error converting YAML to JSON: yaml: line 3: found a tab character where an indentation space is expected";
const CASES: [string, string, unknown][] = [
  ["explicit indent, tab after it", "k: |2-\n\n  \t\n  x\n", { k: "\n\t\nx" }],
  ["explicit indent, tab before it", "k: |2-\n\n \t\n  x\n", { Error: TAB_ERROR }],
  ["auto indent, tab in a leading blank line", "k: |-\n\n  \t\n  x\n", { Error: TAB_ERROR }],
  ["auto indent, tab after content at the indent", "k: |\n  x\n  \t\n  y\n", { k: "x\n\t\ny\n" }],
  ["auto indent, tab before the indent", "k: |\n    x\n  \t\n    y\n", { Error: TAB_ERROR }],
  [
    "nested key, explicit indent",
    "a:\n  - b: |2-\n\n      \t\n      z\n",
    { a: [{ b: "\n\t\nz" }] },
  ],
  // toYamlPretty's own output for {"":{"":[["\n\t"]]}} and {"":{"":{"":"\t\n"}}}.
  [
    "nested sequence entry, explicit indent",
    '"":\n  "":\n    - - |2-\n\n        \t\n',
    { "": { "": [["\n\t"]] } },
  ],
  [
    "auto indent, only a tab line",
    '"":\n  "":\n    "": |\n      \t\n',
    { Error: TAB_ERROR.replace("line 3", "line 4") },
  ],
];

describe("tabs on blank lines of block scalars read like go-yaml", () => {
  const fast = { fastParse: (t: string) => Bun.YAML.parse(t) };
  for (const [name, text, want] of CASES) {
    test(name, () => {
      expect(JSON.parse(toJson(fromYaml(text)))).toEqual(want);
      expect(JSON.parse(toJson(fromYaml(text, fast)))).toEqual(want);
    });
  }
});
