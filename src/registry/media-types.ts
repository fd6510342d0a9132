/** Media and artifact types of the OCI image spec and of Helm plugin artifacts. */

/** OCI image manifest (the only manifest kind a plugin artifact uses). */
export const OCI_MANIFEST_MEDIA_TYPE = "application/vnd.oci.image.manifest.v1+json";
/** OCI image index (multi-artifact); a plugin is picked from it by artifact type. */
export const OCI_INDEX_MEDIA_TYPE = "application/vnd.oci.image.index.v1+json";
/** The artifact type of a Helm plugin (manifest `artifactType`, or legacy `config.mediaType`). */
export const PLUGIN_ARTIFACT_TYPE = "application/vnd.helm.plugin.v1+json";
/** The OCI empty descriptor's media type, used as config for artifacts. */
export const EMPTY_CONFIG_MEDIA_TYPE = "application/vnd.oci.empty.v1+json";
/** The two bytes `{}` of the empty config blob. */
export const EMPTY_CONFIG_DIGEST =
  "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";
/** Gzip tar layer (the plugin tarball). */
export const LAYER_TAR_GZIP_MEDIA_TYPE = "application/vnd.oci.image.layer.v1.tar+gzip";
/** Plain tar layer; Helm also accepts it, and oras uses it by default (the .prov layer). */
export const LAYER_TAR_MEDIA_TYPE = "application/vnd.oci.image.layer.v1.tar";
/** Layer media types Helm 4's plugin pull will fetch; any other layer is never downloaded. */
export const PLUGIN_LAYER_MEDIA_TYPES: readonly string[] = [
  LAYER_TAR_MEDIA_TYPE,
  LAYER_TAR_GZIP_MEDIA_TYPE,
];
/** Annotation holding a layer's file name. */
export const TITLE_ANNOTATION = "org.opencontainers.image.title";
/** Annotation holding the creation time of a manifest. */
export const CREATED_ANNOTATION = "org.opencontainers.image.created";
