/**
 * The plugin parts of Chart.yaml and Chart.lock (spec chart-defined-plugins §2, §6):
 * `plugins` entries with load-time validation, and the lock file read/written with Helm's
 * sorted keys, `digest` as 64 lower-case hex per plugin. A small local parse until the chart
 * model carries `plugins`; it keeps every other Chart.lock field as it was.
 */
import { Document, type Scalar } from "yaml";
import { HcpError } from "../errors.ts";
import { PLUGIN_TYPES } from "../plugin/index.ts";

/** One Chart.yaml `plugins` entry. */
export interface ChartPlugin {
  readonly name: string;
  readonly type: string;
  readonly repository: string;
  readonly version: string;
}

/** One Chart.lock `plugins` entry: the Chart.yaml entry plus the tarball's SHA-256 (hex). */
export interface LockedPlugin extends ChartPlugin {
  readonly digest: string;
}

/** Chart.lock, as far as hcp reads and writes it. */
export interface ChartLock {
  /** Subchart dependencies, kept as they were (null when none). */
  readonly dependencies: unknown[] | null;
  /** Helm's hash of the chart dependencies (not of plugins). */
  readonly digest: string;
  readonly generated: string;
  readonly plugins: readonly LockedPlugin[];
}

/** Chart.lock digest when a chart has no dependencies: sha256 of `[[],[]]` (as Helm). */
export const EMPTY_DEPENDENCIES_DIGEST =
  "sha256:643d5437104296e21d906ecb15b2c96ad278f20cfc4af53b12bb6069bd853726";

const HEX = /^[a-f0-9]{64}$/;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Whitespace-normalises a Chart.yaml string like Helm's sanitizeString (trim, collapse). */
function clean(value: unknown): string {
  if (value === undefined || value === null) return "";
  return String(value).trim();
}

/**
 * Reads and validates the `plugins` list of a parsed Chart.yaml. Reports every problem at
 * once: null entries, missing name/type/repository, duplicate names, unsupported types.
 * @throws HcpError CHART_INVALID_PLUGINS
 */
export function readChartPlugins(chartYaml: unknown, file = "Chart.yaml"): ChartPlugin[] {
  if (!isRecord(chartYaml)) return [];
  const raw = chartYaml.plugins;
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    throw new HcpError("CHART_INVALID_PLUGINS", "plugins must be a list", { file });
  }
  const problems: string[] = [];
  const seen = new Set<string>();
  const plugins: ChartPlugin[] = [];
  raw.forEach((entry, i) => {
    if (!isRecord(entry)) {
      problems.push(`plugins[${i}]: plugin entry cannot be empty`);
      return;
    }
    const plugin: ChartPlugin = {
      name: clean(entry.name),
      type: clean(entry.type),
      repository: clean(entry.repository),
      version: clean(entry.version),
    };
    for (const field of ["name", "type", "repository"] as const) {
      if (plugin[field] === "") problems.push(`plugins[${i}]: ${field} is required`);
    }
    if (plugin.type !== "" && !(PLUGIN_TYPES as readonly string[]).includes(plugin.type)) {
      problems.push(
        `plugins[${i}] "${plugin.name}": unsupported plugin type "${plugin.type}" (supported: ${PLUGIN_TYPES.join(", ")})`,
      );
    }
    if (plugin.name !== "" && seen.has(plugin.name)) {
      problems.push(`plugins[${i}]: duplicate plugin name "${plugin.name}"`);
    }
    seen.add(plugin.name);
    plugins.push(plugin);
  });
  if (problems.length > 0) {
    throw new HcpError(
      "CHART_INVALID_PLUGINS",
      `invalid plugins in ${file}:\n${problems.join("\n")}`,
      {
        file,
        hint: "each plugins entry needs name, type, repository and version",
      },
    );
  }
  return plugins;
}

/** Reports whether the chart asks for subchart `dependencies`. */
export function hasChartDependencies(chartYaml: unknown): boolean {
  return (
    isRecord(chartYaml) &&
    Array.isArray(chartYaml.dependencies) &&
    chartYaml.dependencies.length > 0
  );
}

/**
 * Reads a parsed Chart.lock; entries without a valid digest are errors.
 * @throws HcpError CHART_INVALID_LOCK
 */
export function readChartLock(lockYaml: unknown, file = "Chart.lock"): ChartLock {
  if (!isRecord(lockYaml)) {
    throw new HcpError("CHART_INVALID_LOCK", "Chart.lock is not a YAML mapping", { file });
  }
  const plugins: LockedPlugin[] = [];
  const raw = lockYaml.plugins ?? [];
  if (!Array.isArray(raw))
    throw new HcpError("CHART_INVALID_LOCK", "plugins must be a list", { file });
  raw.forEach((entry, i) => {
    if (!isRecord(entry))
      throw new HcpError("CHART_INVALID_LOCK", `plugins[${i}] is empty`, { file });
    const digest = clean(entry.digest).replace(/^sha256:/, "");
    if (!HEX.test(digest)) {
      throw new HcpError(
        "CHART_INVALID_LOCK",
        `plugins[${i}] "${clean(entry.name)}": digest "${clean(entry.digest)}" is not 64 lower-case hex`,
        { file, hint: "run 'hcp dependency update' to rewrite the lock" },
      );
    }
    plugins.push({
      name: clean(entry.name),
      type: clean(entry.type),
      repository: clean(entry.repository),
      version: clean(entry.version),
      digest,
    });
  });
  return {
    dependencies: Array.isArray(lockYaml.dependencies) ? lockYaml.dependencies : null,
    digest: typeof lockYaml.digest === "string" ? lockYaml.digest : EMPTY_DEPENDENCIES_DIGEST,
    generated: clean(lockYaml.generated),
    plugins,
  };
}

/** Prints Chart.lock with Helm's alphabetical keys; `plugins` omitted when empty. */
export function formatChartLock(lock: ChartLock): string {
  const doc: Record<string, unknown> = {
    dependencies: lock.dependencies,
    digest: lock.digest,
    generated: lock.generated,
  };
  if (lock.plugins.length > 0) {
    doc.plugins = lock.plugins.map((p) => ({
      digest: p.digest,
      name: p.name,
      repository: p.repository,
      type: p.type,
      version: p.version,
    }));
  }
  const yaml = new Document(doc);
  // Helm (sigs.k8s.io/yaml) quotes the timestamp so that YAML readers keep it a string.
  const generated = yaml.get("generated", true) as Scalar | undefined;
  if (generated !== undefined) generated.type = "QUOTE_DOUBLE";
  return yaml.toString({ lineWidth: 0, indentSeq: false });
}

/** Reports whether a lock entry pins exactly this Chart.yaml entry (all four fields). */
export function isLockedAs(entry: ChartPlugin, locked: LockedPlugin | undefined): boolean {
  return (
    locked !== undefined &&
    locked.name === entry.name &&
    locked.type === entry.type &&
    locked.repository === entry.repository &&
    locked.version === entry.version
  );
}

/** Reports whether two plugin lists pin the same plugins, digests included, in order. */
export function samePlugins(a: readonly LockedPlugin[], b: readonly LockedPlugin[]): boolean {
  return (
    a.length === b.length && a.every((p, i) => isLockedAs(p, b[i]) && p.digest === b[i]?.digest)
  );
}
