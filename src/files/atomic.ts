/**
 * Nothing half-written: files are written to a temp name beside the target and renamed;
 * staging directories are made beside their final place so the last step is one rename.
 */
import { randomUUID } from "node:crypto";
import { mkdir, mkdtemp, open, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/** Options of writeFileAtomic. */
export interface WriteFileAtomicOptions {
  /** File mode of the result (default 0o644). */
  readonly mode?: number;
  /** Mode of directories created on the way (default 0o755). */
  readonly dirMode?: number;
}

/** Prefix of the temp files writeFileAtomic leaves behind only after a crash. */
const TEMP_PREFIX = ".tmp-";

/**
 * Writes `data` to `path` atomically, creating parent dirs: the bytes go to a uniquely named
 * temp file beside the target, are flushed, then renamed over it, so a reader (or a rerun
 * after kill -9) sees the old file or the whole new one, never half of it. A crash leaves at
 * most a `.tmp-*` file behind, which nothing reads.
 */
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

/** Creates a fresh staging directory beside `target` (same filesystem, so rename works). */
export async function makeStagingDir(target: string): Promise<string> {
  await mkdir(dirname(target), { recursive: true });
  return mkdtemp(join(dirname(target), `.${basename(target)}.hcp-staging-`));
}

/** Removes a path recursively, ignoring a missing one. */
export async function removePath(path: string): Promise<void> {
  await rm(path, { recursive: true, force: true });
}
