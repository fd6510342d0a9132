import { describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MAX_DECOMPRESSED_FILE_SIZE } from "./archive.ts";
import { loadChart, readChartDir } from "./dir.ts";

function tree(files: Record<string, string>): { dir: string; [Symbol.dispose](): void } {
  const dir = mkdtempSync(join(tmpdir(), "hcp-chart-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return { dir, [Symbol.dispose]: () => rmSync(dir, { recursive: true, force: true }) };
}

const CHART = "apiVersion: v2\nname: c\nversion: 0.1.0\n";

describe("readChartDir()", () => {
  test("walks in sorted order, applies .helmignore and hides templates/.dotfiles", () => {
    using t = tree({
      "Chart.yaml": CHART,
      ".helmignore": "*.bak\nci/\n",
      "templates/b.yaml": "b",
      "templates/a.yaml": "a",
      "templates/.hidden.yaml": "h",
      "x.bak": "x",
      "ci/values.yaml": "v",
    });
    expect(readChartDir(t.dir).map((f) => f.name)).toEqual([
      ".helmignore",
      "Chart.yaml",
      "templates/a.yaml",
      "templates/b.yaml",
    ]);
  });

  test("follows symlinks to files and directories", () => {
    using t = tree({ "Chart.yaml": CHART, "real/x.txt": "x" });
    symlinkSync(join(t.dir, "real"), join(t.dir, "linked"));
    expect(readChartDir(t.dir).map((f) => f.name)).toContain("linked/x.txt");
  });

  test("refuses a symlink cycle instead of walking forever", () => {
    using t = tree({ "Chart.yaml": CHART, "sub/x.txt": "x" });
    symlinkSync(t.dir, join(t.dir, "sub", "loop"));
    expect(() => readChartDir(t.dir)).toThrow("symlink cycle");
  });

  test("refuses files over 5 MiB with Helm's message", () => {
    using t = tree({ "Chart.yaml": CHART, "big.bin": "x".repeat(MAX_DECOMPRESSED_FILE_SIZE + 1) });
    expect(() => readChartDir(t.dir)).toThrow(
      `chart file "big.bin" is larger than the maximum file size ${MAX_DECOMPRESSED_FILE_SIZE}`,
    );
  });
});

describe("loadChart()", () => {
  test.each([
    { chart: "name: c\nversion: 0.1.0\n", want: "" },
    {
      chart: "apiVersion: v2\nversion: 0.1.0\n",
      want: "validation: chart.metadata.name is required",
    },
    { chart: "apiVersion: v2\nname: c\n", want: "validation: chart.metadata.version is required" },
    {
      chart: "apiVersion: v2\nname: c\nversion: one\n",
      want: 'validation: chart.metadata.version "one" is invalid',
    },
    {
      chart: "apiVersion: v2\nname: c\nversion: 1.0.0\ntype: plugin\n",
      want: "validation: chart.metadata.type must be application or library",
    },
    {
      chart:
        "apiVersion: v2\nname: c\nversion: 1.0.0\ndependencies:\n  - name: a\n  - name: b\n    alias: a\n",
      want: 'validation: more than one dependency with name or alias "a"',
    },
    {
      chart:
        "apiVersion: v2\nname: c\nversion: 1.0.0\ndependencies:\n  - name: a\n    alias: bad.alias\n",
      want: 'validation: dependency "a" has disallowed characters in the alias',
    },
  ])("Chart.yaml validation: $want", ({ chart, want }) => {
    using t = tree({ "Chart.yaml": chart });
    if (want === "") {
      // apiVersion defaults to v1 when missing (Helm's loader).
      expect(loadChart(t.dir).metadata.apiVersion).toBe("v1");
      return;
    }
    expect(() => loadChart(t.dir)).toThrow(want);
  });

  test("a directory without Chart.yaml is an error", () => {
    using t = tree({ "values.yaml": "a: 1\n" });
    expect(() => loadChart(t.dir)).toThrow("Chart.yaml file is missing");
  });

  test("values.yaml with several documents merges them in order", () => {
    using t = tree({ "Chart.yaml": CHART, "values.yaml": "a: 1\nb: {x: 1}\n---\nb: {z: 2}\n" });
    expect(loadChart(t.dir).values).toEqual({ a: 1, b: { x: 1, z: 2 } });
  });

  test("subcharts under charts/ load; names starting with _ or . are skipped", () => {
    using t = tree({
      "Chart.yaml": CHART,
      "charts/sub/Chart.yaml": "apiVersion: v2\nname: sub\nversion: 1.0.0\n",
      "charts/_skip/Chart.yaml": "apiVersion: v2\nname: skip\nversion: 1.0.0\n",
    });
    const c = loadChart(t.dir);
    expect(c.dependencies.map((d) => d.metadata.name)).toEqual(["sub"]);
    expect(c.dependencies[0]?.parent).toBe(c);
  });
});
