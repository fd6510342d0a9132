/**
 * `hcp plugin install`: Helm 4's install flow with hcp's fixes (spec §9, §12 #6/#7). A local
 * directory is symlinked (development mode); an archive (local, https, oci://) is verified
 * against its .prov unless --verify=false, read safely in memory, named from the plugin.yaml
 * inside it, staged in a temp dir beside the target and renamed into place. The install hook
 * runs last; if anything fails, nothing is left behind and an existing plugin is untouched.
 */
import { lstat, mkdir, rename, symlink, unlink } from "node:fs/promises";
import { join, resolve } from "node:path";
import { HcpError } from "../errors.ts";
import {
  type ArchiveEntry,
  makeStagingDir,
  readArchive,
  removePath,
  writeEntries,
  writeFileAtomic,
} from "../files/index.ts";
import type { Logger } from "../log.ts";
import {
  isArchivePluginYaml,
  keptArchivePaths,
  loadPluginDir,
  PLUGIN_YAML,
  type PluginMetadata,
  type PluginRecord,
  parseMetadata,
} from "../plugin/index.ts";
import type { Settings } from "../settings/index.ts";
import { runHook } from "./plugin-runtimes.ts";
import {
  classifySource,
  type FetchedArchive,
  fetchArchive,
  type PluginSource,
  type SourceOptions,
  supportsVerification,
} from "./plugin-source.ts";
import { removeSourceRecord, writeSourceRecord } from "./plugin-state.ts";

/** Options of installPlugin. */
export interface PluginInstallOptions extends SourceOptions {
  readonly source: string;
  /** Check the .prov (default true, as Helm). Local directories are never verified. */
  readonly verify: boolean;
  /** Public keyring for verification (default: settings.defaultKeyring). */
  readonly keyring?: string;
  readonly settings: Settings;
  readonly cwd: string;
  readonly log?: Logger;
  /** Progress lines Helm prints on stdout (without the newline). */
  readonly report: (line: string) => void;
  /** Where hook output goes (default: hcp's stdout). */
  readonly hookStdout?: (chunk: Uint8Array) => void;
  /** Do not run the install hook (update runs its own hook instead). */
  readonly skipHook?: boolean;
}

/** What was installed. */
export interface PluginInstallResult {
  readonly record: PluginRecord;
  readonly source: PluginSource;
}

/** The directory installs go to: the first HELM_PLUGINS entry (hcp stance §12 #6). */
export function installDirectory(settings: Settings): string {
  return settings.pluginsDirectories[0] ?? join(settings.dataHome, "plugins");
}

async function exists(path: string): Promise<boolean> {
  return (await lstat(path).catch(() => undefined)) !== undefined;
}

function alreadyExists(path: string, log?: Logger): HcpError {
  log?.warn("plugin already exists", { path });
  return new HcpError("PLUGIN_EXISTS", "plugin already exists", {
    hint: "uninstall it first, or use hcp plugin update",
  });
}

/**
 * Installs a plugin from a directory, archive, https URL or oci:// reference.
 * @throws HcpError PLUGIN_EXISTS, PLUGIN_VERIFY_FAILED, PLUGIN_ARCHIVE_INVALID, FILES_*,
 *   PLUGIN_LOAD, PLUGIN_HOOK_FAILED, PLUGIN_SOURCE_UNSUPPORTED, GETTER_*, OCI_*
 */
