/**
 * Keyrings: the only file reader of the provenance module. Reads a keyring file (bounded),
 * recognises binary OpenPGP packet streams, ASCII armour (EVERY armour block in the file, with
 * any text around them) and GnuPG's keybox format (refused with a hint to `gpg --export`), and
 * merges copies of the same key so a revocation carried by a second copy is never dropped
 * (openpgp.js's readKeys reads only the first armour block).
 */
import { readFileSync, statSync } from "node:fs";
import type { Key } from "openpgp";
import { HcpError } from "../errors.ts";
import { sha256Digest } from "./digest.ts";
import { loadOpenpgp } from "./openpgp.ts";

/** Largest keyring file hcp reads (a keyring of hundreds of keys stays far below). */
export const MAX_KEYRING_SIZE = 32 * 1024 * 1024;

/** A keyring file's bytes, as read (parsing needs openpgp; hashing does not). */
export interface KeyringFile {
  /** The path as the user gave it (used in messages, like Helm). */
  readonly path: string;
  readonly bytes: Uint8Array;
  /** `sha256:<hex>` of the bytes: part of the verification cache key. */
  readonly digest: string;
}

/** Parsed keys of a keyring, copies of one key merged. */
export interface Keyring {
  readonly file: KeyringFile;
  readonly keys: readonly Key[];
}

const ERRNO_TEXT: Record<string, string> = {
  ENOENT: "no such file or directory",
  EACCES: "permission denied",
  EISDIR: "is a directory",
  ENOTDIR: "not a directory",
  ELOOP: "too many levels of symbolic links",
};

/** Go's `open <path>: <reason>` wording for a failed read. */
export function osErrorMessage(op: string, path: string, err: unknown): string {
  const code = (err as { code?: string } | undefined)?.code ?? "";
  const reason = ERRNO_TEXT[code] ?? (err instanceof Error ? err.message : String(err));
  return `${op} ${path}: ${reason}`;
}

/**
 * Reads a keyring file.
 * @throws HcpError PROV_KEYRING_READ (`open <path>: no such file or directory`, …), PROV_KEYRING_TOO_LARGE
 */
export async function readKeyringFile(path: string, cwd?: string): Promise<KeyringFile> {
  const full = cwd === undefined || path.startsWith("/") ? path : `${cwd}/${path}`;
  let bytes: Uint8Array;
  try {
    // Sync on purpose: a small local file read on every (warm) trust check.
    const info = statSync(full);
    if (info.isDirectory()) {
      throw Object.assign(new Error("is a directory"), { code: "EISDIR" });
    }
    if (info.size > MAX_KEYRING_SIZE) {
      throw new HcpError(
        "PROV_KEYRING_TOO_LARGE",
        `keyring ${path} is too large: ${info.size} bytes (limit ${MAX_KEYRING_SIZE})`,
      );
    }
    bytes = new Uint8Array(readFileSync(full));
  } catch (err) {
    if (err instanceof HcpError) throw err;
    throw new HcpError("PROV_KEYRING_READ", osErrorMessage("open", path, err), {
      hint: "pass --keyring with a public keyring, e.g. made by `gpg --export KEYID > keyring.gpg`",
    });
  }
  return { path, bytes, digest: sha256Digest(bytes) };
}

/** Reports whether bytes are a GnuPG keybox (pubring.kbx): magic "KBXf" at offset 8. */
export function isKeybox(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 12 &&
    bytes[8] === 0x4b &&
    bytes[9] === 0x42 &&
    bytes[10] === 0x58 &&
    bytes[11] === 0x66
  );
}

const ARMOR_BLOCK =
  /-----BEGIN PGP (PUBLIC|PRIVATE) KEY BLOCK-----\r?\n[\s\S]*?-----END PGP \1 KEY BLOCK-----/g;

/** Every armoured key block in a text, in order (text around and between them is ignored). */
export function findArmoredKeyBlocks(text: string): string[] {
  return [...text.matchAll(ARMOR_BLOCK)].map((m) => m[0]);
}

/** Merges copies of the same key (same fingerprint) so every revocation and subkey counts. */
async function mergeKeys(keys: readonly Key[]): Promise<Key[]> {
  const byFingerprint = new Map<string, Key>();
  for (const key of keys) {
    const fp = key.getFingerprint();
    const seen = byFingerprint.get(fp);
    byFingerprint.set(fp, seen === undefined ? key : await seen.update(key as never));
  }
  return [...byFingerprint.values()];
}

/**
 * Parses a keyring's keys (binary packets or armour; an empty file is an empty keyring).
 * @throws HcpError PROV_KEYRING_KBX, PROV_KEYRING_INVALID
 */
export async function parseKeyring(file: KeyringFile): Promise<Keyring> {
  const { bytes } = file;
  if (bytes.length === 0) return { file, keys: [] };
  if (isKeybox(bytes)) {
    throw new HcpError(
      "PROV_KEYRING_KBX",
      `keyring ${file.path} is a GnuPG keybox (pubring.kbx), not an OpenPGP keyring`,
      {
        hint: "export the keys first: gpg --export > pubring.gpg (signing: gpg --export-secret-keys)",
      },
    );
  }
  const openpgp = await loadOpenpgp();
  let keys: Key[];
  try {
    if ((bytes[0]! & 0x80) !== 0) {
      keys = await openpgp.readKeys({ binaryKeys: bytes });
    } else {
      const blocks = findArmoredKeyBlocks(new TextDecoder().decode(bytes));
      if (blocks.length === 0) {
        throw new HcpError(
          "PROV_KEYRING_INVALID",
          "openpgp: invalid data: tag byte does not have MSB set",
          {
            hint: `${file.path} is neither a binary OpenPGP keyring nor ASCII-armoured keys`,
          },
        );
      }
      keys = [];
      for (const armoredKeys of blocks) keys.push(...(await openpgp.readKeys({ armoredKeys })));
    }
  } catch (err) {
    if (err instanceof HcpError) throw err;
    throw new HcpError(
      "PROV_KEYRING_INVALID",
      `openpgp: invalid data: ${err instanceof Error ? err.message : String(err)}`,
      { hint: `${file.path} could not be read as an OpenPGP keyring` },
    );
  }
  return { file, keys: await mergeKeys(keys) };
}

/** Reads and parses a keyring file in one step. */
export async function loadKeyring(path: string, cwd?: string): Promise<Keyring> {
  return parseKeyring(await readKeyringFile(path, cwd));
}
