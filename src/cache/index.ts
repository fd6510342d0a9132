/**
 * cache: the content-addressed store ($HELM_CACHE_HOME/content/<hh>/<hex>.<kind>). Owns
 * verification of stored bytes (on put and on every read); writes go through files/'s
 * crash-safe writeFileAtomic. Must not download anything or know about charts' or plugins'
 * contents.
 */
export {
  type CacheEntry,
  ContentCache,
  type ContentKind,
  MAX_CACHE_ENTRY_SIZE,
} from "./content-cache.ts";
export { digestHex, isDigest, sha256Hex } from "./digest.ts";