export async function installPlugin(options: PluginInstallOptions): Promise<PluginInstallResult> {
  const source = await classifySource(options.source, options.cwd, options);
  const pluginsDir = installDirectory(options.settings);
  if (source.kind === "dir") {
    options.report("Installing plugin from local directory (development mode)");
    const record = await installDirectoryLink(source.path, pluginsDir, options);
    options.report(`Installed plugin: ${record.metadata.name}`);
    return { record, source };
  }
  if (options.verify && !supportsVerification(source)) {
    throw new HcpError(
      "PLUGIN_VERIFY_UNSUPPORTED",
      "plugin source does not support verification. Use --verify=false to skip verification",
    );
  }
  options.report(
    options.verify
      ? "Verifying plugin signature..."
      : "WARNING: Skipping plugin signature verification",
  );
  const downloaded = await fetchArchive(source, options.settings, options);
  const { metadata, entries, root } = await openPluginArchive(downloaded.tarball);
  // Matches Helm: an OCI plugin's .prov is checked for `<name>-<version>.tgz` of its plugin.yaml.
  const fetched =
    source.kind === "oci"
      ? { ...downloaded, filename: `${metadata.name}-${metadata.version}.tgz` }
      : downloaded;
  const target = join(pluginsDir, metadata.name);
  if (await exists(target)) throw alreadyExists(target, options.log);
  if (options.verify) await verifyArchive(fetched, options);
  const record = await placeArchive({ entries, root, metadata, target, pluginsDir, fetched });
  try {
    await writeSourceRecord(pluginsDir, metadata.name, {
      source:
        source.kind === "oci" ? source.ref : source.kind === "http" ? source.url : source.path,
      kind: source.kind,
      verify: options.verify,
      ...(options.keyring ? { keyring: resolve(options.cwd, options.keyring) } : {}),
      ...(options.plainHttp ? { plainHttp: true } : {}),
      ...(options.insecureSkipTlsVerify ? { insecureSkipTlsVerify: true } : {}),
      ...(options.caFile ? { caFile: resolve(options.cwd, options.caFile) } : {}),
      ...(options.certFile ? { certFile: resolve(options.cwd, options.certFile) } : {}),
      ...(options.keyFile ? { keyFile: resolve(options.cwd, options.keyFile) } : {}),
    });
    if (!options.skipHook) await runHook(record, "install", options.settings, options.hookStdout);
  } catch (err) {
    await removeInstalled(record, pluginsDir);
    throw err;
  }
  options.report(`Installed plugin: ${metadata.name}`);
  return { record, source };
}

async function installDirectoryLink(
  dir: string,
  pluginsDir: string,
  options: PluginInstallOptions,
): Promise<PluginRecord> {
  if (!(await exists(join(dir, PLUGIN_YAML)))) {
    throw new HcpError("PLUGIN_METADATA_MISSING", "plugin metadata (plugin.yaml) missing", {
      file: join(dir, PLUGIN_YAML),
    });
  }
  const loaded = await loadPluginDir(dir);
  const link = join(pluginsDir, loaded.metadata.name);
  if (await exists(link)) throw alreadyExists(link, options.log);
  await mkdir(pluginsDir, { recursive: true });
  await symlink(dir, link, "dir");
  const record: PluginRecord = { metadata: loaded.metadata, dir: link };
  try {
    await writeSourceRecord(pluginsDir, loaded.metadata.name, {
      source: dir,
      kind: "dir",
      verify: false,
    });
    await runHook(record, "install", options.settings, options.hookStdout);
  } catch (err) {
    await unlink(link).catch(() => undefined);
    await removeSourceRecord(pluginsDir, loaded.metadata.name);
    throw err;
  }
  return record;
}

/** A plugin archive opened in memory. */
export interface OpenedArchive {
  readonly metadata: PluginMetadata;
  readonly entries: readonly ArchiveEntry[];
  /** Directory inside the archive that holds plugin.yaml ("" = archive root). */
  readonly root: string;
}

/**
 * Reads a plugin archive safely and finds its plugin.yaml at the root or in the one
 * top-level directory; the plugin name comes from that file (validated before any path).
 * @throws HcpError PLUGIN_ARCHIVE_INVALID, PLUGIN_INVALID_METADATA, FILES_*
 */
export async function openPluginArchive(tarball: Uint8Array): Promise<OpenedArchive> {
  let entries: ArchiveEntry[];
  try {
    entries = await readArchive(tarball);
  } catch (err) {
    throw new HcpError("PLUGIN_ARCHIVE_INVALID", "failed to extract archive", { cause: err });
  }
  const candidates = entries.filter((e) => e.type === "file" && isArchivePluginYaml(e.path));
  const chosen = candidates.find((e) => e.path === PLUGIN_YAML) ?? candidates[0];
  if (!chosen || (candidates.length > 1 && chosen.path !== PLUGIN_YAML)) {
    throw new HcpError(
      "PLUGIN_ARCHIVE_INVALID",
      chosen
        ? "archive holds more than one plugin (several top-level directories with plugin.yaml)"
        : "plugin.yaml not found in the archive (expected at its root or in its top-level directory)",
      { hint: "package the plugin with hcp plugin package or helm plugin package" },
    );
  }
  const root = chosen.path === PLUGIN_YAML ? "" : chosen.path.slice(0, -PLUGIN_YAML.length - 1);
  const metadata = parseMetadata(new TextDecoder().decode(chosen.data), { file: chosen.path });
  return { metadata, entries, root };
}

