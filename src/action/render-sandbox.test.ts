import { expect, test } from "bun:test";
import { join } from "node:path";
import { tempTree } from "../../test/helpers/temp.ts";
import { hasRenderPluginChartArg } from "./render-sandbox.ts";

const RENDER_CHART = `apiVersion: v2
name: demo
version: 0.1.0
plugins:
  - name: varsubst-render
    type: render/v1
    repository: file://../plugin.tgz
    version: 0.1.0
`;

const CLI_PLUGIN_CHART = RENDER_CHART.replace("render/v1", "getter/v1");

test.each([
  {
    name: "a chart directory with a render/v1 plugin",
    files: { "Chart.yaml": RENDER_CHART },
    want: true,
  },
  {
    name: "a chart without a plugins key",
    files: { "Chart.yaml": "apiVersion: v2\nname: x\nversion: 1.0.0\n" },
    want: false,
  },
  { name: "plugins of other types only", files: { "Chart.yaml": CLI_PLUGIN_CHART }, want: false },
  {
    name: "render/v1 mentioned without a top-level plugins key",
    files: {
      "Chart.yaml": "apiVersion: v2\nname: x\ndescription: render/v1 demo\n  plugins: []\n",
    },
    want: false,
  },
])("hasRenderPluginChartArg() is $want for $name", async ({ files, want }) => {
  await using dir = await tempTree(files, { prefix: "hcp-render-sandbox-" });
  expect(hasRenderPluginChartArg(["demo", dir.path])).toBe(want);
});

test("hasRenderPluginChartArg() looks only at positional arguments that are directories", async () => {
  await using dir = await tempTree(
    { "chart/Chart.yaml": RENDER_CHART },
    { prefix: "hcp-render-sandbox-" },
  );
  const chart = join(dir.path, "chart");
  expect(hasRenderPluginChartArg([`--values=${chart}`, join(chart, "Chart.yaml"), "x"])).toBe(
    false,
  );
  expect(hasRenderPluginChartArg(["--keyring", "missing", chart])).toBe(true);
});
