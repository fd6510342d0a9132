/**
 * The renderer (Helm's engine.Render): one template set per render holding every template of
 * the chart and its subcharts (named "chart/templates/x.yaml", "chart/charts/sub/templates/y"),
 * each rendered with its own chart's scoped `.Values`, `.Chart`, `.Files` and `.Subcharts`.
 * Partials (`_*`) are parsed but not rendered; library charts contribute only partials.
 */
import type { Chart } from "../chart/chart.ts";
import { chartFullPath, isLibraryChart } from "../chart/chart.ts";
import type { HcpError } from "../errors.ts";
import { TemplateSet } from "../template/index.ts";
import { type FuncMap, type GoStruct, typedMap } from "../template/value.ts";
import { cleanupParseError, reformatExecError } from "./errors.ts";
import { createFiles, type ToYaml } from "./files.ts";
import { createHelmFuncs } from "./funcs.ts";
import { chartObject } from "./objects.ts";

/** What every template sees at the top (Helm's ToRenderValues result). */
export interface RenderValues {
  readonly Release: Record<string, unknown>;
  readonly Capabilities: GoStruct;
  readonly Values: Record<string, unknown>;
}

/** Options of renderChart. */
export interface RenderOptions {
  /** Sprig and YAML/JSON functions; Helm's own (include, tpl, …) are added on top. */
  readonly funcs: FuncMap;
  /** Helm's toYAML, for `.Files.AsConfig`/`AsSecrets`. */
  readonly toYaml: ToYaml;
  /** missingkey=error instead of zero (Helm's --strict lint mode). */
  readonly strict?: boolean;
}

interface Renderable {
  readonly text: string;
  readonly vals: Record<string, unknown>;
  readonly basePath: string;
}

function tableAt(v: Record<string, unknown>, key: string): Record<string, unknown> | undefined {
  const x = v[key];
  return x !== null && typeof x === "object" && !Array.isArray(x)
    ? (x as Record<string, unknown>)
    : undefined;
}

function collect(
  chart: Chart,
  parentVals: Record<string, unknown>,
  out: Map<string, Renderable>,
  toYaml: ToYaml,
): Record<string, unknown> {
  const subcharts: Record<string, unknown> = {};
  const isRoot = chart.parent === undefined;
  let values: Record<string, unknown> = {};
  if (isRoot) values = (parentVals["Values"] as Record<string, unknown>) ?? {};
  else {
    const parentValues = tableAt(parentVals, "Values");
    const scoped = parentValues ? tableAt(parentValues, chart.metadata.name) : undefined;
    if (scoped) values = scoped;
  }
  // Helm's .Values is common.Values (vals.Table converts the subchart's table in place; the
  // parent's .Values.<sub> then reads as common.Values too, where Go keeps map[string]interface {}).
  typedMap(values, VALUES_TYPE);
  const files = new Map<string, Uint8Array>();
  for (const f of chart.files) files.set(f.name, f.data);
  const next: Record<string, unknown> = {
    Chart: chartObject(chart),
    Files: createFiles(files, toYaml),
    Release: parentVals["Release"],
    Capabilities: parentVals["Capabilities"],
    Values: values,
    Subcharts: subcharts,
  };
  for (const child of chart.dependencies) {
    subcharts[child.metadata.name] = collect(child, next, out, toYaml);
  }
  const id = chartFullPath(chart);
  const library = isLibraryChart(chart);
  const decoder = new TextDecoder();
  for (const t of chart.templates) {
    if (library && !baseName(t.name).startsWith("_")) continue;
    out.set(`${id}/${t.name}`, {
      text: decoder.decode(t.data),
      vals: next,
      basePath: `${id}/templates`,
    });
  }
  return next;
}

/** The Go type of Helm's values maps (pkg/chart/common.Values). */
const VALUES_TYPE = "common.Values";

function baseName(p: string): string {
  return p.slice(p.lastIndexOf("/") + 1);
}

function slashCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 47) n++;
  return n;
}

/** Helm's sortTemplates: deepest paths first, then reverse lexical order. */
function sortTemplates(names: Iterable<string>): string[] {
  const keyed = [...names].map((name) => ({ name, depth: slashCount(name) }));
  keyed.sort((a, b) => {
    if (a.depth !== b.depth) return b.depth - a.depth;
    return a.name < b.name ? 1 : a.name > b.name ? -1 : 0;
  });
  return keyed.map((k) => k.name);
}

/**
 * Renders every non-partial template of the chart tree; returns file name → output with
 * `<no value>` removed, as Helm's engine does.
 * @throws HcpError TEMPLATE_PARSE / TEMPLATE_EXEC with Helm's rewritten messages.
 */
export function renderChart(
  chart: Chart,
  top: RenderValues,
  options: RenderOptions,
): Map<string, string> {
  const renderables = new Map<string, Renderable>();
  collect(chart, top as unknown as Record<string, unknown>, renderables, options.toYaml);
  const missingKey = options.strict ? "error" : "zero";
  const set = new TemplateSet({ funcs: options.funcs, missingKey, name: "gotpl" });
  set.addFuncs(createHelmFuncs({ missingKey, getSet: () => set }));
  const keys = sortTemplates(renderables.keys());
  for (const name of keys) {
    try {
      set.parseDeferred(name, (renderables.get(name) as Renderable).text);
    } catch (err) {
      throw firstParseError(set) ?? cleanupParseError(name, err);
    }
  }
  const rendered = new Map<string, string>();
  for (const name of keys) {
    if (baseName(name).startsWith("_")) continue;
    const r = renderables.get(name) as Renderable;
    // Helm executes with `.` and `.Template` as common.Values (%T, eq errors print it).
    const template = typedMap({ Name: name, BasePath: r.basePath }, VALUES_TYPE);
    const data = typedMap({ ...r.vals, Template: template }, VALUES_TYPE);
    let out: string;
    try {
      out = set.execute(name, data);
    } catch (err) {
      throw firstParseError(set) ?? reformatExecError(name, err);
    }
    // Parsed just before its run (parseDeferred); only `include`s of it need the tree again.
    set.forget(name);
    rendered.set(name, out.includes("<no value>") ? out.replaceAll("<no value>", "") : out);
  }
  return rendered;
}

/**
 * Helm parses every template before it runs any, so a parse error anywhere wins over an
 * execution error; with parsing deferred to first use, the error path checks the rest.
 */
function firstParseError(set: TemplateSet): HcpError | undefined {
  const failed = set.firstDeferredError();
  return failed && cleanupParseError(failed.name, failed.error);
}
