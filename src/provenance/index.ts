/**
 * provenance: Helm-compatible `.prov` files for plugin (and chart) archives. Owns the message
 * block, clear-signed framing, keyrings, signing and verification over BYTES, and the
 * verification cache. openpgp.js is imported lazily (openpgp.ts) and only by the functions
 * that sign or check a signature; parsing a .prov for a status check never loads it.
 * keyring.ts and cache.ts are the only file readers here. It must not print, read env, or
 * know about commands.
 */
import type { PluginMetadata } from "../plugin/index.ts";
import { sha256Digest } from "./digest.ts";
import { type Keyring, type KeyringFile, parseKeyring, readKeyringFile } from "./keyring.ts";
import { buildMessageBlock } from "./message.ts";
import { formatProvMetadata } from "./metadata.ts";
import { clearsign, type Signer } from "./sign.ts";
import { type Verification, verifyProvenance } from "./verify.ts";

export {
  type CachedVerification,
  type LookupVerificationOptions,
  lookupVerification,
  VERIFICATION_CACHE_DIR,
  type VerifyCachedOptions,
  verificationKey,
  verifyCached,
} from "./cache.ts";
export {
  type ClearsignedBlock,
  formatClearsigned,
  MAX_PROV_SIZE,
  parseClearsigned,
} from "./clearsign.ts";
export { sha256Digest } from "./digest.ts";
export {
  findArmoredKeyBlocks,
  isKeybox,
  type Keyring,
  type KeyringFile,
  loadKeyring,
  MAX_KEYRING_SIZE,
  osErrorMessage,
  parseKeyring,
  readKeyringFile,
} from "./keyring.ts";
export {
  buildMessageBlock,
  checkFileDigest,
  hasMatchingEntry,
  type MessageBlockInput,
  parseSumCollection,
  type SumCollection,
  splitMessageBlock,
} from "./message.ts";
export { formatProvMetadata, toGoMetadata } from "./metadata.ts";
export { isOpenpgpLoaded } from "./openpgp.ts";
export { clearsign, type LoadSignerOptions, loadSigner, type Signer, selectKey } from "./sign.ts";
export {
  type ArchiveFiles,
  findRootFile,
  MAX_ARCHIVE_DECOMPRESSED,
  readArchiveFiles,
} from "./tar-entries.ts";
export type { Verification, VerifyProvenanceOptions } from "./verify.ts";
export { verifyProvenance } from "./verify.ts";

/** Inputs of signPluginArchive. */
export interface SignPluginArchiveOptions {
  readonly archive: Uint8Array;
  /** Base name the .prov will list (e.g. `hello-0.1.0.tgz`). */
  readonly filename: string;
  /** Plugin metadata (written in Helm's shape) or a ready YAML metadata part. */
  readonly metadata: PluginMetadata | string;
  readonly signer: Signer;
  /** Signature time (tests); default now. */
  readonly now?: Date;
}

/**
 * Signs a plugin archive: returns the `.prov` text (Helm's layout, SHA-512 clear signature).
 * @throws HcpError PROV_SIGN_FAILED
 */
export async function signPluginArchive(options: SignPluginArchiveOptions): Promise<string> {
  const metadata =
    typeof options.metadata === "string" ? options.metadata : formatProvMetadata(options.metadata);
  const text = buildMessageBlock({
    metadata,
    filename: options.filename,
    digest: sha256Digest(options.archive),
  });
  return clearsign(text, options.signer, options.now);
}

/** Inputs of verifyPluginArchive. */
export interface VerifyPluginArchiveOptions {
  readonly archive: Uint8Array;
  readonly prov: Uint8Array | string;
  /** Base name of the archive (the `files:` key that must match). */
  readonly filename: string;
  /** A parsed keyring, a read keyring file, or a path to read. */
  readonly keyring: Keyring | KeyringFile | string;
  readonly now?: Date;
}

/**
 * Verifies a plugin archive against its .prov and a keyring (Helm's VerifyPlugin).
 * @throws HcpError PROV_* (see verifyProvenance), PROV_KEYRING_READ, PROV_KEYRING_INVALID,
 *   PROV_KEYRING_KBX
 */
export async function verifyPluginArchive(
  options: VerifyPluginArchiveOptions,
): Promise<Verification> {
  const keyring = await resolveKeyring(options.keyring);
  return verifyProvenance({
    archive: options.archive,
    prov: options.prov,
    filename: options.filename,
    keyring,
    ...(options.now ? { now: options.now } : {}),
  });
}

async function resolveKeyring(keyring: Keyring | KeyringFile | string): Promise<Keyring> {
  if (typeof keyring === "string") return parseKeyring(await readKeyringFile(keyring));
  if ("keys" in keyring) return keyring;
  return parseKeyring(keyring);
}
