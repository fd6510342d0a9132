/**
 * OCI manifests and descriptors: one parse-and-validate function for the JSON a registry
 * returns, and the plugin layer selection Helm 4's PullPlugin applies (artifact type check,
 * `<name>-*.tgz` layer, optional `<name>-*.tgz.prov` layer).
 */
import { HcpError } from "../errors.ts";
import {
  OCI_INDEX_MEDIA_TYPE,
  OCI_MANIFEST_MEDIA_TYPE,
  PLUGIN_ARTIFACT_TYPE,
  PLUGIN_LAYER_MEDIA_TYPES,
  TITLE_ANNOTATION,
} from "./media-types.ts";

/** An OCI content descriptor (Helm/ORAS name: Descriptor). */
export interface Descriptor {
  readonly mediaType: string;
  readonly digest: string;
  readonly size: number;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly artifactType?: string;
  readonly data?: string;
}

/** An OCI image manifest. */
export interface Manifest {
  readonly schemaVersion: number;
  readonly mediaType?: string;
  readonly artifactType?: string;
  readonly config: Descriptor;
  readonly layers: readonly Descriptor[];
  readonly annotations?: Readonly<Record<string, string>>;
}

/** An OCI image index. */
export interface ImageIndex {
  readonly schemaVersion: number;
  readonly mediaType?: string;
  readonly manifests: readonly Descriptor[];
}

const DIGEST = /^sha256:[a-f0-9]{64}$/;

