/**
 * Render-time lookup of a chart plugin in the content cache (spec chart-defined-plugins §8
 * step 1): the Chart.lock entry with the same name and version gives the digest, and the
 * cache returns the bytes only after re-hashing them, so a tarball corrupted after download
 * fails here, before any Wasm is compiled (N7). Returns undefined when the lock has no usable
 * digest or the cache lacks it, so the caller can fall back (versions dir, installed plugin).
 */
import { ContentCache } from "../cache/index.ts";
import { HcpError } from "../errors.ts";
import { type Logger, NULL_LOGGER } from "../log.ts";
import type { ChartLock, ChartPlugin } from "./dependency-plugins.ts";

/** A plugin tarball found in the cache and verified against its locked digest. */
export interface CachedPlugin {
  readonly digest: string;
  readonly path: string;
  readonly tarball: Uint8Array;
  readonly prov?: Uint8Array;
}

/** Options of resolveCachedPlugin. */
export interface ResolveCachedPluginOptions {
  /** settings.contentCache */
  readonly contentCache: string;
  readonly lock: ChartLock | undefined;
  readonly plugin: ChartPlugin;
  readonly log?: Logger;
}

/**
 * Finds a chart plugin's verified tarball (and .prov) in the cache by its Chart.lock digest.
 * @throws HcpError CACHE_CORRUPT naming the plugin when the cached bytes do not hash to it
 */
export async function resolveCachedPlugin(
  options: ResolveCachedPluginOptions,
): Promise<CachedPlugin | undefined> {
  const { plugin } = options;
  const log = options.log ?? NULL_LOGGER;
  const locked = options.lock?.plugins.find((p) => p.name === plugin.name);
  if (locked === undefined) return undefined;
  if (locked.version !== plugin.version) {
    log.warn(
      `Chart.lock pins plugin "${plugin.name}" at version ${locked.version}, Chart.yaml asks for ${plugin.version}; ignoring the lock (run 'hcp dependency update')`,
    );
    return undefined;
  }
  const cache = new ContentCache(options.contentCache);
  let entry: Awaited<ReturnType<ContentCache["get"]>>;
  try {
    entry = await cache.get(locked.digest);
  } catch (err) {
    throw new HcpError(
      "CACHE_CORRUPT",
      `plugin "${plugin.name}" (digest: ${locked.digest.slice(0, 12)}) failed verification in the cache`,
      { cause: err, hint: "run 'hcp dependency update' to download it again" },
    );
  }
  if (entry === undefined) {
    log.debug("plugin not in the cache", { name: plugin.name, digest: locked.digest });
    return undefined;
  }
  const prov = await cache.getProv(locked.digest);
  return {
    digest: locked.digest,
    path: entry.path,
    tarball: entry.bytes,
    ...(prov === undefined ? {} : { prov }),
  };
}
