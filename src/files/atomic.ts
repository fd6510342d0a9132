/**
 * Nothing half-written: files are written to a temp name beside the target and renamed;
 * staging directories are made beside their final place so the last step is one rename.
 */
import { mkdir, mkdtemp, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/** Writes `data` to `path` via a temp file in the same directory and a rename. */
export async function writeFileAtomic(
  path: string,
  data: Uint8Array | string,
  mode = 0o644,
): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${Date.now()}`);
  try {
    await writeFile(temp, data, { mode, flag: "wx" });
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