function bad(what: string, why: string): HcpError {
  return new HcpError("OCI_BAD_MANIFEST", `invalid ${what}: ${why}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function parseDescriptor(value: unknown, where: string): Descriptor {
  if (!isRecord(value)) throw bad("manifest", `${where} is not an object`);
  const { mediaType, digest, size, annotations, artifactType, data } = value;
  if (typeof mediaType !== "string") throw bad("manifest", `${where}.mediaType is missing`);
  if (typeof digest !== "string" || !DIGEST.test(digest)) {
    throw bad("manifest", `${where}.digest "${String(digest)}" is not a sha256 digest`);
  }
  if (typeof size !== "number" || !Number.isSafeInteger(size) || size < 0) {
    throw bad("manifest", `${where}.size is not a non-negative integer`);
  }
  let notes: Record<string, string> | undefined;
  if (annotations !== undefined && annotations !== null) {
    if (!isRecord(annotations)) throw bad("manifest", `${where}.annotations is not an object`);
    notes = {};
    for (const [k, v] of Object.entries(annotations)) if (typeof v === "string") notes[k] = v;
  }
  return {
    mediaType,
    digest,
    size,
    ...(notes === undefined ? {} : { annotations: notes }),
    ...(typeof artifactType === "string" ? { artifactType } : {}),
    ...(typeof data === "string" ? { data } : {}),
  };
}

function parseJson(bytes: Uint8Array, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(bytes));
  } catch (err) {
    throw new HcpError("OCI_BAD_MANIFEST", `invalid ${what}: not JSON`, { cause: err });
  }
  if (!isRecord(value)) throw bad(what, "not a JSON object");
  return value;
}

/**
 * Parses and validates an OCI image manifest.
 * @throws HcpError OCI_BAD_MANIFEST
 */
export function parseManifest(bytes: Uint8Array): Manifest {
  const value = parseJson(bytes, "manifest");
  if (value.schemaVersion !== 2) throw bad("manifest", "schemaVersion is not 2");
  if (value.mediaType !== undefined && value.mediaType !== OCI_MANIFEST_MEDIA_TYPE) {
    throw bad("manifest", `media type "${String(value.mediaType)}" is not an OCI image manifest`);
  }
  if (!Array.isArray(value.layers)) throw bad("manifest", "layers is not a list");
  return {
    schemaVersion: 2,
    ...(typeof value.mediaType === "string" ? { mediaType: value.mediaType } : {}),
    ...(typeof value.artifactType === "string" ? { artifactType: value.artifactType } : {}),
    config: parseDescriptor(value.config, "config"),
    layers: value.layers.map((layer, i) => parseDescriptor(layer, `layers[${i}]`)),
    ...(isRecord(value.annotations)
      ? { annotations: value.annotations as Record<string, string> }
      : {}),
  };
}

/**
 * Parses and validates an OCI image index.
 * @throws HcpError OCI_BAD_MANIFEST
 */
export function parseIndex(bytes: Uint8Array): ImageIndex {
  const value = parseJson(bytes, "image index");
  if (value.schemaVersion !== 2) throw bad("image index", "schemaVersion is not 2");
  if (!Array.isArray(value.manifests)) throw bad("image index", "manifests is not a list");
  return {
    schemaVersion: 2,
    mediaType: OCI_INDEX_MEDIA_TYPE,
    manifests: value.manifests.map((m, i) => parseDescriptor(m, `manifests[${i}]`)),
  };
}

/** The layers of a plugin artifact: the tarball and, when pushed, its provenance. */
export interface PluginLayers {
  readonly tarball: Descriptor;
  readonly prov?: Descriptor;
}

/**
 * Checks a manifest is a Helm plugin artifact (as Helm 4: `artifactType`, or for legacy
 * artifacts with none, `config.mediaType`).
 * @throws HcpError OCI_WRONG_ARTIFACT_TYPE
 */
export function checkPluginArtifactType(manifest: Manifest): void {
  if (manifest.artifactType !== undefined && manifest.artifactType !== "") {
    if (manifest.artifactType !== PLUGIN_ARTIFACT_TYPE) {
      throw new HcpError(
        "OCI_WRONG_ARTIFACT_TYPE",
        `expected artifact type ${PLUGIN_ARTIFACT_TYPE}, got ${manifest.artifactType}`,
        { hint: "the reference names something that is not a Helm plugin (a chart or image?)" },
      );
    }
    return;
  }
  if (manifest.config.mediaType !== PLUGIN_ARTIFACT_TYPE) {
    throw new HcpError(
      "OCI_WRONG_ARTIFACT_TYPE",
      `expected config media type ${PLUGIN_ARTIFACT_TYPE} for legacy compatibility, got ${manifest.config.mediaType}`,
      { hint: "the reference names something that is not a Helm plugin (a chart or image?)" },
    );
  }
}

/**
 * Picks the plugin tarball layer (`<name>-*.tgz`) and the optional provenance layer
 * (`<name>-*.tgz.prov`) by title, as Helm 4 does. A matching layer whose media type Helm
 * would not fetch is refused here, with the reason, instead of failing later as "not found".
 * @throws HcpError OCI_LAYER_MISSING, OCI_WRONG_LAYER_TYPE
 */
export function selectPluginLayers(manifest: Manifest, pluginName: string): PluginLayers {
  let tarball: Descriptor | undefined;
  let prov: Descriptor | undefined;
  const prefix = `${pluginName}-`;
  for (const layer of manifest.layers) {
    const title = layer.annotations?.[TITLE_ANNOTATION];
    if (title === undefined || !title.startsWith(prefix)) continue;
    if (tarball === undefined && title.endsWith(".tgz")) tarball = layer;
    if (prov === undefined && title.endsWith(".tgz.prov")) prov = layer;
  }
  if (tarball === undefined) {
    throw new HcpError(
      "OCI_LAYER_MISSING",
      `required layer matching pattern ${pluginName}-VERSION.tgz not found in manifest`,
      {
        hint: `the last path segment of the reference ("${pluginName}") must be the plugin name`,
      },
    );
  }
  for (const layer of prov === undefined ? [tarball] : [tarball, prov]) {
    if (!PLUGIN_LAYER_MEDIA_TYPES.includes(layer.mediaType)) {
      throw new HcpError(
        "OCI_WRONG_LAYER_TYPE",
        `layer "${layer.annotations?.[TITLE_ANNOTATION]}" has media type "${layer.mediaType}", expected one of ${PLUGIN_LAYER_MEDIA_TYPES.join(", ")}`,
      );
    }
  }
  return prov === undefined ? { tarball } : { tarball, prov };
}

/** Picks the first manifest of an index whose artifact type is a Helm plugin. */
export function selectPluginManifest(index: ImageIndex): Descriptor | undefined {
  return index.manifests.find(
    (m) => m.artifactType === PLUGIN_ARTIFACT_TYPE && m.mediaType === OCI_MANIFEST_MEDIA_TYPE,
  );
}
