/**
 * Verification of a .prov over bytes (Helm's provenance.Verify): the one clear-signed block,
 * its signatures against the keyring, then the archive's SHA-256 against the signed `files:`
 * entry for its base name. Order and messages follow Helm 4.1.4 (signature problems before
 * hash problems). Rules hcp adds, from measured openpgp.js traps: every signature's `verified`
 * promise is awaited; at least one keyring signature must verify and none may fail
 * (signatures by keys outside the keyring are ignored); the signing key must be unexpired and
 * unrevoked NOW (openpgp.js accepts keys that expired after signing; Helm does not); SHA-1 and
 * weaker digests are refused; exactly one signed block.
 */
import type { CleartextMessage, Key, Signature, Subkey } from "openpgp";
import { HcpError } from "../errors.ts";
import { type ClearsignedBlock, parseClearsigned } from "./clearsign.ts";
import { sha256Digest } from "./digest.ts";
import type { Keyring } from "./keyring.ts";
import { checkFileDigest, parseSumCollection, splitMessageBlock } from "./message.ts";
import { loadOpenpgp, type OpenPgp } from "./openpgp.ts";

/** What a successful verification proves (Helm's Verification). */
export interface Verification {
  /** User IDs of the signing key (Helm prints one `Signed by:` line each). */
  readonly signedBy: readonly string[];
  /** Primary key fingerprint, 40 upper-case hex digits (Helm's `Using Key With Fingerprint`). */
  readonly fingerprint: string;
  /** Key ID (16 upper-case hex) of the key or subkey that made the signature. */
  readonly keyId: string;
  /** `sha256:<hex>` of the archive (Helm's `Plugin Hash Verified`). */
  readonly hash: string;
  /** The archive base name the signature was checked for. */
  readonly filename: string;
  /** When the signing key (or subkey) stops being valid; null = never. */
  readonly keyExpires: Date | null;
  /** The signature's creation time. */
  readonly signedAt: Date;
}

/** Inputs of verifyProvenance. */
export interface VerifyProvenanceOptions {
  readonly archive: Uint8Array;
  readonly prov: Uint8Array | string;
  /** Base name the .prov must list (Helm: the archive's file name). */
  readonly filename: string;
  readonly keyring: Keyring;
  /** The clock (tests inject it); default now. */
  readonly now?: Date;
}

// RFC 9580 hash algorithm IDs hcp refuses: MD5, SHA-1, RIPEMD-160.
const WEAK_HASHES: Record<number, string> = { 1: "MD5", 2: "SHA1", 3: "RIPEMD160" };

const ALGO_NAMES: Record<string, string> = {
  rsaEncryptSign: "RSA",
  rsaSign: "RSA",
  dsa: "DSA",
  ecdsa: "ECDSA",
  eddsaLegacy: "EdDSA",
  ed25519Legacy: "EdDSA",
  ed25519: "Ed25519",
  ed448: "Ed448",
};

function unknownEntity(hint: string): HcpError {
  return new HcpError("PROV_UNKNOWN_KEY", "openpgp: signature made by unknown entity", { hint });
}

function asDate(value: Date | number | null): Date | null {
  return value instanceof Date ? value : null;
}

/** Why a keyring key may not vouch for a signature now, or undefined when it may. */
async function checkSigningKey(
  key: Key,
  keyId: OpenPgpKeyId,
  now: Date,
): Promise<{ error?: HcpError; expires: Date | null }> {
  const fp = key.getFingerprint().toUpperCase();
  const primaryExpires = asDate(await key.getExpirationTime().catch(() => null));
  const sub: Subkey | undefined = key.getSubkeys(keyId)[0];
  if (await key.isRevoked(undefined, undefined, now).catch(() => true)) {
    return {
      error: new HcpError("PROV_KEY_REVOKED", "openpgp: key revoked", {
        hint: `key ${fp} has been revoked by its owner; do not trust what it signed`,
      }),
      expires: primaryExpires,
    };
  }
  if (sub !== undefined && sub.revocationSignatures.length > 0) {
    return {
      error: new HcpError("PROV_KEY_REVOKED", "openpgp: key revoked", {
        hint: `subkey ${sub.getKeyID().toHex().toUpperCase()} of ${fp} has been revoked`,
      }),
      expires: primaryExpires,
    };
  }
  const subExpires = sub ? asDate(await sub.getExpirationTime(now).catch(() => null)) : null;
  const expires = [primaryExpires, subExpires]
    .filter((d): d is Date => d !== null)
    .sort((a, b) => a.getTime() - b.getTime())[0];
  if (expires !== undefined && expires.getTime() <= now.getTime()) {
    return {
      error: new HcpError("PROV_KEY_EXPIRED", "openpgp: key expired", {
        hint: `key ${fp} expired on ${expires.toISOString()}; ask the signer for a new signature or an extended key`,
      }),
      expires,
    };
  }
  try {
    await key.getSigningKey(keyId, now);
  } catch {
    return {
      error: unknownEntity(
        `key ${fp} is in the keyring but may not make signatures (e.g. a certify-only primary key)`,
      ),
      expires: expires ?? null,
    };
  }
  return { expires: expires ?? null };
}

type OpenPgpKeyId = ReturnType<Key["getKeyID"]>;

// openpgp.js refuses RSA below 2047 bits (its minRSABits); name that instead of a generic
// verification failure.
function weakKeyReason(key: Key, keyId: OpenPgpKeyId): string | undefined {
  const signing = key.getKeys(keyId)[0];
  const info = signing?.getAlgorithmInfo();
  if (info?.algorithm.startsWith("rsa") && (info.bits ?? 0) < 2047) {
    return `RSA ${info.bits} bits`;
  }
  return undefined;
}

