/**
 * Signing (Helm's provenance.Signatory): pick a secret key from a keyring like Helm's
 * `--key` (a uid equal to the name wins, else the one uid containing it; hcp also accepts a
 * key ID or fingerprint), unlock it with a passphrase the caller reads from a file or stdin,
 * and clear-sign a message block with SHA-512. Unlike Helm, the signature is made by a
 * signing-capable key: a signing subkey when the primary key may only certify.
 */
import type { PrivateKey } from "openpgp";
import { HcpError } from "../errors.ts";
import { formatClearsigned, parseClearsigned } from "./clearsign.ts";
import type { Keyring } from "./keyring.ts";
import { loadOpenpgp } from "./openpgp.ts";

/** An unlocked secret key, ready to sign. */
export interface Signer {
  readonly key: PrivateKey;
  /** The uid that selected it (first uid when selected by key ID). */
  readonly uid: string;
  /** Primary key fingerprint, upper-case hex. */
  readonly fingerprint: string;
}

/** Inputs of loadSigner. */
export interface LoadSignerOptions {
  readonly keyring: Keyring;
  /** Helm's --key: a uid (or part of one), a key ID or a fingerprint. */
  readonly key: string;
  /** Called only when the key is passphrase-protected; returns the passphrase. */
  readonly passphrase?: () => Promise<string>;
}

function keyIdQuery(query: string): string | undefined {
  const hex = query.replace(/^0x/i, "").replace(/\s+/g, "").toLowerCase();
  return /^([0-9a-f]{16}|[0-9a-f]{40}|[0-9a-f]{64})$/.test(hex) ? hex : undefined;
}

function matchesKeyId(key: PrivateKey | Keyring["keys"][number], hex: string): boolean {
  return key
    .getKeys()
    .some((k) => k.getFingerprint().toLowerCase() === hex || k.getKeyID().toHex() === hex);
}

/**
 * Selects the entity for `--key` the way Helm does.
 * @throws HcpError PROV_KEY_AMBIGUOUS, PROV_KEY_NOT_FOUND
 */
export function selectKey(
  keyring: Keyring,
  query: string,
): { key: Keyring["keys"][number]; uid: string } {
  if (query === "") {
    throw new HcpError("PROV_KEY_NOT_FOUND", "private key not found", {
      hint: "name the signing key with --key (a name, e-mail, key ID or fingerprint)",
    });
  }
  const hex = keyIdQuery(query);
  const candidates: { key: Keyring["keys"][number]; uid: string }[] = [];
  for (const key of keyring.keys) {
    const uids = key.getUserIDs();
    const exact = uids.find((uid) => uid === query);
    if (exact !== undefined) return { key, uid: exact };
    const partial = uids.find((uid) => uid.includes(query));
    if (partial !== undefined) candidates.push({ key, uid: partial });
    else if (hex !== undefined && matchesKeyId(key, hex))
      candidates.push({ key, uid: uids[0] ?? "" });
  }
  if (candidates.length > 1) {
    throw new HcpError(
      "PROV_KEY_AMBIGUOUS",
      `error reading from keyring: more than one key contain the id "${query}"`,
      { hint: "give the full uid, the e-mail address or the key fingerprint" },
    );
  }
  const found = candidates[0];
  if (found === undefined) {
    throw new HcpError("PROV_KEY_NOT_FOUND", "private key not found", {
      hint: `no key in ${keyring.file.path} has a uid containing "${query}"`,
    });
  }
  return found;
}

/**
 * Selects and unlocks the signing key.
 * @throws HcpError PROV_KEY_AMBIGUOUS, PROV_KEY_NOT_FOUND, PROV_NOT_PRIVATE_KEY,
 *   PROV_PASSPHRASE_REQUIRED, PROV_BAD_PASSPHRASE
 */
export async function loadSigner(options: LoadSignerOptions): Promise<Signer> {
  const { key, uid } = selectKey(options.keyring, options.key);
  if (!key.isPrivate()) {
    throw new HcpError(
      "PROV_NOT_PRIVATE_KEY",
      "provided key is not a private key. Try providing a keyring with secret keys",
      { hint: "export the secret key: gpg --export-secret-keys KEYID > secring.gpg" },
    );
  }
  let unlocked: PrivateKey = key;
  if (!key.isDecrypted()) {
    if (options.passphrase === undefined) {
      throw new HcpError("PROV_PASSPHRASE_REQUIRED", `key "${uid}" is protected by a passphrase`, {
        hint: "pass --passphrase-file FILE (or --passphrase-file - to read it from stdin)",
      });
    }
    const passphrase = await options.passphrase();
    const openpgp = await loadOpenpgp();
    try {
      unlocked = await openpgp.decryptKey({ privateKey: key, passphrase });
    } catch {
      throw new HcpError(
        "PROV_BAD_PASSPHRASE",
        "openpgp: invalid data: private key checksum failure",
        { hint: `the passphrase does not unlock key "${uid}"` },
      );
    }
  }
  return { key: unlocked, uid, fingerprint: key.getFingerprint().toUpperCase() };
}

/**
 * Clear-signs `text` with SHA-512 and returns the armored message in Helm's layout (no CRC
 * line, no final newline).
 * @throws HcpError PROV_SIGN_FAILED
 */
export async function clearsign(text: string, signer: Signer, now?: Date): Promise<string> {
  const openpgp = await loadOpenpgp();
  const message = await openpgp.createCleartextMessage({ text });
  try {
    const armored = await openpgp.sign({
      message,
      signingKeys: signer.key,
      ...(now ? { date: now } : {}),
      config: { preferredHashAlgorithm: openpgp.enums.hash.sha512 },
    });
    // Re-frame openpgp.js's output in Helm's layout (64-column base64, no CRC line).
    return formatClearsigned(text, "SHA512", parseClearsigned(armored).signature);
  } catch (err) {
    throw new HcpError(
      "PROV_SIGN_FAILED",
      `failed to sign with key "${signer.uid}": ${err instanceof Error ? err.message : String(err)}`,
      { hint: "the key must be valid now (not expired or revoked) and able to sign" },
    );
  }
}
