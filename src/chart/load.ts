/**
 * loadChartFiles: a list of {name, data} files → Chart tree (Helm's LoadFiles). Pure: archives
 * of subcharts (`charts/*.tgz`) are expanded through the injected `expandArchive`.
 */
import { HcpError } from "../errors.ts";
import { type Chart, type ChartFile, setDependencies } from "./chart.ts";
import {
  API_VERSION_V1,
  applyMetadata,
  emptyMetadata,
  type Lock,
  type Metadata,
  parseDependency,
  validateMetadata,
} from "./metadata.ts";
import { readValues } from "./values.ts";
import { parseYamlDocument } from "./yaml.ts";

/** Expands a chart archive (.tgz bytes) into its files, names relative to the chart root. */
export type ExpandArchive = (data: Uint8Array) => ChartFile[];

/** Options of loadChartFiles. */
export interface LoadOptions {
  readonly expandArchive: ExpandArchive;
  /** Receives loader warnings (Helm prints them through log.Print). */
  readonly warn?: (message: string) => void;
}

const decoder = new TextDecoder();

function text(f: ChartFile): string {
  return decoder.decode(f.data);
}

function parseLock(f: ChartFile): Lock {
  const raw = parseYamlDocument(text(f), f.name);
  const obj = (raw ?? {}) as Record<string, unknown>;
  const deps = Array.isArray(obj["dependencies"]) ? obj["dependencies"] : [];
  return {
    generated: typeof obj["generated"] === "string" ? obj["generated"] : "",
    digest: typeof obj["digest"] === "string" ? obj["digest"] : "",
    dependencies: deps.map(parseDependency),
    plugins: Array.isArray(obj["plugins"]) ? obj["plugins"] : [],
  };
}

function chartError(message: string, cause?: unknown): HcpError {
  return new HcpError("CHART_LOAD", message, cause === undefined ? {} : { cause });
}

function wrapLoad(what: string, fn: () => void): void {
  try {
    fn();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw chartError(`cannot load ${what}: ${message}`, err);
  }
}

/**
 * Builds a Chart from its files (Helm's LoadFiles): Chart.yaml, Chart.lock, values.yaml,
 * values.schema.json, requirements.yaml/.lock (v1), templates/, charts/ (directories and
 * .tgz), everything else as Files.
 * @throws HcpError CHART_LOAD / CHART_INVALID_METADATA with Helm's messages.
 */
export function loadChartFiles(files: readonly ChartFile[], options: LoadOptions): Chart {
  let metadata: Metadata | undefined;
  const chart: Chart = {
    metadata: emptyMetadata(),
    lock: undefined,
    templates: [],
    values: {},
    schema: undefined,
    files: [],
    parent: undefined,
    dependencies: [],
  };
  for (const f of files) {
    if (f.name !== "Chart.yaml") continue;
    wrapLoad("Chart.yaml", () => {
      metadata = applyMetadata(metadata ?? emptyMetadata(), parseYamlDocument(text(f), f.name));
    });
    if (metadata !== undefined && metadata.apiVersion === "") metadata.apiVersion = API_VERSION_V1;
  }
  const subcharts = new Map<string, ChartFile[]>();
  for (const f of files) {
    const name = f.name;
    if (name === "Chart.yaml") continue;
    if (name === "Chart.lock") {
      wrapLoad("Chart.lock", () => {
        chart.lock = parseLock(f);
      });
    } else if (name === "values.yaml") {
      wrapLoad("values.yaml", () => {
        chart.values = readValues(text(f), name);
      });
    } else if (name === "values.schema.json") {
      chart.schema = f.data;
    } else if (name === "requirements.yaml") {
      metadata ??= emptyMetadata();
      if (metadata.apiVersion !== API_VERSION_V1) {
        options.warn?.(
          'Warning: Dependencies are handled in Chart.yaml since apiVersion "v2". We recommend migrating dependencies to Chart.yaml.',
        );
      }
      const md = metadata;
      wrapLoad("requirements.yaml", () => {
        applyMetadata(md, parseYamlDocument(text(f), name));
      });
      if (metadata.apiVersion === API_VERSION_V1) chart.files.push(f);
    } else if (name === "requirements.lock") {
      wrapLoad("requirements.lock", () => {
        chart.lock = parseLock(f);
      });
      metadata ??= emptyMetadata();
      if (metadata.apiVersion !== API_VERSION_V1) {
        options.warn?.(
          'Warning: Dependency locking is handled in Chart.lock since apiVersion "v2". We recommend migrating to Chart.lock.',
        );
      }
      if (metadata.apiVersion === API_VERSION_V1) chart.files.push(f);
    } else if (name.startsWith("templates/")) {
      chart.templates.push(f);
    } else if (name.startsWith("charts/")) {
      if (name.endsWith(".prov")) {
        chart.files.push(f);
        continue;
      }
      const rest = name.slice("charts/".length);
      const slash = rest.indexOf("/");
      const cname = slash < 0 ? rest : rest.slice(0, slash);
      let list = subcharts.get(cname);
      if (list === undefined) {
        list = [];
        subcharts.set(cname, list);
      }
      list.push({ name: rest, data: f.data });
    } else {
      chart.files.push(f);
    }
  }
  if (metadata === undefined) throw chartError("Chart.yaml file is missing");
  chart.metadata = metadata;
  validateMetadata(metadata);

  const deps: Chart[] = [];
  for (const [n, list] of [...subcharts.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (n.startsWith("_") || n.startsWith(".")) continue;
    let sub: Chart;
    try {
      if (n.endsWith(".tgz")) {
        const file = list[0] as ChartFile;
        if (file.name !== n) {
          throw chartError(
            `error unpacking subchart tar in ${metadata.name}: expected ${n}, got ${file.name}`,
          );
        }
        sub = loadChartFiles(options.expandArchive(file.data), options);
      } else {
        const inner: ChartFile[] = [];
        for (const f of list) {
          const slash = f.name.indexOf("/");
          if (slash < 0) continue;
          inner.push({ name: f.name.slice(slash + 1), data: f.data });
        }
        sub = loadChartFiles(inner, options);
      }
    } catch (err) {
      if (err instanceof HcpError && err.message.startsWith("error unpacking subchart tar"))
        throw err;
      const message = err instanceof Error ? err.message : String(err);
      throw chartError(`error unpacking subchart ${n} in ${metadata.name}: ${message}`, err);
    }
    deps.push(sub);
  }
  setDependencies(chart, deps);
  return chart;
}
