/**
 * Reading charts from disk: a chart directory (walked in sorted order, following symlinks as
 * Helm's sympath.Walk does, filtered by .helmignore, 5 MiB per file, regular files only) or a
 * packaged .tgz. The only disk reader of the chart module besides archive.ts.
 */
import {
  closeSync,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  realpathSync,
  statSync,
} from "node:fs";
import { join, resolve } from "node:path";
import { HcpError } from "../errors.ts";
import { expandChartArchive, MAX_DECOMPRESSED_FILE_SIZE } from "./archive.ts";
import type { Chart, ChartFile } from "./chart.ts";
import { HELM_IGNORE, parseHelmIgnore } from "./helmignore.ts";
import { loadChartFiles } from "./load.ts";

function stripBom(b: Uint8Array): Uint8Array {
  return b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? b.subarray(3) : b;
}

function tooLarge(rel: string): HcpError {
  const base = rel.slice(rel.lastIndexOf("/") + 1);
  return new HcpError(
    "CHART_LOAD",
    `chart file "${base}" is larger than the maximum file size ${MAX_DECOMPRESSED_FILE_SIZE}`,
  );
}

/**
 * Reads a regular file, holding it to the 5 MiB limit before reading: open, fstat, read, close
 * are the system calls readFileSync makes anyway, so the size check costs no extra call (and no
 * lstat per file), and an oversized file is never read into memory.
 */
function readRegular(abs: string, rel: string): Uint8Array {
  const fd = openSync(abs, "r");
  try {
    const size = fstatSync(fd).size;
    if (size > MAX_DECOMPRESSED_FILE_SIZE) throw tooLarge(rel);
    const data = new Uint8Array(size);
    let n = 0;
    while (n < size) {
      const got = readSync(fd, data, n, size - n, null);
      if (got === 0) break; // shrank while being read: keep what is there
      n += got;
    }
    return stripBom(n === size ? data : data.subarray(0, n));
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads the files of a chart directory, relative names with "/" separators.
 * @throws HcpError CHART_LOAD for irregular or oversized files.
 */
export function readChartDir(dir: string): ChartFile[] {
  const top = resolve(dir);
  let ignoreText = "";
  try {
    ignoreText = readFileSync(join(top, HELM_IGNORE), "utf8");
  } catch {
    // no .helmignore: only Helm's default rule applies
  }
  const rules = parseHelmIgnore(ignoreText);
  const files: ChartFile[] = [];
  // Real paths of the directories being walked: a symlink back into one of them would make
  // the walk endless, so it is refused.
  const open = new Set<string>();
  const walkDir = (abs: string, rel: string, real: string): void => {
    if (open.has(real)) {
      throw new HcpError("CHART_LOAD", `symlink cycle at ${rel}: it leads back to ${real}`);
    }
    open.add(real);
    const prefix = abs.endsWith("/") ? abs : `${abs}/`;
    const realPrefix = real.endsWith("/") ? real : `${real}/`;
    // Entries come with their type, so plain files and directories need no lstat; a symlink or
    // an unknown type takes the stat path (walk).
    const entries = readdirSync(abs, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const name = e.name;
      const childAbs = prefix + name;
      const childRel = rel === "" ? name : `${rel}/${name}`;
      if (e.isFile()) {
        if (!rules.ignore(childRel, false)) {
          files.push({ name: childRel, data: readRegular(childAbs, childRel) });
        }
      } else if (e.isDirectory()) {
        // Not a symlink: its real path is the parent's plus its name.
        if (!rules.ignore(childRel, true)) walkDir(childAbs, childRel, realPrefix + name);
      } else {
        walk(childAbs, childRel);
      }
    }
    open.delete(real);
  };
  const walk = (abs: string, rel: string): void => {
    let st = lstatSync(abs);
    if (st.isSymbolicLink()) {
      let target: string;
      try {
        target = realpathSync(abs);
      } catch (err) {
        throw new HcpError("CHART_LOAD", `error evaluating symlink ${abs}: ${String(err)}`);
      }
      st = statSync(target);
    }
    if (st.isDirectory()) {
      if (rel !== "" && rules.ignore(rel, true)) return;
      walkDir(abs, rel, realpathSync(abs));
      return;
    }
    if (rules.ignore(rel, false)) return;
    if (!st.isFile()) {
      throw new HcpError(
        "CHART_LOAD",
        `cannot load irregular file ${abs} as it has file mode type bits set`,
      );
    }
    files.push({ name: rel, data: readRegular(abs, rel) });
  };
  walk(top, "");
  return files;
}

function isGzip(data: Uint8Array): boolean {
  return data[0] === 0x1f && data[1] === 0x8b && data[2] === 0x08;
}

/** Loader options for disk charts. */
export interface LoadChartOptions {
  readonly warn?: (message: string) => void;
}

/**
 * Loads a chart from a directory or a .tgz file (Helm's loader.Load).
 * @throws HcpError CHART_LOAD / CHART_INVALID_ARCHIVE / CHART_INVALID_METADATA.
 */
export function loadChart(path: string, options: LoadChartOptions = {}): Chart {
  const st = statSync(path);
  const loadOptions = {
    expandArchive: expandChartArchive,
    ...(options.warn ? { warn: options.warn } : {}),
  };
  if (st.isDirectory()) return loadChartFiles(readChartDir(path), loadOptions);
  const data = readFileSync(path);
  if (!isGzip(data)) {
    if (path.endsWith(".yml") || path.endsWith(".yaml")) {
      throw new HcpError(
        "CHART_INVALID_ARCHIVE",
        `file '${path}' seems to be a YAML file, but expected a gzipped archive`,
      );
    }
    throw new HcpError(
      "CHART_INVALID_ARCHIVE",
      `file '${path}' does not appear to be a gzipped archive; got '${data.length === 0 ? "text/plain; charset=utf-8" : "application/octet-stream"}'`,
    );
  }
  return loadChartFiles(expandChartArchive(data), loadOptions);
}
