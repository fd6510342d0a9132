/** SHA-256 digests in the `sha256:<hex>` form Helm writes into .prov files. */
import { createHash } from "node:crypto";

/** Returns `sha256:<64 lower-case hex>` of the bytes. */
export function sha256Digest(bytes: Uint8Array | string): string {
  return `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
}
