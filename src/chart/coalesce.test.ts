import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import golden from "../../test/golden/chart/deps-values.json";
import { parseSetInto } from "../strvals/index.ts";
import { type Chart, chartFullPath, isLibraryChart } from "./chart.ts";
import { coalesceTables, coalesceValues } from "./coalesce.ts";
import { processDependencies } from "./dependencies.ts";
import { loadChart } from "./dir.ts";
import { isTable, type Values } from "./values.ts";

const fixture = join(import.meta.dir, "..", "..", "test", "fixtures", "chart", "deps");

/** JSON-comparable form: int64 → number (Helm's toJson prints both alike). */
function plain(v: unknown): unknown {
  if (typeof v === "bigint") return Number(v);
  if (Array.isArray(v)) return v.map(plain);
  if (isTable(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}

/** The `.Values` each rendered template of the tree sees, by template name. */
function scopedValues(chart: Chart, values: Values, out: Record<string, unknown>): void {
  if (!isLibraryChart(chart)) {
    for (const t of chart.templates) out[`${chartFullPath(chart)}/${t.name}`] = plain(values);
  }
  for (const d of chart.dependencies) {
    const sub = values[d.metadata.name];
    scopedValues(d, isTable(sub) ? sub : {}, out);
  }
}

describe("coalesceValues() + processDependencies() match Helm 4.1.4", () => {
  test.each(golden.cases.map((c) => ({ name: c.args.join(" ") || "(defaults)", ...c })))(
    "$name",
    ({ args, outputs }) => {
      const vals: Values = {};
      for (let i = 0; i < args.length; i += 2) parseSetInto(args[i + 1] as string, vals);
      const chart = loadChart(fixture);
      processDependencies(chart, vals);
      const got: Record<string, unknown> = {};
      scopedValues(chart, coalesceValues(chart, vals), got);
      expect(got).toEqual(outputs);
    },
  );
});

describe("coalesceTables()", () => {
  test("destination wins, missing keys are filled, nested tables merge", () => {
    const dst = { a: 1, t: { x: 1 } };
    expect(coalesceTables(dst, { a: 2, b: 3, t: { x: 2, y: 2 } })).toEqual({
      a: 1,
      b: 3,
      t: { x: 1, y: 2 },
    });
  });

  test("null in the destination deletes the source's key", () => {
    expect(coalesceTables({ a: null }, { a: 1, b: 2 })).toEqual({ b: 2 });
  });

  test("a table cannot overwrite a scalar: Helm's warning text", () => {
    const warnings: string[] = [];
    coalesceTables({ a: "x" }, { a: { b: 1 } }, (w) => warnings.push(w));
    expect(warnings).toEqual(["warning: cannot overwrite table with non table for a (map[b:1])"]);
  });
});
