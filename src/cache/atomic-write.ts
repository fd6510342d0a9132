/**
 * Atomic file writes: the bytes go to a uniquely named temp file beside the target, are
 * flushed, then renamed over it, so a reader (or a rerun after kill -9) sees either the old
 * file or the whole new one, never half of it. A crash leaves at most a `.tmp-*` file behind,
 * which nothing reads.
 */
import { randomUUID } from "node:crypto";
import { mkdir, open, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/** Options of writeFileAtomic. */
export interface WriteFileAtomicOptions {
  /** File mode of the result (default 0o644). */
  readonly mode?: number;
  /** Mode of directories created on the way (default 0o755). */
  readonly dirMode?: number;
}

/** Prefix of the temp files writeFileAtomic leaves only after a crash. */
export const TEMP_PREFIX = ".tmp-";

/** Writes `data` to `path` atomically (temp file + fsync + rename), creating parent dirs. */
export async function writeFileAtomic(
  path: string,
  data: Uint8Array | string,
  options: WriteFileAtomicOptions = {},
): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true, mode: options.dirMode ?? 0o755 });
  const temp = join(dir, `${TEMP_PREFIX}${basename(path)}.${randomUUID()}`);
  const handle = await open(temp, "wx", options.mode ?? 0o644);
  try {
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}
