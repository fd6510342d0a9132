/**
 * The file getter: bytes of a `file://` URL (or a plain path), with the same size cap as the
 * http getter.
 */
import { stat } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { HcpError } from "../errors.ts";
import { MAX_DOWNLOAD_SIZE } from "./http.ts";

/**
 * Reads a `file://` URL or a path.
 * @throws HcpError GETTER_FILE (missing or unreadable), GETTER_TOO_LARGE
 */
export async function fileGet(url: string, maxBytes = MAX_DOWNLOAD_SIZE): Promise<Uint8Array> {
  const path = url.startsWith("file://") ? fileURLToPath(url) : url;
  try {
    const info = await stat(path);
    if (info.size > maxBytes) {
      throw new HcpError("GETTER_TOO_LARGE", `${url} is larger than ${maxBytes} bytes`);
    }
    return new Uint8Array(await Bun.file(path).arrayBuffer());
  } catch (err) {
    if (err instanceof HcpError) throw err;
    throw new HcpError("GETTER_FILE", `failed to read ${url}`, { cause: err });
  }
}
