/**
 * `hcp plugin update NAME...`: reinstalls each plugin from the source recorded at install
 * time (Helm 4 can only update VCS checkouts; hcp updates archives, URLs and oci:// refs),
 * then runs its update hook. A development link is already current: only the hook runs.
 * The new version is staged beside the old one and swapped in with renames; a failure
 * leaves the old plugin as it was.
 */
import { rename } from "node:fs/promises";
import { dirname } from "node:path";
import { formatErrorChain, HcpError } from "../errors.ts";
import { makeStagingDir, removePath } from "../files/index.ts";
import type { Logger } from "../log.ts";
import { keptArchivePaths, type PluginRecord } from "../plugin/index.ts";
import type { Settings } from "../settings/index.ts";
import { forEachNamedPlugin } from "./plugin-each.ts";
import { installPlugin } from "./plugin-install.ts";
import { runHook } from "./plugin-runtimes.ts";
import type { SourceOptions } from "./plugin-source.ts";
import { readSourceRecord, type SourceRecord, writeSourceRecord } from "./plugin-state.ts";

/** Options of updatePlugins. */
export interface PluginUpdateOptions extends SourceOptions {
  readonly names: readonly string[];
  readonly settings: Settings;
  readonly cwd: string;
  readonly log?: Logger;
  readonly report: (line: string) => void;
  readonly hookStdout?: (chunk: Uint8Array) => void;
}

/**
 * Updates plugins by name.
 * @throws HcpError PLUGIN_UPDATE_FAILED (joined, one line per failed name)
 */
export async function updatePlugins(options: PluginUpdateOptions): Promise<void> {
  const problems = await forEachNamedPlugin({ ...options, verb: "update" }, async (record) => {
    const name = record.metadata.name;
    try {
      await updateOne(record, options);
      options.report(`Updated plugin: ${name}`);
      return undefined;
    } catch (err) {
      if (err instanceof HcpError && err.code === "PLUGIN_NO_SOURCE") {
        options.log?.warn(err.message);
        return `failed to update plugin ${name}, got error (${err.message})`;
      }
      return formatErrorChain(err);
    }
  });
  if (problems.length > 0) {
    throw new HcpError("PLUGIN_UPDATE_FAILED", problems.join("\n"));
  }
}

async function updateOne(record: PluginRecord, options: PluginUpdateOptions): Promise<void> {
  const pluginsDir = dirname(record.dir);
  const source = await readSourceRecord(pluginsDir, record.metadata.name);
  if (!source) {
    throw new HcpError("PLUGIN_NO_SOURCE", "cannot get information about plugin source", {
      hint: "reinstall the plugin with hcp plugin install so hcp records where it came from",
    });
  }
  if (source.kind === "dir") {
    await runHook(record, "update", options.settings, options.hookStdout);
    return;
  }
  // Move the old plugin aside, install fresh, and put the old one back on any failure.
  const aside = await makeStagingDir(record.dir);
  await removePath(aside);
  await rename(record.dir, aside);
  try {
    const { record: fresh } = await installPlugin({
      ...options,
      source: source.source,
      verify: source.verify,
      ...(source.keyring ? { keyring: source.keyring } : {}),
      ...(source.plainHttp ? { plainHttp: true } : {}),
      ...(source.insecureSkipTlsVerify ? { insecureSkipTlsVerify: true } : {}),
      ...(source.caFile ? { caFile: source.caFile } : {}),
      ...(source.certFile ? { certFile: source.certFile } : {}),
      ...(source.keyFile ? { keyFile: source.keyFile } : {}),
      report: (line) => {
        if (!line.startsWith("Installed plugin:")) options.report(line);
      },
      skipHook: true,
    });
    await removePath(aside);
    if (fresh.metadata.version !== record.metadata.version) {
      const old = keptArchivePaths(pluginsDir, record.metadata);
      await removePath(old.tarball);
      await removePath(old.prov);
    }
    await restoreRecord(pluginsDir, fresh.metadata.name, source);
    await runHook(fresh, "update", options.settings, options.hookStdout);
  } catch (err) {
    await removePath(record.dir);
    await rename(aside, record.dir);
    await restoreRecord(pluginsDir, record.metadata.name, source);
    throw err;
  }
}

async function restoreRecord(pluginsDir: string, name: string, source: SourceRecord) {
  await writeSourceRecord(pluginsDir, name, source);
}
