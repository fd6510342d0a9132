/**
 * The content-addressed store under $HELM_CACHE_HOME/content (Helm 4's pkg/downloader
 * cache layout): a tarball lives at `<root>/<hh>/<hex>.<kind>`, `<hex>` its SHA-256 and `<hh>`
 * the first two hex chars. Entries are verified when stored and re-hashed when read, so a
 * file corrupted after download is detected before anything uses it. Writes are atomic
 * (temp + rename); two processes storing the same digest both succeed with identical bytes.
 */
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { HcpError } from "../errors.ts";
import { writeFileAtomic } from "../files/index.ts";
import { digestHex, sha256Hex } from "./digest.ts";

/** What an entry holds; the file extension. Provenance is keyed by its tarball's digest. */
export type ContentKind = "plugin" | "chart" | "prov";

/** Largest cache entry read back (a plugin archive may hold at most 100 MiB decompressed). */
export const MAX_CACHE_ENTRY_SIZE = 100 * 1024 * 1024;

/** Result of a lookup that found a verified entry. */
export interface CacheEntry {
  readonly path: string;
  readonly bytes: Uint8Array;
}

async function fileSize(path: string): Promise<number | undefined> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) {
      throw new HcpError("CACHE_NOT_A_FILE", `cache entry "${path}" is a directory`, {
        hint: "remove it; the cache is disposable",
      });
    }
    return info.size;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
}

/** A content-addressed store rooted at one directory (normally settings.contentCache). */
export class ContentCache {
  readonly root: string;

  constructor(root: string) {
    this.root = root;
  }

  /** The sharded path of an entry: `<root>/<hh>/<hex>.<kind>`. */
  pathFor(digest: string, kind: ContentKind = "plugin"): string {
    const hex = digestHex(digest);
    return join(this.root, hex.slice(0, 2), `${hex}.${kind}`);
  }

  /** The flat path the seed-era docs named: `<root>/<hex>.<kind>` (read only). */
  flatPathFor(digest: string, kind: ContentKind = "plugin"): string {
    return join(this.root, `${digestHex(digest)}.${kind}`);
  }

  /**
   * Stores `bytes` (a plugin or chart tarball) under its SHA-256 and returns the hex digest.
   * With `expected`, the bytes must hash to it. An existing, intact entry is kept.
   * @throws HcpError CACHE_DIGEST_MISMATCH, CACHE_BAD_DIGEST
   */
  async put(
    bytes: Uint8Array,
    options: { kind?: "plugin" | "chart"; expected?: string } = {},
  ): Promise<string> {
    const hex = sha256Hex(bytes);
    if (options.expected !== undefined && digestHex(options.expected) !== hex) {
      throw new HcpError(
        "CACHE_DIGEST_MISMATCH",
        `refusing to cache content: digest is sha256:${hex}, expected sha256:${digestHex(options.expected)}`,
      );
    }
    const path = this.pathFor(hex, options.kind ?? "plugin");
    if ((await this.#readVerified(path, hex)) === undefined) await writeFileAtomic(path, bytes);
    return hex;
  }

  /**
   * Stores a provenance file beside its tarball's entry (keyed by the tarball digest, as Helm).
   * @throws HcpError CACHE_BAD_DIGEST
   */
  async putProv(tarballDigest: string, prov: Uint8Array): Promise<string> {
    const path = this.pathFor(tarballDigest, "prov");
    await writeFileAtomic(path, prov);
    return path;
  }

  /**
   * Reads a verified entry, or undefined when absent (a zero-size file counts as absent).
   * @throws HcpError CACHE_CORRUPT when the stored bytes do not hash to `digest`
   */
  async get(digest: string, kind: "plugin" | "chart" = "plugin"): Promise<CacheEntry | undefined> {
    const hex = digestHex(digest);
    for (const path of [this.pathFor(hex, kind), this.flatPathFor(hex, kind)]) {
      const bytes = await this.#readVerified(path, hex, true);
      if (bytes !== undefined) return { path, bytes };
    }
    return undefined;
  }

  /** Reads the provenance stored for a tarball digest, if any (not self-verifying). */
  async getProv(tarballDigest: string): Promise<Uint8Array | undefined> {
    const path = this.pathFor(tarballDigest, "prov");
    const size = await fileSize(path);
    if (size === undefined || size === 0) return undefined;
    return new Uint8Array(await readFile(path));
  }

  /**
   * Reports whether an intact entry exists. A corrupt entry counts as absent (it will be
   * replaced by the next put), so `dependency update` re-downloads instead of failing.
   */
  async has(digest: string, kind: "plugin" | "chart" = "plugin"): Promise<boolean> {
    try {
      return (await this.get(digest, kind)) !== undefined;
    } catch (err) {
      if (err instanceof HcpError && err.code === "CACHE_CORRUPT") return false;
      throw err;
    }
  }

  async #readVerified(path: string, hex: string, strict = false): Promise<Uint8Array | undefined> {
    const size = await fileSize(path);
    if (size === undefined || size === 0) return undefined;
    if (size > MAX_CACHE_ENTRY_SIZE) {
      if (!strict) return undefined;
      throw new HcpError(
        "CACHE_CORRUPT",
        `cache entry "${path}" is larger than ${MAX_CACHE_ENTRY_SIZE} bytes`,
        {
          hint: "delete the file and run 'hcp dependency update'",
        },
      );
    }
    const bytes = new Uint8Array(await readFile(path));
    const actual = sha256Hex(bytes);
    if (actual === hex) return bytes;
    if (!strict) return undefined;
    throw new HcpError(
      "CACHE_CORRUPT",
      `cache entry "${path}" is corrupt: its content hashes to sha256:${actual}, not sha256:${hex}`,
      { hint: "delete the file and run 'hcp dependency update' to download it again" },
    );
  }
}
