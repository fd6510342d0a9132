/**
 * Creating plugin tarballs byte-compatible with Helm's CreatePluginTarball (Go archive/tar):
 * one top directory named after the plugin (its own entry without a trailing slash), then a
 * lexical depth-first walk of the source directory; USTAR headers with mode, uid, gid,
 * uname, gname and mtime from the filesystem; two zero blocks and no record padding; gzip
 * with Go's header (no name, mtime 0, OS 255). Only the deflate bytes differ from Go's.
 * Hand-written because byte-level header parity with Go is the point.
 */
import { lstat, readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { deflateRawSync } from "node:zlib";
import { HcpError } from "../errors.ts";

const BLOCK = 512;

/** One entry to write. */
export interface TarEntry {
  readonly name: string;
  readonly type: "file" | "dir";
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly uname: string;
  readonly gname: string;
  /** Seconds since the epoch. */
  readonly mtime: number;
  readonly data: Uint8Array;
}

function octal(value: number, width: number): string {
  // Go: width-1 octal digits, zero-padded, then NUL.
  return `${value.toString(8).padStart(width - 1, "0")}\0`;
}

function put(header: Uint8Array, offset: number, width: number, text: string): void {
  const bytes = new TextEncoder().encode(text);
  if (bytes.length > width) {
    throw new HcpError("FILES_TAR_FIELD", `tar header field too long: ${JSON.stringify(text)}`);
  }
  header.set(bytes, offset);
}

/** Splits a long name into USTAR prefix (≤155) and name (≤100) at a slash, as Go does. */
function splitName(name: string): [prefix: string, rest: string] {
  const length = new TextEncoder().encode(name).length;
  if (length <= 100) return ["", name];
  for (let i = name.length - 1; i > 0; i--) {
    if (name[i] !== "/") continue;
    const prefix = name.slice(0, i);
    const rest = name.slice(i + 1);
    if (rest !== "" && prefix.length <= 155 && new TextEncoder().encode(rest).length <= 100) {
      return [prefix, rest];
    }
  }
  throw new HcpError("FILES_TAR_NAME_TOO_LONG", `path too long for a tar header: ${name}`, {
    hint: "shorten the file's path inside the plugin directory",
  });
}

/** Encodes one USTAR header block exactly as Go's archive/tar writes it. */
export function encodeHeader(entry: TarEntry): Uint8Array {
  const header = new Uint8Array(BLOCK);
  const [prefix, name] = splitName(entry.name);
  put(header, 0, 100, name);
  put(header, 100, 8, octal(entry.mode & 0o7777, 8));
  put(header, 108, 8, octal(entry.uid, 8));
  put(header, 116, 8, octal(entry.gid, 8));
  put(header, 124, 12, octal(entry.type === "file" ? entry.data.length : 0, 12));
  put(header, 136, 12, octal(entry.mtime, 12));
  header.fill(0x20, 148, 156); // checksum computed with spaces
  header[156] = entry.type === "file" ? 0x30 : 0x35;
  put(header, 257, 6, "ustar\0");
  put(header, 263, 2, "00");
  put(header, 265, 32, entry.uname);
  put(header, 297, 32, entry.gname);
  put(header, 329, 8, octal(0, 8));
  put(header, 337, 8, octal(0, 8));
  put(header, 345, 155, prefix);
  let sum = 0;
  for (const byte of header) sum += byte;
  put(header, 148, 8, `${sum.toString(8).padStart(6, "0")}\0 `);
  return header;
}

/** Serialises entries into an uncompressed tar stream (two zero blocks, no padding). */
export function encodeTar(entries: readonly TarEntry[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const entry of entries) {
    parts.push(encodeHeader(entry));
    if (entry.type === "file" && entry.data.length > 0) {
      parts.push(entry.data);
      const pad = (BLOCK - (entry.data.length % BLOCK)) % BLOCK;
      if (pad > 0) parts.push(new Uint8Array(pad));
    }
  }
  parts.push(new Uint8Array(BLOCK * 2));
  return Buffer.concat(parts);
}

/** Gzips with Go's header: no file name, mtime 0, XFL 0, OS 255 (unknown). */
export function gzipLikeGo(data: Uint8Array): Uint8Array {
  const header = Uint8Array.of(0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff);
  const body = deflateRawSync(data);
  const trailer = new Uint8Array(8);
  const view = new DataView(trailer.buffer);
  view.setUint32(0, Bun.hash.crc32(data) >>> 0, true);
  view.setUint32(4, data.length >>> 0, true);
  return Buffer.concat([header, body, trailer]);
}

type NameLookup = (id: number) => string;

async function loadIdNames(file: string): Promise<Map<number, string>> {
  const names = new Map<number, string>();
  try {
    for (const line of (await readFile(file, "utf8")).split("\n")) {
      const [name, , id] = line.split(":");
      if (name && id !== undefined && !names.has(Number(id))) names.set(Number(id), name);
    }
  } catch {
    // no passwd/group file: names stay empty, as Go's lookup failure
  }
  return names;
}

/**
 * Walks `dir` and returns the entries Helm's CreatePluginTarball writes: `<top>` first, then
 * every file and directory below in lexical order, named `<top>/<relative path>`.
 * @throws HcpError FILES_UNSUPPORTED_ENTRY for symlinks and special files
 */
export async function collectTarEntries(dir: string, top: string): Promise<TarEntry[]> {
  const users = await loadIdNames("/etc/passwd");
  const groups = await loadIdNames("/etc/group");
  const uname: NameLookup = (id) => users.get(id) ?? "";
  const gname: NameLookup = (id) => groups.get(id) ?? "";
  const entries: TarEntry[] = [];
  const visit = async (path: string, name: string): Promise<void> => {
    const st = await lstat(path, { bigint: true });
    const common = {
      name,
      mode: Number(st.mode) & 0o7777,
      uid: Number(st.uid),
      gid: Number(st.gid),
      uname: uname(Number(st.uid)),
      gname: gname(Number(st.gid)),
      // Go's tar writer rounds ModTime to the nearest second for USTAR headers.
      mtime: Number((st.mtimeNs + 500_000_000n) / 1_000_000_000n),
    };
    if (st.isDirectory()) {
      entries.push({ ...common, type: "dir", data: new Uint8Array() });
      const children = (await readdir(path)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      for (const child of children) await visit(join(path, child), `${name}/${child}`);
    } else if (st.isFile()) {
      entries.push({ ...common, type: "file", data: await readFile(path) });
    } else {
      // Helm writes symlinks with an empty target, which no Helm can install; refuse instead.
      throw new HcpError(
        "FILES_UNSUPPORTED_ENTRY",
        `cannot package ${JSON.stringify(name)}: only regular files and directories can be packaged`,
        { hint: "replace the symbolic link (or special file) with a copy of its target" },
      );
    }
  };
  await visit(dir, top);
  return entries;
}

/** Builds `<top>/…` as a Helm-layout .tgz from the directory `dir`. */
export async function createPluginTarball(dir: string, top: string): Promise<Uint8Array> {
  return gzipLikeGo(encodeTar(await collectTarEntries(dir, top)));
}
