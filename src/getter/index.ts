/**
 * getter: bytes by URL scheme — http(s) and file here, `oci://` through src/registry, other schemes
 * through getter/v1 plugins (bound by action/). Never prints; network only through the
 * injected fetch.
 */
export { fileGet } from "./file.ts";
export {
  type FetchLike,
  type HttpGetterOptions,
  httpContentType,
  httpGet,
  MAX_DOWNLOAD_SIZE,
} from "./http.ts";
