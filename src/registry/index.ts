/**
 * registry: the OCI distribution client — references, auth (anonymous, Basic, Bearer token
 * flow; credentials from the docker-style registry config), manifests, verified blob
 * streaming, media types — and Helm 4's plugin artifact (pullPlugin, pushPlugin).
 * All network goes through an injected fetch. Must not write to the cache, print, or know
 * about charts; the caller decides what to do with the bytes.
 */
export {
  type Challenge,
  parseChallenge,
} from "./challenge.ts";
export {
  createRegistryClient,
  type FetchedManifest,
  MAX_BLOB_SIZE,
  MAX_MANIFEST_SIZE,
  type ProgressCallback,
  type PulledPlugin,
  type PullPluginOptions,
  type PushedPlugin,
  type PushPluginOptions,
  RegistryClient,
  type RegistryClientOptions,
} from "./client.ts";
export {
  type Credential,
  findCredential,
  normalizeHost,
  type RegistryConfig,
  readRegistryConfig,
  removeCredential,
  storeCredential,
} from "./credentials.ts";
export {
  checkPluginArtifactType,
  type Descriptor,
  type ImageIndex,
  type Manifest,
  type PluginLayers,
  parseIndex,
  parseManifest,
  selectPluginLayers,
} from "./manifest.ts";
export * from "./media-types.ts";
export {
  formatReference,
  isOciReference,
  isValidTag,
  OCI_SCHEME,
  parseReference,
  type Reference,
  repositoryBaseName,
} from "./reference.ts";
export { type FetchLike, RegistryHttpError, type TlsOptions } from "./transport.ts";
