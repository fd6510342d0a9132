/**
 * Values coalescing exactly as Helm's chartutil: chart defaults under user values, subchart
 * sections scoped by name, globals copied down, `null` deleting a default (coalesce mode) or
 * kept (merge mode, used while importing values), and Helm's warnings on type conflicts.
 */
import { formatValue } from "../template/fmt.ts";
import type { Chart } from "./chart.ts";
import { copyValues, isTable, type Values } from "./values.ts";

/** The values key shared by a chart and all its subcharts. */
export const GLOBAL_KEY = "global";

/** Receives Helm's coalescing warnings (printed on stderr). */
export type Warn = (message: string) => void;

function concatPrefix(a: string, b: string): string {
  return a === "" ? b : `${a}.${b}`;
}

/**
 * Coalesces the chart's default values (and its subcharts') under `vals`; `null` in `vals`
 * deletes a default. Returns a new tree; `vals` is not modified (Helm's CoalesceValues).
 */
export function coalesceValues(chart: Chart, vals: Values | null, warn: Warn = () => {}): Values {
  return coalesce(warn, chart, copyValues(vals ?? {}), "", false);
}

/** Like coalesceValues but keeps `null` values (Helm's MergeValues). */
export function mergeValues(chart: Chart, vals: Values | null, warn: Warn = () => {}): Values {
  return coalesce(warn, chart, copyValues(vals ?? {}), "", true);
}

function coalesce(warn: Warn, ch: Chart, dest: Values, prefix: string, merge: boolean): Values {
  coalesceChartValues(warn, ch, dest, prefix, merge);
  return coalesceDeps(warn, ch, dest, prefix, merge);
}

function coalesceDeps(warn: Warn, ch: Chart, dest: Values, prefix: string, merge: boolean): Values {
  for (const sub of ch.dependencies) {
    const name = sub.metadata.name;
    if (!Object.hasOwn(dest, name)) {
      dest[name] = {};
    } else if (!isTable(dest[name])) {
      throw new Error(
        `type mismatch on ${name}: %!t(${goTypeForT(dest[name])}=${formatValue(dest[name])})`,
      );
    }
    const dvmap = dest[name] as Values;
    const subPrefix = concatPrefix(prefix, ch.metadata.name);
    coalesceGlobals(warn, dvmap, dest, subPrefix);
    dest[name] = coalesce(warn, sub, dvmap, subPrefix, merge);
  }
  return dest;
}

function goTypeForT(v: unknown): string {
  if (typeof v === "string") return "string";
  if (typeof v === "number") return "float64";
  if (typeof v === "bigint") return "int64";
  if (Array.isArray(v)) return "[]interface {}";
  return "<nil>";
}

function coalesceGlobals(warn: Warn, dest: Values, src: Values, prefix: string): void {
  let dg: Values;
  let sg: Values;
  const destGlob = dest[GLOBAL_KEY];
  if (!Object.hasOwn(dest, GLOBAL_KEY)) dg = {};
  else if (isTable(destGlob)) dg = destGlob;
  else {
    warn(`warning: skipping globals because destination ${GLOBAL_KEY} is not a table.`);
    return;
  }
  const srcGlob = src[GLOBAL_KEY];
  if (!Object.hasOwn(src, GLOBAL_KEY)) sg = {};
  else if (isTable(srcGlob)) sg = srcGlob;
  else {
    warn(`warning: skipping globals because source ${GLOBAL_KEY} is not a table.`);
    return;
  }
  for (const key of Object.keys(sg).sort()) {
    const val = sg[key];
    if (isTable(val)) {
      const vv: Values = { ...val };
      if (!Object.hasOwn(dg, key)) {
        dg[key] = vv;
      } else {
        const destv = dg[key];
        if (!isTable(destv)) {
          warn(`Conflict: cannot merge map onto non-map for ${JSON.stringify(key)}. Skipping.`);
        } else {
          coalesceTablesFullKey(warn, vv, destv, concatPrefix(prefix, key), true);
          dg[key] = vv;
        }
      }
    } else if (Object.hasOwn(dg, key) && isTable(dg[key])) {
      warn(`key ${key} is table. Skipping`);
    } else {
      dg[key] = val;
    }
  }
  dest[GLOBAL_KEY] = dg;
}

function coalesceChartValues(
  warn: Warn,
  ch: Chart,
  v: Values,
  prefix: string,
  merge: boolean,
): void {
  const subPrefix = concatPrefix(prefix, ch.metadata.name);
  const vc = copyValues(ch.values);
  for (const key of Object.keys(vc)) {
    const val = vc[key];
    if (Object.hasOwn(v, key)) {
      const value = v[key];
      if (value === null && !merge) {
        delete v[key];
      } else if (isTable(value)) {
        if (!isTable(val)) {
          if (val !== null) warn(`warning: skipped value for ${subPrefix}.${key}: Not a table.`);
        } else {
          const childMerge = ch.dependencies.some((d) => d.metadata.name === key) || merge;
          coalesceTablesFullKey(warn, value, val, concatPrefix(subPrefix, key), childMerge);
        }
      }
    } else {
      v[key] = val;
    }
  }
}

/** Fills `dst` with what `src` has and `dst` lacks (Helm's CoalesceTables); dst wins. */
export function coalesceTables(dst: Values, src: Values, warn: Warn = () => {}): Values {
  return coalesceTablesFullKey(warn, dst, src, "", false);
}

/** Like coalesceTables but keeps nulls (Helm's MergeTables). */
export function mergeTables(dst: Values, src: Values, warn: Warn = () => {}): Values {
  return coalesceTablesFullKey(warn, dst, src, "", true);
}

function coalesceTablesFullKey(
  warn: Warn,
  dst: Values | null,
  src: Values | null,
  prefix: string,
  merge: boolean,
): Values {
  if (src === null) return dst ?? {};
  if (dst === null) return src;
  // Keys dst holds as null: src's value becomes null too (Go: src[key] = nil), but a key src
  // had non-null before that is deleted from dst below unless merging.
  let srcOriginalNonNil: Set<string> | undefined;
  for (const key of Object.keys(dst)) {
    if (dst[key] !== null) continue;
    if (Object.hasOwn(src, key) && src[key] !== null) {
      srcOriginalNonNil ??= new Set();
      srcOriginalNonNil.add(key);
    }
    src[key] = null;
  }
  for (const key of Object.keys(src).sort()) {
    const val = src[key];
    const present = Object.hasOwn(dst, key);
    const dv = dst[key];
    if (present && !merge && dv === null && srcOriginalNonNil?.has(key)) {
      delete dst[key];
    } else if (!present) {
      dst[key] = val;
    } else if (isTable(val)) {
      const fullkey = concatPrefix(prefix, key);
      if (isTable(dv)) {
        coalesceTablesFullKey(warn, dv, val, fullkey, merge);
      } else {
        warn(`warning: cannot overwrite table with non table for ${fullkey} (${formatValue(val)})`);
      }
    } else if (isTable(dv) && val !== null) {
      warn(
        `warning: destination for ${concatPrefix(prefix, key)} is a table. Ignoring non-table value (${formatValue(val)})`,
      );
    }
  }
  return dst;
}
