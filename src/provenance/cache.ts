/**
 * The verification cache: remembers PASSING verifications only, keyed by the digests of the
 * three inputs that decide the verdict (archive, .prov, keyring) plus the file name, so a warm
 * signing-status check reads three small files, hashes them, and never loads openpgp.js.
 * Safety: a failure is never stored; an entry is used only when every recorded digest equals
 * the recomputed one and the signing key has not expired since; a corrupt or foreign entry
 * is a miss; writes are atomic (temp + rename). Deleting the directory is always safe.
 */
import { readFileSync } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { sha256Digest } from "./digest.ts";
import { type KeyringFile, parseKeyring } from "./keyring.ts";
import { findRootFile, readArchiveFiles } from "./tar-entries.ts";
import { type Verification, verifyProvenance } from "./verify.ts";

/** Subdirectory of the cache home holding verification entries. */
export const VERIFICATION_CACHE_DIR = "hcp-provenance";

const ENTRY_VERSION = 1;

/** A passing verification and what it was computed from. */
export interface CachedVerification extends Verification {
  /** `sha256:` of `<root>/plugin.wasm` inside the verified archive, when it has one. */
  readonly wasmDigest?: string;
}

interface Entry {
  readonly version: number;
  readonly archive: string;
  readonly prov: string;
  readonly keyring: string;
  readonly filename: string;
  readonly verification: Omit<CachedVerification, "keyExpires" | "signedAt"> & {
    readonly keyExpires: string | null;
    readonly signedAt: string;
  };
}

/** Inputs of verifyCached. */
export interface VerifyCachedOptions {
  readonly archive: Uint8Array;
  readonly prov: Uint8Array;
  readonly filename: string;
  readonly keyring: KeyringFile;
  /** Cache directory (e.g. `<cache home>/hcp-provenance`); no caching when undefined. */
  readonly cacheDir?: string;
  readonly now?: Date;
}

/** The cache key: every input of the verdict. */
export function verificationKey(parts: {
  archive: string;
  prov: string;
  keyring: string;
  filename: string;
}): string {
  return sha256Digest(
    `v${ENTRY_VERSION}\n${parts.archive}\n${parts.prov}\n${parts.keyring}\n${parts.filename}`,
  ).slice("sha256:".length);
}

function isEntry(value: unknown): value is Entry {
  const e = value as Entry | null;
  return (
    typeof e === "object" &&
    e !== null &&
    e.version === ENTRY_VERSION &&
    typeof e.archive === "string" &&
    typeof e.prov === "string" &&
    typeof e.keyring === "string" &&
    typeof e.filename === "string" &&
    typeof e.verification === "object" &&
    e.verification !== null &&
    Array.isArray(e.verification.signedBy) &&
    typeof e.verification.fingerprint === "string" &&
    typeof e.verification.hash === "string"
  );
}

// Sync on purpose: one small file on the warm path (an async read costs ~0.2 ms more).
async function readEntry(path: string): Promise<Entry | undefined> {
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, "utf8"));
    return isEntry(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

async function writeEntry(dir: string, file: string, entry: Entry): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const temp = join(dir, `.tmp-${file}.${process.pid}.${Math.random().toString(36).slice(2)}`);
  try {
    await writeFile(temp, JSON.stringify(entry), { mode: 0o600, flag: "wx" });
    await rename(temp, join(dir, file));
  } catch {
    // A cache that cannot be written only costs speed.
    await rm(temp, { force: true });
  }
}

/** Inputs of lookupVerification (the digests are computed here). */
export type LookupVerificationOptions = Omit<VerifyCachedOptions, "cacheDir"> & {
  readonly cacheDir: string;
};

/**
 * Returns the stored PASS for exactly these inputs, or undefined (no entry, a corrupt or
 * foreign entry, another digest, or a signing key that has expired since). Never loads openpgp.
 */
export async function lookupVerification(
  options: LookupVerificationOptions,
): Promise<CachedVerification | undefined> {
  const now = options.now ?? new Date();
  const parts = inputDigests(options);
  const entry = await readEntry(join(options.cacheDir, `${verificationKey(parts)}.json`));
  if (entry === undefined) return undefined;
  const expires = entry.verification.keyExpires;
  const fresh = expires === null || Date.parse(expires) > now.getTime();
  const same =
    entry.archive === parts.archive &&
    entry.prov === parts.prov &&
    entry.keyring === parts.keyring &&
    entry.filename === parts.filename &&
    entry.verification.hash === parts.archive;
  if (!same || !fresh) return undefined;
  const v = entry.verification;
  return {
    ...v,
    keyExpires: v.keyExpires === null ? null : new Date(v.keyExpires),
    signedAt: new Date(v.signedAt),
  };
}

function inputDigests(options: Omit<VerifyCachedOptions, "cacheDir">) {
  return {
    archive: sha256Digest(options.archive),
    prov: sha256Digest(options.prov),
    keyring: options.keyring.digest,
    filename: options.filename,
  };
}

/**
 * Verifies like verifyProvenance, answering from the cache when all three input digests and
 * the file name match a stored pass whose signing key is still unexpired.
 * @throws HcpError as verifyProvenance and parseKeyring (failures are never cached)
 */
export async function verifyCached(options: VerifyCachedOptions): Promise<CachedVerification> {
  const now = options.now ?? new Date();
  const parts = inputDigests(options);
  const file = `${verificationKey(parts)}.json`;
  if (options.cacheDir !== undefined) {
    const hit = await lookupVerification({ ...options, cacheDir: options.cacheDir, now });
    if (hit !== undefined) return hit;
  }
  const verification = await verifyProvenance({
    archive: options.archive,
    prov: options.prov,
    filename: options.filename,
    keyring: await parseKeyring(options.keyring),
    now,
  });
  let wasmDigest: string | undefined;
  try {
    const wasm = findRootFile(readArchiveFiles(options.archive), "plugin.wasm");
    if (wasm !== undefined) wasmDigest = sha256Digest(wasm);
  } catch {
    wasmDigest = undefined;
  }
  const result: CachedVerification = { ...verification, ...(wasmDigest ? { wasmDigest } : {}) };
  if (options.cacheDir !== undefined) {
    await writeEntry(options.cacheDir, file, {
      version: ENTRY_VERSION,
      ...parts,
      verification: {
        ...result,
        keyExpires: result.keyExpires === null ? null : result.keyExpires.toISOString(),
        signedAt: result.signedAt.toISOString(),
      },
    });
  }
  return result;
}
