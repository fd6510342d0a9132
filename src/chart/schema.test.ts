import { describe, expect, test } from "bun:test";
import { Validator } from "@cfworker/json-schema";
import type { Chart } from "./chart.ts";
import { validateValuesSchema } from "./schema.ts";

function chart(schema: unknown): Chart {
  return {
    metadata: { name: "c" } as Chart["metadata"],
    lock: undefined,
    templates: [],
    values: {},
    schema: new TextEncoder().encode(JSON.stringify(schema)),
    files: [],
    parent: undefined,
    dependencies: [],
  };
}

async function errorsOf(schema: unknown, values: Record<string, unknown>): Promise<string> {
  try {
    await validateValuesSchema(chart(schema), values);
    return "";
  } catch (err) {
    return (err as Error).message;
  }
}

// Schemas without $ref/$id skip the Validator's dereference pass; the answer must not change.
describe("validateValuesSchema() without a $ref lookup", () => {
  const schema = {
    $schema: "http://json-schema.org/draft-07/schema#",
    type: "object",
    required: ["image", "toString"],
    properties: {
      image: {
        type: "object",
        properties: {
          tag: { type: "string", pattern: "^v" },
          pullPolicy: { enum: ["Always", "Never"] },
        },
        additionalProperties: false,
      },
      replicas: { type: "integer", minimum: 1, maximum: 5 },
      list: { type: "array", items: { type: "string" }, minItems: 1 },
      mode: { anyOf: [{ const: "a" }, { type: "number" }] },
      flag: { oneOf: [{ type: "boolean" }, { type: "string" }], not: { const: "" } },
    },
  };
  const cases: Record<string, unknown>[] = [
    {},
    { image: { tag: "v1", pullPolicy: "Always" }, replicas: 3 },
    { image: { tag: "1", pullPolicy: "Sometimes", extra: 1 }, replicas: 9, list: [] },
    { image: null, replicas: 2n, list: [1, "a"], mode: "b", flag: 3 },
    Object.assign(Object.create(null), { image: { tag: "v2" }, replicas: 0 }),
  ];
  test.each(cases.map((c, i) => [i, c]))(
    "case %d matches the full Validator",
    async (i, values) => {
      const got = await errorsOf(schema, values as Record<string, unknown>);
      const withRef = await errorsOf(
        { ...schema, $defs: { unused: { $ref: "#" } } },
        values as Record<string, unknown>,
      );
      expect(got).toBe(withRef);
      if (i !== 1) expect(got).toContain("- at '");
    },
  );

  test("the full Validator agrees on validity", () => {
    const v = new Validator(schema as never, "7", false);
    expect(v.validate({ image: { tag: "v1" }, toString: 1 }).valid).toBe(true);
  });
});

// Local `#/…` refs are looked up directly; anything the dereference walk would not register
// (or a ref of another shape) falls back to the full Validator.
describe("validateValuesSchema() with local $refs", () => {
  const schema = {
    $schema: "http://json-schema.org/draft-07/schema",
    $defs: { "helm-values.x": { enum: ["a", "b"] } },
    definitions: {
      port: { type: "integer", maximum: 65535 },
      config: { type: "object", duration: { type: "string", pattern: "^[0-9]+s$" } },
      list: {
        anyOf: [{ type: "string" }, { type: "array", items: { $ref: "#/definitions/port" } }],
      },
    },
    properties: {
      port: { $ref: "#/definitions/port" },
      timeout: { $ref: "#/definitions/config/duration" },
      ports: { $ref: "#/definitions/list" },
      first: { $ref: "#/definitions/list/anyOf/0" },
      dollar: { $ref: "#/$defs/helm-values.x" },
      nested: { type: "object", properties: { p: { $ref: "#/properties/port" } } },
    },
  };
  const cases: Record<string, unknown>[] = [
    { port: 80, timeout: "5s", ports: [1, 2], first: "a", nested: { p: 1 } },
    { port: 70000, timeout: "5m", ports: [1, "x", 99999], first: 3, nested: { p: "no" } },
    { ports: "str", nested: { p: 65536 }, dollar: "c" },
  ];
  // An $anchor makes the full Validator (with its dereference pass) run on the same schema.
  const full = { ...schema, definitions: { ...schema.definitions, a: { $anchor: "a" } } };
  test.each(cases.map((c, i) => [i, c]))(
    "case %d matches the full Validator",
    async (i, values) => {
      const got = await errorsOf(schema, values as Record<string, unknown>);
      expect(got).toBe(await errorsOf(full, values as Record<string, unknown>));
      if (i !== 0) expect(got).toContain("- at '");
    },
  );

  test("a ref the walk would not register still fails like the library", async () => {
    const bad = {
      properties: { a: { $ref: "#/properties/a/default", default: { type: "string" } } },
    };
    expect(await errorsOf(bad, { a: 1 })).toContain("Unresolved $ref");
  });
});
