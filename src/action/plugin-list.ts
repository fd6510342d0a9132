/**
 * `hcp plugin list`: the installed plugins in discovery order with Helm 4's columns (NAME,
 * VERSION, TYPE, APIVERSION, PROVENANCE, SOURCE). The provenance status comes from an
 * injected function so listing never loads openpgp.
 */
import type { Logger } from "../log.ts";
import { findPlugins, type PluginRecord, type PluginType } from "../plugin/index.ts";
import type { Settings } from "../settings/index.ts";

/** One row of `plugin list`. */
export interface PluginListRow {
  readonly record: PluginRecord;
  readonly name: string;
  readonly version: string;
  readonly type: string;
  readonly apiVersion: string;
  readonly runtime: string;
  readonly provenance: string;
  readonly source: string;
}

/** Computes the PROVENANCE column for a set of plugins (Helm's signing status). */
export type ProvenanceStatus = (records: readonly PluginRecord[]) => Promise<readonly string[]>;

/** Options of listPlugins. */
export interface PluginListOptions {
  readonly settings: Settings;
  readonly type?: PluginType;
  readonly log?: Logger;
  readonly status?: ProvenanceStatus;
}

/** Helm's PROVENANCE words from the kept tarball/.prov (no signature check, no openpgp). */
export const signingStatuses: ProvenanceStatus = async (records) => {
  const { getSigningInfo } = await import("../plugin/signing.ts");
  // Concurrently; plugins sharing a name share the first one's status (as Helm).
  const first = new Map<string, PluginRecord>();
  for (const r of records) if (!first.has(r.metadata.name)) first.set(r.metadata.name, r);
  const names = [...first.keys()];
  const infos = await Promise.all(names.map((n) => getSigningInfo(first.get(n) as PluginRecord)));
  const byName = new Map(names.map((n, i) => [n, infos[i]?.status ?? "unknown"]));
  return records.map((r) => byName.get(r.metadata.name) ?? "unknown");
};

/** Lists installed plugins. @throws HcpError PLUGIN_DUPLICATE */
export async function listPlugins(options: PluginListOptions): Promise<PluginListRow[]> {
  const records = await findPlugins(options.settings.pluginsDirectories, {
    ...(options.type ? { type: options.type } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  const statuses = await (options.status ?? signingStatuses)(records);
  return records.map((record, i) => ({
    record,
    name: record.metadata.name,
    version: record.metadata.version,
    type: record.metadata.type,
    apiVersion: record.metadata.apiVersion,
    runtime: record.metadata.runtime,
    provenance: statuses[i] ?? "unknown",
    source: record.metadata.sourceURL || "unknown",
  }));
}

/**
 * Formats rows as Helm's table (uitable): every cell right-padded to its column's widest
 * display width, cells joined by a TAB (also after the last column), one final newline.
 */
export function formatPluginTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  if (rows.length === 0) return `${header.join("\t")}\n`;
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => Bun.stringWidth(r[c] ?? ""))));
  return `${all
    .map((r) =>
      r.map((cell, c) => cell + " ".repeat((widths[c] ?? 0) - Bun.stringWidth(cell))).join("\t"),
    )
    .join("\n")}\n`;
}
