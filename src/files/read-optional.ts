/** Reading a file that may legitimately be absent (a kept .prov, a cached artifact). */
import { readFile } from "node:fs/promises";

/** Reads a file's bytes, or undefined when it does not exist; other errors propagate. */
export async function readOptionalFile(path: string): Promise<Uint8Array | undefined> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
}
