/**
 * files: the named file helpers hcp needs — atomic writes and staging dirs, archive entry
 * name checks, safe .tgz reading and extraction with limits, and Helm-layout plugin
 * tarballs. Knows nothing about plugins or charts; never prints.
 */
export {
  type ArchiveEntry,
  type ArchiveLimits,
  MAX_ARCHIVE_ENTRIES,
  MAX_DECOMPRESSED_ARCHIVE_SIZE,
  MAX_DECOMPRESSED_FILE_SIZE,
  readArchive,
  writeEntries,
} from "./archive.ts";
export {
  makeStagingDir,
  removePath,
  type WriteFileAtomicOptions,
  writeFileAtomic,
} from "./atomic.ts";
export { readOptionalFile } from "./read-optional.ts";
export { checkEntryName } from "./safe-path.ts";
export {
  collectTarEntries,
  createPluginTarball,
  encodeHeader,
  encodeTar,
  gzipLikeGo,
  type TarEntry,
} from "./tarball.ts";
