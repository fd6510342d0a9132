/**
 * Reading gzipped tar archives into memory, safely: decompressed size and entry count are
 * capped, every name is checked before any path is built, and only directories and regular
 * files are accepted (links, devices and FIFOs are refused, as Helm's plugin extractor does).
 * Extraction writes the checked entries below one destination directory. `tar` is imported
 * lazily: only commands that open archives pay for it.
 */
import { chmod, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { HcpError } from "../errors.ts";
import { checkEntryName } from "./safe-path.ts";

/** Largest decompressed archive accepted (Helm's MaxDecompressedChartSize default). */
export const MAX_DECOMPRESSED_ARCHIVE_SIZE = 100 * 1024 * 1024;
/** Largest single file accepted inside an archive. */
export const MAX_DECOMPRESSED_FILE_SIZE = 100 * 1024 * 1024;
/** Most entries accepted in one archive. */
export const MAX_ARCHIVE_ENTRIES = 10_000;

/** One checked archive entry. */
export interface ArchiveEntry {
  /** Clean relative path, `/`-separated, no `.`/`..`, no leading slash. */
  readonly path: string;
  readonly type: "file" | "dir";
  /** Permission bits from the header (dirs are created 0755 regardless, as Helm). */
  readonly mode: number;
  readonly data: Uint8Array;
}

/** Limits for readArchive (tests lower them). */
export interface ArchiveLimits {
  readonly maxArchiveSize?: number;
  readonly maxFileSize?: number;
  readonly maxEntries?: number;
}

const TYPEFLAGS: Readonly<Record<string, string>> = {
  SymbolicLink: "2",
  Link: "1",
  CharacterDevice: "3",
  BlockDevice: "4",
  FIFO: "6",
  ContiguousFile: "7",
  GNUDumpDir: "D",
};

function extractError(message: string, cause?: unknown): HcpError {
  return new HcpError("FILES_ARCHIVE_INVALID", message, {
    ...(cause === undefined ? {} : { cause }),
    hint: "the archive is malformed or hostile; do not install it",
  });
}

/**
 * Decompresses and parses a .tgz, checking every entry.
 * @throws HcpError FILES_ARCHIVE_INVALID (not gzip, corrupt, too big, link or special entry),
 *   FILES_UNSAFE_PATH (absolute, `..`, `:` names)
 */
export async function readArchive(
  gz: Uint8Array,
  limits: ArchiveLimits = {},
): Promise<ArchiveEntry[]> {
  const maxArchive = limits.maxArchiveSize ?? MAX_DECOMPRESSED_ARCHIVE_SIZE;
  const maxFile = limits.maxFileSize ?? MAX_DECOMPRESSED_FILE_SIZE;
  const maxEntries = limits.maxEntries ?? MAX_ARCHIVE_ENTRIES;
  if (gz.length < 2 || gz[0] !== 0x1f || gz[1] !== 0x8b) {
    throw extractError("archive is not gzip-compressed (expected a .tgz)");
  }
  let tarBytes: Uint8Array;
  try {
    tarBytes = gunzipSync(gz, { maxOutputLength: maxArchive });
  } catch (err) {
    if (err instanceof RangeError || (err as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") {
      throw extractError(`archive is larger than ${maxArchive} bytes once decompressed`, err);
    }
    throw extractError("failed to decompress archive", err);
  }
  const { Parser } = await import("tar");
  const entries: ArchiveEntry[] = [];
  let failure: unknown;
  const parser = new Parser({ strict: true });
  parser.on("warn", (_code: string, message: string | Error) => {
    failure ??= extractError(`failed to read archive: ${String(message)}`);
  });
  parser.on("entry", (entry) => {
    try {
      if (failure !== undefined) return entry.resume();
      if (entries.length >= maxEntries)
        throw extractError(`archive has more than ${maxEntries} entries`);
      const name = entry.path;
      const type = entry.type as string;
      if (type !== "File" && type !== "OldFile" && type !== "Directory") {
        const flag = TYPEFLAGS[type] ?? "?";
        throw extractError(`unknown type: ${flag.charCodeAt(0).toString(2)} in ${name}`);
      }
      const path = checkEntryName(name).join("/");
      const size = entry.size ?? 0;
      if (size > maxFile) {
        throw extractError(`file ${JSON.stringify(name)} is larger than ${maxFile} bytes`);
      }
      const chunks: Uint8Array[] = [];
      entry.on("data", (chunk: Uint8Array) => chunks.push(chunk));
      entry.on("end", () => {
        entries.push({
          path,
          type: type === "Directory" ? "dir" : "file",
          mode: (entry.mode ?? 0o644) & 0o777,
          data: type === "Directory" ? new Uint8Array() : Buffer.concat(chunks),
        });
      });
    } catch (err) {
      failure ??= err;
      entry.resume();
    }
  });
  // Wait for the parser to finish every entry (its streams may emit after write() returns).
  const done = new Promise<void>((resolve) => {
    parser.on("end", () => resolve());
    parser.on("close", () => resolve());
    parser.on("error", (err: unknown) => {
      failure ??= extractError("failed to read archive", err);
      resolve();
    });
  });
  try {
    parser.write(Buffer.from(tarBytes.buffer, tarBytes.byteOffset, tarBytes.byteLength));
    parser.end();
  } catch (err) {
    failure ??= extractError("failed to read archive", err);
  }
  await done;
  if (failure !== undefined) throw failure;
  return entries;
}

/**
 * Writes checked entries below `dest` (which must exist). Files keep their header mode;
 * directories are 0755.
 */
export async function writeEntries(entries: readonly ArchiveEntry[], dest: string): Promise<void> {
  for (const entry of entries) {
    const target = join(dest, ...entry.path.split("/"));
    if (entry.type === "dir") {
      await mkdir(target, { recursive: true, mode: 0o755 });
      continue;
    }
    await mkdir(join(target, ".."), { recursive: true, mode: 0o755 });
    // flag "wx": never follow or overwrite something already there (e.g. a duplicate entry).
    await writeFile(target, entry.data, { flag: "wx", mode: entry.mode });
    await chmod(target, entry.mode);
  }
}