async function verifyArchive(
  fetched: FetchedArchive,
  options: PluginInstallOptions,
): Promise<void> {
  if (!fetched.prov || fetched.prov.length === 0) {
    throw new HcpError(
      "PLUGIN_VERIFY_FAILED",
      "plugin verification failed: no provenance file (.prov) found",
      { hint: "get the .prov that belongs to the archive, or use --verify=false" },
    );
  }
  const { verifyPluginArchive } = await import("../provenance/index.ts");
  let verification: Awaited<ReturnType<typeof verifyPluginArchive>>;
  try {
    verification = await verifyPluginArchive({
      archive: fetched.tarball,
      prov: fetched.prov,
      filename: fetched.filename,
      keyring: options.keyring ?? options.settings.defaultKeyring,
    });
  } catch (err) {
    throw new HcpError("PLUGIN_VERIFY_FAILED", "plugin verification failed", { cause: err });
  }
  for (const uid of verification.signedBy) options.report(`Signed by: ${uid}`);
  options.report(`Using Key With Fingerprint: ${verification.fingerprint}`);
  options.report(`Plugin Hash Verified: ${verification.hash}`);
}

interface PlaceArchiveInput {
  readonly entries: readonly ArchiveEntry[];
  readonly root: string;
  readonly metadata: PluginMetadata;
  readonly target: string;
  readonly pluginsDir: string;
  readonly fetched: FetchedArchive;
}

/** Entries below `root`, re-rooted (the top directory itself is dropped). */
export function entriesBelow(entries: readonly ArchiveEntry[], root: string): ArchiveEntry[] {
  if (root === "") return [...entries];
  const prefix = `${root}/`;
  return entries
    .filter((e) => e.path.startsWith(prefix))
    .map((e) => ({ ...e, path: e.path.slice(prefix.length) }));
}

/**
 * Extracts into a staging dir beside the target, checks the plugin loads there, then renames
 * it into place and keeps the tarball (+ .prov) beside it as Helm does.
 */
async function placeArchive(input: PlaceArchiveInput): Promise<PluginRecord> {
  const staging = await makeStagingDir(input.target);
  try {
    await writeEntries(entriesBelow(input.entries, input.root), staging);
    const staged = await loadPluginDir(staging).catch((err: unknown) => {
      throw new HcpError("PLUGIN_UNUSABLE", "plugin is installed but unusable", { cause: err });
    });
    if (staged.metadata.name !== input.metadata.name) {
      throw new HcpError("PLUGIN_ARCHIVE_INVALID", "plugin.yaml changed while installing");
    }
    await rename(staging, input.target);
  } catch (err) {
    await removePath(staging);
    throw err;
  }
  const { tarball: tgz, prov } = keptArchivePaths(input.pluginsDir, input.metadata);
  try {
    await writeFileAtomic(tgz, input.fetched.tarball);
    if (input.fetched.prov) await writeFileAtomic(prov, input.fetched.prov);
  } catch (err) {
    await removePath(input.target);
    await removePath(tgz);
    throw err;
  }
  return { metadata: input.metadata, dir: input.target };
}

/** Removes an installed plugin's dir (or link), kept archive, .prov and source record. */
export async function removeInstalled(record: PluginRecord, pluginsDir: string): Promise<void> {
  const st = await lstat(record.dir).catch(() => undefined);
  if (st?.isSymbolicLink()) await unlink(record.dir);
  else await removePath(record.dir);
  const { tarball: tgz, prov } = keptArchivePaths(pluginsDir, record.metadata);
  await removePath(tgz);
  await removePath(prov);
  await removeSourceRecord(pluginsDir, record.metadata.name);
}
