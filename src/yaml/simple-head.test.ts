import { describe, expect, test } from "bun:test";
import { validateManifest } from "./manifest.ts";
import { simpleManifestHead } from "./simple-head.ts";

// Simple documents: the reader's head must equal the exact (go-yaml port) check's head.
const SIMPLE = [
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: r-cm0\n  labels:\n    app: s\n    team: a\ndata:\n  image: "nginx:1.25"\n  k0: "1"\n  num: 3',
  '# Source: c/templates/a.yaml\napiVersion: apps/v1\nkind: Deployment\n\nmetadata:\n    name: x\n    annotations:\n      helm.sh/hook: pre-install\n      helm.sh/hook-weight: "-5"\n  # comment\nspec:\n  replicas: 3\n  url: http://a.b/c',
  'kind: Secret\ndata:\n  a:\n    b:\n      c: d\n  e: f\nmetadata:\n  name: ""',
  "apiVersion: v1\nkind: List\nother: yes",
  `apiVersion: v1\n${"k".repeat(128)}: x\n\n  \n# c\nkind: "a b:c#d"\nz: a.b/c:d-e_f`, // longest key, blank lines
  "kind: x\n", // a final newline
  'apiVersion: v1\nkind: yES\nmetadata:\n  name: nULL\n  annotations:\n    a: Nope\n    b: "yes"', // odd casings are strings
  // More levels, keys and annotations than the reader's first arrays hold (they grow).
  `kind: x\nmetadata:\n  annotations:\n${Array.from({ length: 40 }, (_, k) => `    a${k}: v${k}\n`).join("")}data:\n${Array.from({ length: 80 }, (_, k) => `  k${k}: "${k}"\n`).join("")}deep:\n${Array.from({ length: 30 }, (_, k) => `${" ".repeat(2 * k + 2)}d${k}:`).join("\n")} x`,
];

// Documents the reader leaves to the full check (it must answer undefined for each).
const OTHERS = [
  "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: yes", // YAML 1.1 boolean name
  "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: 0755", // a number
  "apiVersion: v1\nmetadata:\n  name: a\n  name: b", // duplicate key
  "apiVersion: v1\nmetadata:\nkind: x", // null mapping value
  "apiVersion: v1\n  kind: x", // bad indentation (go-yaml error)
  "apiVersion: v1\nmetadata:\n    name: a\n  kind: x", // dedent to no level
  "null: v1\nkind: x", // null key
  "apiVersion: v1\nspec:\n  list:\n  - a", // sequences are not read here
  "apiVersion: v1\nkind: a:", // plain scalar ending in ':'
  'apiVersion: v1\nkind: "a\\tb"', // escapes
  "apiVersion: v1\r\nkind: x", // CR
  "apiVersion: v1\nkind:\tx", // tab
  "# only a comment",
  "apiVersion: v1\nmetadata:\n  annotations:\n    a: 1", // non-string annotation
  "apiVersion: v1\nmetadata:\n  annotations: x", // annotations not a map
  "apiVersion: v1\nkind: x\n---\nkind: y", // a second document
  "apiVersion: v1\nkind: x # trailing comment",
  `apiVersion: v1\n${"k".repeat(129)}: x`, // a key too long for a simple key
  'apiVersion: v1\nkind: "a"b', // text after a quoted scalar
  "apiVersion: v1\nkind: ", // a trailing space
  "apiVersion: v1\nkind:  x", // two spaces
  "apiVersion: v1\nkind: x\u2028", // a Unicode line separator
  "apiVersion: v1\n#\u00e9", // a non-ASCII comment
  "apiVersion: v1\n9kind: x", // a key starting with a digit
  "apiVersion: v1\nYes: x", // a YAML 1.1 boolean key
  "apiVersion: v1\n__proto__: x",
  "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Off", // Capitalized boolean name
  "apiVersion: Null\nkind: x", // null apiVersion
  "apiVersion: v1\nkind:\n  a: b", // a mapping kind
  "apiVersion: v1\nmetadata: x", // metadata not a map
  "apiVersion: v1\nmetadata:\n  annotations:\n    a:\n      b: c", // a nested annotation
  `kind: x\ndata:\n${Array.from({ length: 80 }, (_, k) => `  k${k}: "${k}"\n`).join("")}  k17: x`, // a late duplicate
];

describe("simpleManifestHead", () => {
  for (const doc of SIMPLE)
    test(`reads ${JSON.stringify(doc.slice(0, 40))} like the exact check`, () => {
      const head = simpleManifestHead(doc);
      expect(head).toBeDefined();
      expect(head).toEqual(validateManifestExact(doc));
    });
  for (const doc of OTHERS)
    test(`leaves ${JSON.stringify(doc)} to the full check`, () => {
      expect(simpleManifestHead(doc)).toBeUndefined();
    });
  test("validateManifest still words go-yaml's error for a bad document", () => {
    expect(() => validateManifest("apiVersion: v1\n  kind: x", "t.yaml")).toThrow(
      /^YAML parse error on t\.yaml: error converting YAML to JSON: yaml: line 2:/,
    );
  });
});

/** The exact path's head: the same document with a comment the simple reader refuses. */
function validateManifestExact(doc: string) {
  return validateManifest(`${doc}\n#\u00e9`, "t.yaml");
}
