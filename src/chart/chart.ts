/**
 * The Chart tree (Helm's chart.Chart): metadata, templates, values, schema, other files, and
 * the subcharts. Parent links make ChartFullPath ("parent/charts/child") cheap.
 */
import type { Lock, Metadata } from "./metadata.ts";

/** A file of a chart, path relative to the chart root with "/" separators. */
export interface ChartFile {
  readonly name: string;
  readonly data: Uint8Array;
}

/** A loaded chart. `dependencies` and `parent` change while dependencies are processed. */
export interface Chart {
  metadata: Metadata;
  lock: Lock | undefined;
  templates: ChartFile[];
  values: Record<string, unknown>;
  schema: Uint8Array | undefined;
  files: ChartFile[];
  parent: Chart | undefined;
  dependencies: Chart[];
}

/** The chart's path from the root for templates and CRDs ("a/charts/b"). */
export function chartFullPath(c: Chart): string {
  return c.parent === undefined
    ? c.metadata.name
    : `${chartFullPath(c.parent)}/charts/${c.metadata.name}`;
}

/** Whether the chart is a library chart (templates are not rendered, only `_*` ones loaded). */
export function isLibraryChart(c: Chart): boolean {
  return c.metadata.type === "library";
}

/** Sets the subcharts of `c`, pointing their parent back at `c`. */
export function setDependencies(c: Chart, deps: Chart[]): void {
  for (const d of deps) d.parent = c;
  c.dependencies = deps;
}

function hasManifestExtension(name: string): boolean {
  const dot = name.lastIndexOf(".");
  const slash = name.lastIndexOf("/");
  const ext = dot > slash ? name.slice(dot).toLowerCase() : "";
  return ext === ".yaml" || ext === ".yml" || ext === ".json";
}

/** A CRD file of the chart tree with its output name ("chart/charts/sub/crds/x.yaml"). */
export interface CrdObject {
  readonly name: string;
  readonly filename: string;
  readonly file: ChartFile;
}

/** The crds/ files of the chart and its subcharts, parents first (Helm's CRDObjects). */
export function crdObjects(c: Chart): CrdObject[] {
  const out: CrdObject[] = [];
  const base = chartFullPath(c);
  for (const f of c.files) {
    if (f.name.startsWith("crds/") && hasManifestExtension(f.name)) {
      out.push({ name: f.name, filename: `${base}/${f.name}`, file: f });
    }
  }
  for (const d of c.dependencies) out.push(...crdObjects(d));
  return out;
}
