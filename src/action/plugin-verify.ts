/**
 * `hcp plugin verify PATH`: checks a plugin tarball against its `.prov` and a keyring, like
 * `helm plugin verify` (same pre-checks and messages). hcp also accepts an installed plugin
 * directory: it verifies the tarball and .prov kept beside it (`<name>-<version>.tgz`) and
 * checks that every file of the signed archive is what is installed.
 */
import { lstat, readFile, stat } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { HcpError } from "../errors.ts";
import { loadPluginDir } from "../plugin/index.ts";
import {
  MAX_PROV_SIZE,
  osErrorMessage,
  parseKeyring,
  readKeyringFile,
  type Verification,
  verifyProvenance,
} from "../provenance/index.ts";
import { readArchiveFiles } from "../provenance/tar-entries.ts";

/** Inputs of verifyPlugin. */
export interface VerifyPluginOptions {
  /** Tarball (or installed plugin directory) as the user wrote it. */
  readonly path: string;
  /** Keyring path as the user wrote it. */
  readonly keyring: string;
  /** Directory relative paths are resolved against. */
  readonly cwd: string;
  readonly now?: Date;
}

/** A verification plus what was verified. */
export interface VerifyPluginResult extends Verification {
  /** The tarball that was checked (the kept archive for an installed plugin). */
  readonly tarball: string;
  /** Set when PATH was an installed plugin directory whose files were compared. */
  readonly installedDir?: string;
}

async function statOrThrow(path: string, full: string): Promise<{ isDirectory(): boolean }> {
  try {
    return await stat(full);
  } catch (err) {
    throw new HcpError("PROV_PATH", osErrorMessage("stat", path, err));
  }
}

/** Reads a .prov next to `tarball` with Helm's messages and hcp's size limit. */
async function readProv(tarball: string, full: string): Promise<Uint8Array> {
  const provPath = `${tarball}.prov`;
  let size: number;
  try {
    size = (await stat(`${full}.prov`)).size;
  } catch (err) {
    throw new HcpError(
      "PROV_MISSING",
      `could not find provenance file ${provPath}: ${osErrorMessage("stat", provPath, err)}`,
      { hint: "ask the publisher for the .prov, or do not trust this archive" },
    );
  }
  if (size > MAX_PROV_SIZE) {
    throw new HcpError(
      "PROV_TOO_LARGE",
      `provenance file ${provPath} is too large: ${size} bytes (limit ${MAX_PROV_SIZE})`,
      { hint: "a .prov holds a short metadata block and one signature; this is not one" },
    );
  }
  return new Uint8Array(await readFile(`${full}.prov`));
}

/** Compares the signed archive's files with the installed directory. */
async function compareInstalled(archive: Uint8Array, dir: string, fullDir: string): Promise<void> {
  for (const [path, data] of readArchiveFiles(archive)) {
    const inside = path.split("/").slice(1).join("/");
    if (inside === "") continue;
    const onDisk = await readFile(join(fullDir, inside)).catch(() => undefined);
    if (onDisk === undefined || !Buffer.from(data).equals(onDisk)) {
      throw new HcpError(
        "PROV_INSTALLED_MISMATCH",
        `installed plugin ${dir} differs from its signed archive: ${inside} was changed or removed`,
        { hint: "reinstall the plugin from a verified archive" },
      );
    }
  }
}

/**
 * Verifies a plugin tarball (or an installed plugin) against its .prov and a keyring.
 * @throws HcpError PROV_PATH, PROV_NOT_TARBALL, PROV_DIRECTORY, PROV_MISSING, and every PROV_*
 *   of verifyProvenance and the keyring reader
 */
export async function verifyPlugin(options: VerifyPluginOptions): Promise<VerifyPluginResult> {
  const full = resolve(options.cwd, options.path);
  const info = await statOrThrow(options.path, full);
  let tarball = options.path;
  let installedDir: string | undefined;
  if (info.isDirectory()) {
    const record = await loadPluginDir(full).catch(() => undefined);
    const kept =
      record === undefined
        ? undefined
        : join(dirname(options.path), `${record.metadata.name}-${record.metadata.version}.tgz`);
    if (kept === undefined || !(await stat(resolve(options.cwd, kept)).catch(() => false))) {
      throw new HcpError(
        "PROV_DIRECTORY",
        "directory verification not supported - only plugin tarballs can be verified",
        {
          hint: (await lstat(full).catch(() => undefined))?.isSymbolicLink()
            ? "this is a local development install (a symlink): it has no signed archive to verify"
            : "hcp verifies an installed plugin only through the <name>-<version>.tgz and .prov kept beside it; none was found",
        },
      );
    }
    tarball = kept;
    installedDir = options.path;
  } else if (!tarball.endsWith(".tgz") && !tarball.endsWith(".gz")) {
    throw new HcpError(
      "PROV_NOT_TARBALL",
      "plugin file must be a gzipped tarball (.tar.gz or .tgz)",
    );
  }
  const fullTarball = resolve(options.cwd, tarball);
  const prov = await readProv(tarball, fullTarball);
  const keyringFile = await readKeyringFile(options.keyring, options.cwd);
  const archive = new Uint8Array(await readFile(fullTarball));
  const verification = await verifyProvenance({
    archive,
    prov,
    filename: basename(tarball),
    keyring: await parseKeyring(keyringFile),
    ...(options.now ? { now: options.now } : {}),
  });
  if (installedDir !== undefined) {
    await compareInstalled(archive, installedDir, resolve(options.cwd, installedDir));
  }
  return { ...verification, tarball, ...(installedDir ? { installedDir } : {}) };
}
