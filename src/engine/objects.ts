/**
 * The built-in objects templates see: `.Chart` (Helm 4 passes chart metadata as a map with Go
 * field names plus IsRoot), `.Release`, `.Template`.
 */
import type { Chart } from "../chart/chart.ts";
import type { Dependency, Metadata } from "../chart/metadata.ts";
import { goInt, typedMap } from "../template/value.ts";

function dependencyAsMap(d: Dependency | null): unknown {
  if (d === null) return null;
  return {
    Name: d.name,
    Version: d.version,
    Repository: d.repository,
    Condition: d.condition,
    Tags: [...d.tags],
    Enabled: d.enabled,
    ImportValues: [...d.importValues],
    Alias: d.alias,
  };
}

/** Chart metadata as Helm's structToMap gives it to templates (`.Chart`). */
export function metadataAsMap(md: Metadata): Record<string, unknown> {
  return {
    Name: md.name,
    Home: md.home,
    Sources: [...md.sources],
    Version: md.version,
    Description: md.description,
    Keywords: [...md.keywords],
    Maintainers: md.maintainers.map((m) =>
      m === null ? null : { Name: m.name, Email: m.email, URL: m.url },
    ),
    Icon: md.icon,
    APIVersion: md.apiVersion,
    Condition: md.condition,
    Tags: md.tags,
    AppVersion: md.appVersion,
    Deprecated: md.deprecated,
    Annotations: typedMap({ ...md.annotations }, "map[string]string"),
    KubeVersion: md.kubeVersion,
    Dependencies: md.dependencies.map(dependencyAsMap),
    Type: md.type,
  };
}

/** `.Chart` of one chart of the tree. */
export function chartObject(chart: Chart): Record<string, unknown> {
  const m = metadataAsMap(chart.metadata);
  m["IsRoot"] = chart.parent === undefined;
  return m;
}

/** Release options (Helm's ReleaseOptions). */
export interface ReleaseOptions {
  readonly name: string;
  readonly namespace: string;
  readonly revision: number;
  readonly isUpgrade: boolean;
  readonly isInstall: boolean;
}

/** `.Release` as a map (Helm's ToRenderValues). */
export function releaseObject(r: ReleaseOptions): Record<string, unknown> {
  return {
    Name: r.name,
    Namespace: r.namespace,
    IsUpgrade: r.isUpgrade,
    IsInstall: r.isInstall,
    Revision: goInt(r.revision),
    Service: "Helm",
  };
}
