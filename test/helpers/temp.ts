/**
 * Temp directories for unit tests, removed on disposal (bun's harness `tempDir`):
 * `await using dir = await tempTree({ "Chart.yaml": "…", "templates/cm.yaml": "…" })`.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** A temp dir that removes itself (and everything below it) when disposed. */
export interface TempTree extends AsyncDisposable {
  readonly path: string;
}

/** Options of tempTree. */
export interface TempTreeOptions {
  /** Prefix of the dir's name (default "hcp-test-"). */
  readonly prefix?: string;
}

/** Creates a fresh temp dir holding `files` (paths relative to it, parents created). */
export async function tempTree(
  files: Readonly<Record<string, string | Uint8Array>> = {},
  options: TempTreeOptions = {},
): Promise<TempTree> {
  const path = await mkdtemp(join(tmpdir(), options.prefix ?? "hcp-test-"));
  for (const [name, data] of Object.entries(files)) {
    await mkdir(dirname(join(path, name)), { recursive: true });
    await writeFile(join(path, name), data);
  }
  return {
    path,
    async [Symbol.asyncDispose]() {
      await rm(path, { recursive: true, force: true });
    },
  };
}
