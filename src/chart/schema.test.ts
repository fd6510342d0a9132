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
