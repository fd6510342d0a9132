/**
 * Signing status of installed plugins (Helm 4's GetSigningInfo / GetSigningInfoForPlugins,
 * the PROVENANCE column of `plugin list`). The status is computed from the tarball and .prov
 * kept beside the plugin directory (`<name>-<version>.tgz(.prov)`), with Helm's exact words:
 * `local dev` (symlinked dir), `unsigned` (no kept tarball or .prov), `invalid provenance` (no
 * decodable clear-signed block), `mismatched provenance` (no files entry with the tarball's
 * digest), `signed` (hash matches — like Helm, NOT a signature check), `unknown`.
 * This part never loads openpgp.js: the clear-signed text is parsed by hand. Only when a
 * keyring is passed is the signature really checked (through the verification cache), which
 * answers "is the signer in the keyring?".
 */
import { lstatSync, readFileSync } from "node:fs";
import { basename, dirname } from "node:path";
import { HcpError } from "../errors.ts";
import {
  type CachedVerification,
  hasMatchingEntry,
  type KeyringFile,
  MAX_PROV_SIZE,
  parseClearsigned,
  sha256Digest,
  verifyCached,
} from "../provenance/index.ts";
import { keptArchivePaths } from "./kept-archive.ts";
import type { PluginRecord } from "./types.ts";

/** Helm's PROVENANCE words. */
export type SigningStatus =
  | "local dev"
  | "unsigned"
  | "invalid provenance"
  | "mismatched provenance"
  | "signed"
  | "unknown";

/** The signing facts of one plugin. */
export interface SigningInfo {
  readonly name: string;
  readonly status: SigningStatus;
  /** Kept tarball and .prov paths, when the plugin has them. */
  readonly tarball?: string;
  readonly prov?: string;
  /** Only with a keyring and status `signed`: the checked signature. */
  readonly verification?: CachedVerification;
  /** Only with a keyring and status `signed`: why the signature check failed. */
  readonly verifyError?: HcpError;
  /** true when a keyring was given and a key in it verified the signature. */
  readonly signerInKeyring: boolean;
}

/** Options of getSigningInfo. */
export interface SigningInfoOptions {
  /** Check the signature against this keyring too (loads openpgp on a cache miss). */
  readonly keyring?: KeyringFile;
  /** Verification cache directory (see provenance VERIFICATION_CACHE_DIR). */
  readonly cacheDir?: string;
  readonly now?: Date;
}

// Sync reads on purpose: `plugin list` asks this for every installed plugin, and one
// thread-pool round trip per small local file cost more than the reads (bench/plugin.sh).
function readIfPresent(path: string, limit: number): Uint8Array | undefined {
  try {
    const bytes = new Uint8Array(readFileSync(path));
    if (bytes.length > limit) return new Uint8Array(0);
    return bytes;
  } catch (err) {
    if ((err as { code?: string }).code === "ENOENT") return undefined;
    throw err;
  }
}

/** Status from the kept bytes alone (Helm's rules 5–7), no openpgp. */
export function statusFromBytes(
  name: string,
  version: string,
  archive: Uint8Array,
  prov: Uint8Array,
): SigningStatus {
  let text: string;
  try {
    text = parseClearsigned(prov).text;
  } catch {
    return "invalid provenance";
  }
  return hasMatchingEntry(text, `${name}-${version}.tgz`, sha256Digest(archive))
    ? "signed"
    : "mismatched provenance";
}

/**
 * Computes the signing status of one installed plugin.
 * @throws never for a bad plugin state (that is a status); only for unexpected I/O errors
 */
export async function getSigningInfo(
  record: PluginRecord,
  options: SigningInfoOptions = {},
): Promise<SigningInfo> {
  const { name, version } = record.metadata;
  const base = { name, signerInKeyring: false } as const;
  let link: boolean;
  try {
    link = lstatSync(record.dir).isSymbolicLink();
  } catch {
    return { ...base, status: "unknown" };
  }
  if (link) return { ...base, status: "local dev" };
  if (basename(record.dir) !== name) return { ...base, status: "unknown" };
  const paths = keptArchivePaths(dirname(record.dir), { name, version });
  let archive: Uint8Array | undefined;
  let prov: Uint8Array | undefined;
  try {
    archive = readIfPresent(paths.tarball, Number.MAX_SAFE_INTEGER);
    prov = archive === undefined ? undefined : readIfPresent(paths.prov, MAX_PROV_SIZE);
  } catch {
    return { ...base, status: "unknown" };
  }
  if (archive === undefined || prov === undefined) return { ...base, status: "unsigned" };
  const status = statusFromBytes(name, version, archive, prov);
  const found = { ...base, status, ...paths };
  if (status !== "signed" || options.keyring === undefined) return found;
  try {
    const verification = await verifyCached({
      archive,
      prov,
      filename: basename(paths.tarball),
      keyring: options.keyring,
      ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}),
      ...(options.now ? { now: options.now } : {}),
    });
    return { ...found, verification, signerInKeyring: true };
  } catch (err) {
    if (!(err instanceof HcpError)) throw err;
    return { ...found, verifyError: err };
  }
}

/**
 * Signing info for many plugins, by name (plugins sharing a name share one entry, as Helm).
 */
export async function getSigningInfoForPlugins(
  records: readonly PluginRecord[],
  options: SigningInfoOptions = {},
): Promise<Map<string, SigningInfo>> {
  const out = new Map<string, SigningInfo>();
  for (const record of records) {
    if (out.has(record.metadata.name)) continue;
    out.set(record.metadata.name, await getSigningInfo(record, options));
  }
  return out;
}
