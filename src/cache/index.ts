/**
 * cache: the content-addressed store ($HELM_CACHE_HOME/content/<hh>/<hex>.<kind>) and the
 * atomic write it relies on. Owns verification of stored bytes (on put and on every read) and
 * crash-safe writes. Must not download anything or know about charts' or plugins' contents.
 */
export { TEMP_PREFIX, type WriteFileAtomicOptions, writeFileAtomic } from "./atomic-write.ts";
export {
  type CacheEntry,
  ContentCache,
  type ContentKind,
  MAX_CACHE_ENTRY_SIZE,
} from "./content-cache.ts";
export { digestHex, isDigest, sha256Hex } from "./digest.ts";
