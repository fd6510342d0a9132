/**
 * What hcp remembers about an installed plugin beyond Helm's files: where it was installed
 * from, so `hcp plugin update` can reinstall it. One small JSON file per plugin under
 * `<plugins dir>/.hcp-sources/` (Helm's discovery only looks at `*\/plugin.yaml`, so it
 * ignores this directory).
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { removePath, writeFileAtomic } from "../files/index.ts";

/** The recorded origin of an installed plugin. */
export interface SourceRecord {
  readonly source: string;
  readonly kind: "dir" | "archive" | "http" | "oci";
  readonly verify: boolean;
  readonly keyring?: string;
  /** Transport flags given at install (never credentials). */
  readonly plainHttp?: boolean;
  readonly insecureSkipTlsVerify?: boolean;
  readonly caFile?: string;
  readonly certFile?: string;
  readonly keyFile?: string;
}

/** Directory holding the source records. */
export const SOURCES_DIR = ".hcp-sources";

function recordPath(pluginsDir: string, name: string): string {
  return join(pluginsDir, SOURCES_DIR, `${name}.json`);
}

/** Records where plugin `name` came from. */
export async function writeSourceRecord(
  pluginsDir: string,
  name: string,
  record: SourceRecord,
): Promise<void> {
  await writeFileAtomic(recordPath(pluginsDir, name), `${JSON.stringify(record, null, 2)}\n`);
}

/** Reads the recorded source of plugin `name`; undefined when none (or unreadable). */
export async function readSourceRecord(
  pluginsDir: string,
  name: string,
): Promise<SourceRecord | undefined> {
  try {
    const value = JSON.parse(await readFile(recordPath(pluginsDir, name), "utf8")) as unknown;
    if (typeof value !== "object" || value === null) return undefined;
    const r = value as Record<string, unknown>;
    if (typeof r.source !== "string" || typeof r.verify !== "boolean") return undefined;
    if (!["dir", "archive", "http", "oci"].includes(String(r.kind))) return undefined;
    return {
      source: r.source,
      kind: r.kind as SourceRecord["kind"],
      verify: r.verify,
      ...(typeof r.keyring === "string" ? { keyring: r.keyring } : {}),
      ...(r.plainHttp === true ? { plainHttp: true } : {}),
      ...(r.insecureSkipTlsVerify === true ? { insecureSkipTlsVerify: true } : {}),
      ...(typeof r.caFile === "string" ? { caFile: r.caFile } : {}),
      ...(typeof r.certFile === "string" ? { certFile: r.certFile } : {}),
      ...(typeof r.keyFile === "string" ? { keyFile: r.keyFile } : {}),
    };
  } catch {
    return undefined;
  }
}

/** Forgets the recorded source of plugin `name`. */
export async function removeSourceRecord(pluginsDir: string, name: string): Promise<void> {
  await removePath(recordPath(pluginsDir, name));
}
