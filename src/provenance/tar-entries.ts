/**
 * A bounded, read-only view of the regular files in a plugin .tgz, for the two facts
 * provenance needs from inside a signed archive: its plugin.yaml (to sign an existing
 * tarball) and the digest of its plugin.wasm (to prove that the Wasm bytes about to run are
 * the ones the signature covers). It never writes anything; extraction lives elsewhere.
 * Duplicate names, `..` and absolute names make the archive unusable here.
 */
import { gunzipSync } from "node:zlib";
import { HcpError } from "../errors.ts";

/** Most bytes a plugin archive may decompress to for this reader. */
export const MAX_ARCHIVE_DECOMPRESSED = 256 * 1024 * 1024;

/** Regular files of an archive by their path inside it (`<root>/plugin.yaml`, …). */
export type ArchiveFiles = ReadonlyMap<string, Uint8Array>;

function bad(reason: string): HcpError {
  return new HcpError("PROV_ARCHIVE_INVALID", `invalid plugin archive: ${reason}`);
}

function cString(block: Uint8Array, start: number, length: number): string {
  const slice = block.subarray(start, start + length);
  const end = slice.indexOf(0);
  return new TextDecoder().decode(end < 0 ? slice : slice.subarray(0, end));
}

function octal(block: Uint8Array, start: number, length: number): number {
  const text = cString(block, start, length).trim();
  if (text === "") return 0;
  if (!/^[0-7]+$/.test(text)) throw bad(`bad octal field "${text}"`);
  return Number.parseInt(text, 8);
}

/** Reads `path=` from a PAX extended header. */
function paxPath(data: Uint8Array): string | undefined {
  const text = new TextDecoder().decode(data);
  for (const record of text.split("\n")) {
    const m = /^\d+ path=(.*)$/.exec(record);
    if (m) return m[1];
  }
  return undefined;
}

/**
 * Lists the regular files of a gzipped tar (ustar, PAX and GNU long names).
 * @throws HcpError PROV_ARCHIVE_INVALID
 */
export function readArchiveFiles(tgz: Uint8Array): ArchiveFiles {
  let tar: Uint8Array;
  try {
    tar = new Uint8Array(gunzipSync(tgz, { maxOutputLength: MAX_ARCHIVE_DECOMPRESSED }));
  } catch (err) {
    throw bad(`not a gzipped tarball (${err instanceof Error ? err.message : String(err)})`);
  }
  const files = new Map<string, Uint8Array>();
  let nextName: string | undefined;
  for (let at = 0; at + 512 <= tar.length; ) {
    const header = tar.subarray(at, at + 512);
    if (header.every((b) => b === 0)) break;
    const size = octal(header, 124, 12);
    const type = String.fromCharCode(header[156] ?? 0);
    const prefix = cString(header, 345, 155);
    const base = cString(header, 0, 100);
    const data = tar.subarray(at + 512, at + 512 + size);
    if (data.length !== size) throw bad("truncated entry");
    at += 512 + Math.ceil(size / 512) * 512;
    if (type === "x") {
      nextName = paxPath(data) ?? nextName;
      continue;
    }
    if (type === "L") {
      nextName = cString(data, 0, data.length);
      continue;
    }
    if (type === "g") continue;
    const name = nextName ?? (prefix ? `${prefix}/${base}` : base);
    nextName = undefined;
    if (type !== "0" && type !== "\0") continue;
    const clean = name.replace(/^\.\//, "");
    if (clean.startsWith("/") || clean.split("/").includes("..")) {
      throw bad(`entry "${name}" points outside the archive`);
    }
    if (files.has(clean)) throw bad(`duplicate entry "${clean}"`);
    files.set(clean, data);
  }
  return files;
}

/** The one top-level file named `name` under the archive's single root dir, if any. */
export function findRootFile(files: ArchiveFiles, name: string): Uint8Array | undefined {
  const hits = [...files.entries()].filter(([path]) => {
    const parts = path.split("/");
    return parts.length === 2 && parts[1] === name;
  });
  if (hits.length > 1) throw bad(`more than one ${name} at the top of the archive`);
  return hits[0]?.[1];
}