function badSignature(key: Key, keyId: OpenPgpKeyId, detail: string): HcpError {
  // Name the algorithm of the key or subkey that made the signature (Helm's wording).
  const { algorithm } = (key.getKeys(keyId)[0] ?? key).getAlgorithmInfo();
  const algo = ALGO_NAMES[algorithm] ?? algorithm;
  return new HcpError(
    "PROV_BAD_SIGNATURE",
    `openpgp: invalid signature: ${algo} verification failure`,
    {
      hint: `the signed text or the signature was changed after signing (${detail})`,
    },
  );
}

async function checkSignatures(
  openpgp: OpenPgp,
  block: ClearsignedBlock,
  keys: readonly Key[],
  now: Date,
): Promise<{ key: Key; keyId: string; expires: Date | null; signedAt: Date }> {
  let signature: Signature;
  try {
    signature = await openpgp.readSignature({ binarySignature: block.signature });
  } catch (err) {
    throw new HcpError("PROV_NO_SIGNATURE_BLOCK", "signature block not found", {
      hint: `the signature packets do not parse: ${err instanceof Error ? err.message : err}`,
    });
  }
  const packets = [...signature.packets];
  if (packets.length === 0)
    throw new HcpError("PROV_NO_SIGNATURE_BLOCK", "signature block not found");
  // The typings omit the constructor's arguments; the runtime takes (text, signature).
  const Cleartext = openpgp.CleartextMessage as unknown as new (
    text: string,
    signature: Signature,
  ) => CleartextMessage;
  const message = new Cleartext(block.text, signature);
  let result: Awaited<ReturnType<OpenPgp["verify"]>>;
  try {
    result = await openpgp.verify({ message, verificationKeys: [...keys], date: now });
  } catch (err) {
    // verify() itself rejects only on malformed input; per-signature failures come below.
    throw new HcpError(
      "PROV_BAD_SIGNATURE",
      `openpgp: invalid signature: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  const failures: HcpError[] = [];
  let passed: { key: Key; keyId: string; expires: Date | null; signedAt: Date } | undefined;
  for (const [index, entry] of result.signatures.entries()) {
    const packet = packets[index];
    const key = keys.find((k) => k.getKeys(entry.keyID).length > 0);
    // Await every promise, also those we ignore, so no rejection is left unhandled.
    const outcome = await entry.verified.then(
      () => undefined,
      (err: unknown) => (err instanceof Error ? err.message : String(err)),
    );
    if (key === undefined || packet === undefined) continue;
    const weak = WEAK_HASHES[packet.hashAlgorithm as number];
    if (weak !== undefined) {
      failures.push(
        new HcpError(
          "PROV_WEAK_HASH",
          `openpgp: signature uses the insecure hash algorithm ${weak}`,
          {
            hint: "re-sign with SHA-256 or stronger (hcp refuses SHA-1 signatures; Helm 4.1.4 accepts them)",
          },
        ),
      );
      continue;
    }
    const created = packet.created;
    if (created && created.getTime() > now.getTime()) {
      failures.push(
        new HcpError("PROV_SIGNATURE_FUTURE", "openpgp: signature was created in the future", {
          hint: `the signature claims ${created.toISOString()}; check the signer's (or this machine's) clock`,
        }),
      );
      continue;
    }
    const weakKey = weakKeyReason(key, entry.keyID);
    if (weakKey !== undefined) {
      failures.push(
        new HcpError("PROV_WEAK_KEY", `openpgp: signing key is too weak: ${weakKey}`, {
          hint: "re-sign with an RSA key of at least 2048 bits, or an Ed25519 key",
        }),
      );
      continue;
    }
    const checked = await checkSigningKey(key, entry.keyID, now);
    if (checked.error) {
      failures.push(checked.error);
      continue;
    }
    if (outcome !== undefined) {
      failures.push(badSignature(key, entry.keyID, outcome));
      continue;
    }
    passed ??= {
      key,
      keyId: entry.keyID.toHex().toUpperCase(),
      expires: checked.expires,
      signedAt: packet.created ?? now,
    };
  }
  if (failures[0]) throw failures[0];
  if (passed) return passed;
  const ids = result.signatures.map((s) => s.keyID.toHex().toUpperCase()).join(", ");
  throw unknownEntity(
    keys.length === 0
      ? "the keyring holds no keys; pass --keyring with the signer's public key"
      : `no key in the keyring made this signature (issuer ${ids}); import the signer's public key if you trust it`,
  );
}

/**
 * Verifies a .prov against an archive and a keyring.
 * @throws HcpError PROV_NO_SIGNATURE_BLOCK, PROV_MULTIPLE_BLOCKS, PROV_TOO_LARGE,
 *   PROV_UNKNOWN_KEY, PROV_BAD_SIGNATURE, PROV_KEY_EXPIRED, PROV_KEY_REVOKED, PROV_WEAK_HASH,
 *   PROV_MALFORMED, PROV_BAD_YAML, PROV_FILE_NOT_LISTED, PROV_HASH_MISMATCH
 */
export async function verifyProvenance(options: VerifyProvenanceOptions): Promise<Verification> {
  const now = options.now ?? new Date();
  const block = parseClearsigned(options.prov);
  const openpgp = await loadOpenpgp();
  const signed = await checkSignatures(openpgp, block, options.keyring.keys, now);
  const hash = sha256Digest(options.archive);
  const [, filesPart] = splitMessageBlock(block.text);
  checkFileDigest(parseSumCollection(filesPart), options.filename, hash);
  return {
    signedBy: signed.key.getUserIDs(),
    fingerprint: signed.key.getFingerprint().toUpperCase(),
    keyId: signed.keyId,
    hash,
    filename: options.filename,
    keyExpires: signed.expires,
    signedAt: signed.signedAt,
  };
}
