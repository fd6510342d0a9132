/**
 * Chart archives (.tgz): gunzip + a small tar reader, with Helm's limits and safety rules
 * (no absolute paths, no "..", no drive letters, Chart.yaml not at the top, 100 MiB total and
 * 5 MiB per file). One of the two disk/tgz readers of the chart module; no `tar` import, so
 * `hcp template` stays cheap to start.
 */
import { HcpError } from "../errors.ts";
import { cleanPath } from "../gopath.ts";
import type { ChartFile } from "./chart.ts";

/** Largest total size of the files in a chart archive (Helm's MaxDecompressedChartSize). */
export const MAX_DECOMPRESSED_CHART_SIZE = 100 * 1024 * 1024;
/** Largest size of one file of a chart (Helm's MaxDecompressedFileSize). */
export const MAX_DECOMPRESSED_FILE_SIZE = 5 * 1024 * 1024;

const BLOCK = 512;
const decoder = new TextDecoder();
const UTF8_BOM = [0xef, 0xbb, 0xbf];

function archiveError(message: string): HcpError {
  return new HcpError("CHART_INVALID_ARCHIVE", message);
}

function field(buf: Uint8Array, offset: number, length: number): string {
  let end = offset;
  const stop = offset + length;
  while (end < stop && buf[end] !== 0) end++;
  return decoder.decode(buf.subarray(offset, end));
}

function octal(buf: Uint8Array, offset: number, length: number): number {
  // GNU base-256 encoding for big sizes: high bit set on the first byte.
  if (((buf[offset] ?? 0) & 0x80) !== 0) {
    let n = 0;
    for (let i = offset + 1; i < offset + length; i++) n = n * 256 + (buf[i] ?? 0);
    return n;
  }
  const s = field(buf, offset, length).trim();
  return s === "" ? 0 : Number.parseInt(s, 8);
}

function parsePax(data: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  const text = decoder.decode(data);
  let pos = 0;
  while (pos < text.length) {
    const space = text.indexOf(" ", pos);
    if (space < 0) break;
    const len = Number.parseInt(text.slice(pos, space), 10);
    if (!Number.isFinite(len) || len <= 0) break;
    const record = text.slice(space + 1, pos + len - 1);
    const eq = record.indexOf("=");
    if (eq > 0) out[record.slice(0, eq)] = record.slice(eq + 1);
    pos += len;
  }
  return out;
}

interface TarEntry {
  readonly name: string;
  readonly type: string;
  readonly data: Uint8Array;
}

function* tarEntries(tar: Uint8Array): Generator<TarEntry> {
  let pos = 0;
  let paxPath: string | undefined;
  let longName: string | undefined;
  while (pos + BLOCK <= tar.length) {
    const header = tar.subarray(pos, pos + BLOCK);
    if (header.every((b) => b === 0)) return;
    const size = octal(header, 124, 12);
    const type = String.fromCharCode(header[156] ?? 0);
    let name = field(header, 0, 100);
    if (field(header, 257, 5) === "ustar") {
      const prefix = field(header, 345, 155);
      if (prefix !== "") name = `${prefix}/${name}`;
    }
    const dataStart = pos + BLOCK;
    if (dataStart + size > tar.length) throw archiveError("unexpected EOF");
    const data = tar.subarray(dataStart, dataStart + size);
    pos = dataStart + Math.ceil(size / BLOCK) * BLOCK;
    if (type === "x") {
      paxPath = parsePax(data)["path"];
      continue;
    }
    if (type === "g") continue;
    if (type === "L") {
      longName = field(data, 0, data.length);
      continue;
    }
    if (paxPath !== undefined) name = paxPath;
    else if (longName !== undefined) name = longName;
    paxPath = undefined;
    longName = undefined;
    yield { name, type, data };
  }
}

/**
 * Expands a gzipped chart archive into files named relative to the chart root (the first
 * path component, the chart's directory, is dropped), as Helm's LoadArchiveFiles.
 * @throws HcpError CHART_INVALID_ARCHIVE with Helm's messages.
 */
export function expandChartArchive(data: Uint8Array): ChartFile[] {
  // Loaded here, not at the top: node:zlib costs ~8 ms CPU to load, and most charts are
  // directories without packaged subcharts.
  const { gunzipSync } = require("node:zlib") as typeof import("node:zlib");
  let tar: Uint8Array;
  try {
    tar = gunzipSync(data, { maxOutputLength: MAX_DECOMPRESSED_CHART_SIZE + 64 * 1024 * 1024 });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (/max|buffer/i.test(message)) {
      throw archiveError(
        `decompressed chart is larger than the maximum size ${MAX_DECOMPRESSED_CHART_SIZE}`,
      );
    }
    throw archiveError(
      data[0] === 0x1f && data[1] === 0x8b ? "unexpected EOF" : "gzip: invalid header",
    );
  }
  const files: ChartFile[] = [];
  let remaining = MAX_DECOMPRESSED_CHART_SIZE;
  for (const entry of tarEntries(tar)) {
    if (entry.type === "5" || entry.name.endsWith("/")) continue;
    const delimiter = entry.name.includes("\\") ? "\\" : "/";
    const parts = entry.name.split(delimiter);
    let n = parts.slice(1).join(delimiter).replaceAll(delimiter, "/");
    if (n.startsWith("/")) throw archiveError("chart illegally contains absolute paths");
    n = cleanPath(n);
    if (n === ".") {
      throw archiveError(
        `chart illegally contains content outside the base directory: ${JSON.stringify(entry.name)}`,
      );
    }
    if (n.startsWith("..")) throw archiveError("chart illegally references parent directory");
    if (/^[a-zA-Z]:\//.test(n)) throw archiveError("chart contains illegally named files");
    if (parts[0] === "Chart.yaml") throw archiveError("chart yaml not in base directory");
    const size = entry.data.length;
    if (size > remaining) {
      throw archiveError(
        `decompressed chart is larger than the maximum size ${MAX_DECOMPRESSED_CHART_SIZE}`,
      );
    }
    if (size > MAX_DECOMPRESSED_FILE_SIZE) {
      throw archiveError(
        `decompressed chart file ${JSON.stringify(entry.name)} is larger than the maximum file size ${MAX_DECOMPRESSED_FILE_SIZE}`,
      );
    }
    remaining -= size;
    let bytes = entry.data;
    if (bytes[0] === UTF8_BOM[0] && bytes[1] === UTF8_BOM[1] && bytes[2] === UTF8_BOM[2]) {
      bytes = bytes.subarray(3);
    }
    files.push({ name: n, data: bytes });
  }
  if (files.length === 0) throw archiveError("no files in chart archive");
  return files;
}
