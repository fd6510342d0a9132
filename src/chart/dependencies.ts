/**
 * Dependency processing before rendering (Helm's ProcessDependencies): matching vendored
 * subcharts to Chart.yaml dependencies by name and version range, aliases (a subchart may
 * appear several times), tags and conditions switching subcharts off, and import-values
 * (`child`/`parent` maps and plain export names) copied from subcharts into parents.
 */
import { type Chart, setDependencies } from "./chart.ts";
import { coalesceValues, mergeTables, mergeValues, type Warn } from "./coalesce.ts";
import type { Dependency, Metadata } from "./metadata.ts";
import { isCompatibleRange } from "./semver.ts";
import { copyValues, isTable, type Values } from "./values.ts";

/** Looks up a nested table by dotted path (Helm's Values.Table); undefined when missing. */
export function valuesTable(v: Values, path: string): Values | undefined {
  let table: Values = v;
  for (const part of path.split(".")) {
    const next = table[part];
    if (!Object.hasOwn(table, part) || !isTable(next)) return undefined;
    table = next;
  }
  return table;
}

/** A non-table value by dotted path (Helm's Values.PathValue); undefined when missing. */
export function pathValue(v: Values, path: string): { value: unknown } | undefined {
  if (path === "") return undefined;
  const parts = path.split(".");
  const key = parts.pop() as string;
  const table = parts.length === 0 ? v : valuesTable(v, parts.join("."));
  if (table === undefined || !Object.hasOwn(table, key) || isTable(table[key])) return undefined;
  return { value: table[key] };
}

/** Helm routes log.Printf through slog: such lines print as `level=INFO msg="…"`. */
function asSlogInfo(warn: Warn): Warn {
  return (m) => warn(`level=INFO msg=${JSON.stringify(m)}`);
}

function copyMetadata(md: Metadata): Metadata {
  return {
    ...md,
    dependencies: md.dependencies.map((d) => (d === null ? null : { ...d })),
  };
}

function shallowCopyChart(c: Chart): Chart {
  return { ...c, metadata: copyMetadata(c.metadata), dependencies: [] };
}

function aliasDependency(charts: readonly Chart[], dep: Dependency): Chart | undefined {
  for (const c of charts) {
    if (c.metadata.name !== dep.name) continue;
    if (!isCompatibleRange(dep.version, c.metadata.version)) continue;
    const out = shallowCopyChart(c);
    setDependencies(
      out,
      c.dependencies.map((d) => ({ ...d })),
    );
    if (dep.alias !== "") out.metadata.name = dep.alias;
    return out;
  }
  return undefined;
}

function processTags(reqs: readonly Dependency[], cvals: Values, warn: Warn): void {
  const tags = valuesTable(cvals, "tags");
  if (tags === undefined) return;
  for (const r of reqs) {
    let hasTrue = false;
    let hasFalse = false;
    for (const k of r.tags) {
      if (!Object.hasOwn(tags, k)) continue;
      const b = tags[k];
      if (typeof b === "boolean") {
        if (b) hasTrue = true;
        else hasFalse = true;
      } else {
        warn(`level=WARN msg="returned non-bool value" tag=${k} chart=${r.name}`);
      }
    }
    if (!hasTrue && hasFalse) r.enabled = false;
    else if (hasTrue || (!hasTrue && !hasFalse)) r.enabled = true;
  }
}

function processConditions(
  reqs: readonly Dependency[],
  cvals: Values,
  cpath: string,
  warn: Warn,
): void {
  for (const r of reqs) {
    for (const c of r.condition.trim().split(",")) {
      if (c === "") continue;
      const found = pathValue(cvals, cpath + c);
      if (found === undefined) continue;
      if (typeof found.value === "boolean") {
        r.enabled = found.value;
        break;
      }
      warn(`level=WARN msg="returned non-bool value" path=${c} chart=${r.name}`);
    }
  }
}

function processEnabled(c: Chart, v: Values, path: string, warn: Warn): void {
  const reqs = c.metadata.dependencies.filter((d): d is Dependency => d !== null);
  if (c.metadata.dependencies.length === 0) return;
  const chartDependencies: Chart[] = [];
  for (const existing of c.dependencies) {
    const listed = reqs.some(
      (r) =>
        existing.metadata.name === r.name &&
        isCompatibleRange(r.version, existing.metadata.version),
    );
    if (!listed) chartDependencies.push(existing);
  }
  for (const req of reqs) {
    const dep = aliasDependency(c.dependencies, req);
    if (dep !== undefined) chartDependencies.push(dep);
    if (req.alias !== "") req.name = req.alias;
  }
  setDependencies(c, chartDependencies);
  for (const r of reqs) r.enabled = true;
  const cvals = coalesceValues(c, v, asSlogInfo(warn));
  processTags(reqs, cvals, warn);
  processConditions(reqs, cvals, path, warn);
  const disabled = new Set(reqs.filter((r) => !r.enabled).map((r) => r.name));
  const kept = c.dependencies.filter((d) => !disabled.has(d.metadata.name));
  const keptMeta = reqs.filter((r) => !disabled.has(r.name));
  for (const t of kept) processEnabled(t, cvals, `${path}${t.metadata.name}.`, warn);
  c.metadata.dependencies = keptMeta;
  setDependencies(c, kept);
}

function pathToMap(path: string, data: Values): Values {
  if (path === ".") return data;
  let cur: Values = data;
  for (const part of path.split(".").reverse()) cur = { [part]: cur };
  return cur;
}

function processImportValues(c: Chart, warn: Warn): void {
  if (c.metadata.dependencies.length === 0) return;
  const cvals = mergeValues(c, null, asSlogInfo(warn));
  let b: Values = {};
  for (const r of c.metadata.dependencies) {
    if (r === null) continue;
    const outiv: unknown[] = [];
    for (const riv of r.importValues) {
      if (isTable(riv)) {
        const child = goSprintV(riv["child"]);
        const parent = goSprintV(riv["parent"]);
        outiv.push({ child, parent });
        const vv = valuesTable(cvals, `${r.name}.${child}`);
        if (vv === undefined) {
          warn(
            `level=WARN msg="ImportValues missing table from chart" chart=${r.name} error="no table named \\"${child.split(".").pop()}\\""`,
          );
          continue;
        }
        b = mergeTables(b, pathToMap(parent, copyValues(vv)), asSlogInfo(warn));
      } else if (typeof riv === "string") {
        const child = `exports.${riv}`;
        outiv.push({ child, parent: "." });
        const vm = valuesTable(cvals, `${r.name}.${child}`);
        if (vm === undefined) {
          warn(`level=WARN msg="ImportValues missing table" error="no table named \\"${riv}\\""`);
          continue;
        }
        b = mergeTables(b, copyValues(vm), asSlogInfo(warn));
      }
    }
    r.importValues = outiv;
  }
  c.values = mergeTables(copyValues(cvals), b, asSlogInfo(warn));
}

/** Go's fmt.Sprintf("%v", x) for the simple values import-values may hold. */
function goSprintV(v: unknown): string {
  if (v === undefined || v === null) return "<nil>";
  return String(v);
}

function processImportValuesTree(c: Chart, warn: Warn): void {
  for (const d of c.dependencies) processImportValuesTree(d, warn);
  processImportValues(c, warn);
}

/**
 * Applies conditions, tags and aliases (dropping disabled subcharts) and imports values from
 * subcharts, mutating the chart tree (Helm's ProcessDependencies).
 */
export function processDependencies(chart: Chart, vals: Values, warn: Warn = () => {}): void {
  processEnabled(chart, vals, "", warn);
  processImportValuesTree(chart, warn);
}
