/** SHA-256 digests in the two spellings hcp meets: `sha256:<hex>` (OCI) and bare `<hex>` (Chart.lock). */
import { HcpError } from "../errors.ts";

const HEX = /^[a-f0-9]{64}$/;

/** Returns the lower-case hex SHA-256 of `bytes`. */
export function sha256Hex(bytes: Uint8Array): string {
  return new Bun.CryptoHasher("sha256").update(bytes).digest("hex");
}

/**
 * Normalises `sha256:<hex>` or `<hex>` to the bare 64-char lower-case hex.
 * @throws HcpError CACHE_BAD_DIGEST
 */
export function digestHex(digest: string): string {
  const hex = digest.startsWith("sha256:") ? digest.slice("sha256:".length) : digest;
  if (!HEX.test(hex)) {
    throw new HcpError("CACHE_BAD_DIGEST", `invalid digest "${digest}": want 64 lower-case hex`);
  }
  return hex;
}

/** Reports whether `digest` is a bare or `sha256:`-prefixed SHA-256 digest. */
export function isDigest(digest: string): boolean {
  return HEX.test(digest.startsWith("sha256:") ? digest.slice(7) : digest);
}
