import { describe, expect, test } from "bun:test";
import { createManifestHeadParser } from "./manifest-head.ts";

describe("createManifestHeadParser() with Bun's fast parser", () => {
  const parse = createManifestHeadParser((text) => Bun.YAML.parse(text));

  test("reads the head of a valid document", () => {
    const doc = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  annotations:\n    a: b\n";
    expect(parse(doc, "c/templates/cm.yaml")).toEqual({
      apiVersion: "v1",
      kind: "ConfigMap",
      name: "x",
      annotations: { a: "b" },
    });
  });

  // Bun accepts these documents; Go's yaml (and so Helm 4.1.4) rejects them.
  test.each([
    {
      name: "an unknown escape",
      doc: 'kind: ConfigMap\ndata:\n  a: "\\/"\n',
      want: /unknown escape/,
    },
    { name: "tab indentation", doc: "kind: ConfigMap\ndata:\n\ta: b\n", want: /YAML parse error/ },
  ])("fails like Helm on $name", ({ doc, want }) => {
    expect(() => parse(doc, "c/templates/cm.yaml")).toThrow(want);
  });
});
