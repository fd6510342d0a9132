/**
 * RegistryClient: the OCI distribution operations hcp needs — fetch a manifest (or pick a
 * plugin manifest from an index), stream a blob while verifying its digest and size, upload
 * blobs and a manifest — and the two use cases built on them: pullPlugin and pushPlugin with
 * Helm 4's plugin artifact shape.
 */
import { HcpError } from "../errors.ts";
import { type Logger, NULL_LOGGER } from "../log.ts";
import { type Credential, findCredential, readRegistryConfig } from "./credentials.ts";
import {
  checkPluginArtifactType,
  type Descriptor,
  type Manifest,
  parseIndex,
  parseManifest,
  selectPluginLayers,
  selectPluginManifest,
} from "./manifest.ts";
import {
  EMPTY_CONFIG_DIGEST,
  EMPTY_CONFIG_MEDIA_TYPE,
  LAYER_TAR_GZIP_MEDIA_TYPE,
  LAYER_TAR_MEDIA_TYPE,
  OCI_INDEX_MEDIA_TYPE,
  OCI_MANIFEST_MEDIA_TYPE,
  PLUGIN_ARTIFACT_TYPE,
  TITLE_ANNOTATION,
} from "./media-types.ts";
import {
  formatReference,
  OCI_SCHEME,
  parseReference,
  type Reference,
  repositoryBaseName,
} from "./reference.ts";
import { type FetchLike, Transport } from "./transport.ts";

/** Options of createRegistryClient. Unknown keys are refused. */
export interface RegistryClientOptions {
  /** The fetch to use (default: the global fetch). */
  readonly fetch?: FetchLike;
  /** Talk plain HTTP instead of HTTPS (--plain-http). */
  readonly plainHttp?: boolean;
  readonly insecureSkipTlsVerify?: boolean;
  readonly caFile?: string;
  readonly certFile?: string;
  readonly keyFile?: string;
  /** Path of the docker-style registry config with `auths` ($HELM_REGISTRY_CONFIG). */
  readonly registryConfig?: string;
  /** Explicit credentials (--username/--password); win over the config file. */
  readonly username?: string;
  readonly password?: string;
  readonly log?: Logger;
  /** Largest blob accepted, in decoded bytes (default MAX_BLOB_SIZE). */
  readonly maxBlobSize?: number;
  readonly userAgent?: string;
}

const OPTION_KEYS = new Set([
  "fetch",
  "plainHttp",
  "insecureSkipTlsVerify",
  "caFile",
  "certFile",
  "keyFile",
  "registryConfig",
  "username",
  "password",
  "log",
  "maxBlobSize",
  "userAgent",
]);

/** Default cap on a blob (a plugin archive may hold 100 MiB decompressed). */
export const MAX_BLOB_SIZE = 100 * 1024 * 1024;
/** Cap on a manifest or index document. */
export const MAX_MANIFEST_SIZE = 4 * 1024 * 1024;

/** Called while a blob downloads: bytes so far and the descriptor's size. */
export type ProgressCallback = (received: number, total: number) => void;

/** A fetched manifest and its digest. */
export interface FetchedManifest {
  readonly manifest: Manifest;
  readonly digest: string;
  readonly bytes: Uint8Array;
}

/** What pullPlugin returns. `digest` is the tarball's `sha256:<hex>` (verified). */
export interface PulledPlugin {
  readonly ref: string;
  readonly name: string;
  readonly version: string;
  readonly digest: string;
  readonly manifestDigest: string;
  readonly tarball: Uint8Array;
  readonly prov?: Uint8Array;
}

/** Options of pullPlugin. */
export interface PullPluginOptions {
  readonly onProgress?: ProgressCallback;
  /** Plugin name used to find the layer (default: last path segment of the reference). */
  readonly name?: string;
}

/** What pushPlugin returns. */
export interface PushedPlugin {
  readonly ref: string;
  readonly manifestDigest: string;
  readonly digest: string;
  readonly manifest: Manifest;
}

/** Options of pushPlugin. */
export interface PushPluginOptions {
  /** Layer file name (default `<name>-<tag>.tgz`). */
  readonly title?: string;
  readonly annotations?: Readonly<Record<string, string>>;
}

function sha256(bytes: Uint8Array): string {
  return `sha256:${new Bun.CryptoHasher("sha256").update(bytes).digest("hex")}`;
}

/** Reads a response body with a byte cap, counting decoded bytes (Bun inflates gzip). */
async function readCapped(
  response: Response,
  cap: number,
  onChunk?: (received: number) => void,
): Promise<{ bytes: Uint8Array; hash: string; overflow: boolean }> {
  const hasher = new Bun.CryptoHasher("sha256");
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body?.getReader();
  if (reader === undefined)
    return { bytes: new Uint8Array(), hash: sha256(new Uint8Array()), overflow: false };
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > cap) {
      await reader.cancel();
      return { bytes: new Uint8Array(), hash: "", overflow: true };
    }
    hasher.update(value);
    chunks.push(value);
    onChunk?.(total);
  }
  return {
    bytes: new Uint8Array(Bun.concatArrayBuffers(chunks, total)),
    hash: `sha256:${hasher.digest("hex")}`,
    overflow: false,
  };
}

/** A client for OCI registries. One instance caches tokens across calls. */
export class RegistryClient {
  readonly #transport: Transport;
  readonly #maxBlobSize: number;
  readonly #log: Logger;

  constructor(options: RegistryClientOptions = {}) {
    for (const key of Object.keys(options)) {
      if (!OPTION_KEYS.has(key)) {
        throw new HcpError("OCI_BAD_OPTION", `unknown registry client option "${key}"`);
      }
    }
    this.#log = options.log ?? NULL_LOGGER;
    this.#maxBlobSize = options.maxBlobSize ?? MAX_BLOB_SIZE;
    let config: Promise<Awaited<ReturnType<typeof readRegistryConfig>>> | undefined;
    const explicit: Credential | undefined =
      options.username !== undefined || options.password !== undefined
        ? { username: options.username ?? "", password: options.password ?? "" }
        : undefined;
    const registryConfig = options.registryConfig;
    this.#transport = new Transport({
      fetch: options.fetch ?? ((url, init) => fetch(url, init)),
      plainHttp: options.plainHttp ?? false,
      insecureSkipTlsVerify: options.insecureSkipTlsVerify ?? false,
      caFile: options.caFile,
      certFile: options.certFile,
      keyFile: options.keyFile,
      log: this.#log,
      userAgent: options.userAgent ?? "hcp",
      credential: async (host) => {
        if (explicit !== undefined) return explicit;
        if (registryConfig === undefined) return undefined;
        config ??= readRegistryConfig(registryConfig);
        return findCredential(await config, host);
      },
    });
  }

  /**
   * Checks that the registry accepts the client's credentials (GET /v2/).
   * @throws HcpError OCI_UNAUTHORIZED, OCI_UNREACHABLE, OCI_HTTP_ERROR
   */
  async ping(host: string): Promise<void> {
    const response = await this.#transport.send({
      method: "GET",
      host,
      url: "/v2/",
      what: "reach the registry",
    });
    await response.body?.cancel();
  }

  /**
   * Fetches the manifest a reference names; an index is resolved to its plugin manifest.
   * A by-digest reference, and the registry's Docker-Content-Digest header, are verified.
   * @throws HcpError OCI_NOT_FOUND, OCI_BAD_MANIFEST, OCI_DIGEST_MISMATCH, …
   */
  async fetchManifest(ref: Reference): Promise<FetchedManifest> {
    const reference = ref.digest ?? ref.tag;
    if (reference === undefined) {
      throw new HcpError(
        "OCI_INVALID_REFERENCE",
        `invalid OCI reference "${formatReference(ref)}": a tag or digest is required`,
      );
    }
    const fetched = await this.#fetchManifestDocument(ref, reference);
    if (fetched.mediaType !== OCI_INDEX_MEDIA_TYPE) {
      return {
        manifest: parseManifest(fetched.bytes),
        digest: fetched.digest,
        bytes: fetched.bytes,
      };
    }
    const chosen = selectPluginManifest(parseIndex(fetched.bytes));
    if (chosen === undefined) {
      throw new HcpError(
        "OCI_WRONG_ARTIFACT_TYPE",
        `image index ${formatReference(ref)} has no manifest with artifact type ${PLUGIN_ARTIFACT_TYPE}`,
      );
    }
    const inner = await this.#fetchManifestDocument(ref, chosen.digest);
    if (inner.digest !== chosen.digest) {
      throw new HcpError(
        "OCI_DIGEST_MISMATCH",
        `manifest digest mismatch: want ${chosen.digest}, got ${inner.digest}`,
      );
    }
    return { manifest: parseManifest(inner.bytes), digest: inner.digest, bytes: inner.bytes };
  }

  async #fetchManifestDocument(
    ref: Reference,
    reference: string,
  ): Promise<{ bytes: Uint8Array; digest: string; mediaType: string }> {
    const response = await this.#transport.send({
      method: "GET",
      host: ref.registry,
      url: `/v2/${ref.repository}/manifests/${reference}`,
      scope: `repository:${ref.repository}:pull`,
      headers: { Accept: `${OCI_MANIFEST_MEDIA_TYPE}, ${OCI_INDEX_MEDIA_TYPE}` },
      what: `fetch manifest ${OCI_SCHEME}${ref.registry}/${ref.repository}${reference.startsWith("sha256:") ? "@" : ":"}${reference}`,
    });
    const { bytes, hash, overflow } = await readCapped(response, MAX_MANIFEST_SIZE);
    if (overflow) {
      throw new HcpError(
        "OCI_BAD_MANIFEST",
        `manifest of ${formatReference(ref)} is larger than ${MAX_MANIFEST_SIZE} bytes`,
      );
    }
    const header = response.headers.get("docker-content-digest");
    for (const [want, source] of [
      [reference.startsWith("sha256:") ? reference : undefined, "the reference"],
      [header?.startsWith("sha256:") ? header : undefined, "the registry's Docker-Content-Digest"],
    ] as const) {
      if (want !== undefined && want !== hash) {
        throw new HcpError(
          "OCI_DIGEST_MISMATCH",
          `manifest of ${formatReference(ref)} has digest ${hash}, but ${source} says ${want}`,
        );
      }
    }
    const contentType = (response.headers.get("content-type") ?? "").split(";")[0]?.trim() ?? "";
    let mediaType = contentType;
    if (contentType !== OCI_INDEX_MEDIA_TYPE && contentType !== OCI_MANIFEST_MEDIA_TYPE) {
      // Some registries send application/json; fall back to the document's own mediaType.
      try {
        const doc = JSON.parse(new TextDecoder().decode(bytes)) as {
          mediaType?: unknown;
          manifests?: unknown;
        };
        mediaType =
          doc.mediaType === OCI_INDEX_MEDIA_TYPE || Array.isArray(doc.manifests)
            ? OCI_INDEX_MEDIA_TYPE
            : OCI_MANIFEST_MEDIA_TYPE;
      } catch {
        mediaType = OCI_MANIFEST_MEDIA_TYPE;
      }
    }
    return { bytes, digest: hash, mediaType };
  }

  /**
   * Downloads a blob, verifying its size and digest against the descriptor while streaming.
   * @throws HcpError OCI_BLOB_TOO_LARGE, OCI_BLOB_TRUNCATED, OCI_DIGEST_MISMATCH, OCI_NOT_FOUND, …
   */
  async fetchBlob(
    ref: Reference,
    desc: Descriptor,
    onProgress?: ProgressCallback,
  ): Promise<Uint8Array> {
    const name = desc.annotations?.[TITLE_ANNOTATION] ?? desc.digest;
    if (desc.size > this.#maxBlobSize) {
      throw new HcpError(
        "OCI_BLOB_TOO_LARGE",
        `blob "${name}" is ${desc.size} bytes, more than the limit of ${this.#maxBlobSize}`,
      );
    }
    const response = await this.#transport.send({
      method: "GET",
      host: ref.registry,
      url: `/v2/${ref.repository}/blobs/${desc.digest}`,
      scope: `repository:${ref.repository}:pull`,
      headers: { "Accept-Encoding": "identity" },
      what: `fetch blob "${name}" (${desc.digest})`,
    });
    let result: Awaited<ReturnType<typeof readCapped>>;
    try {
      result = await readCapped(response, desc.size, (n) => onProgress?.(n, desc.size));
    } catch (err) {
      throw new HcpError(
        "OCI_BLOB_TRUNCATED",
        `blob "${name}" (${desc.digest}) was cut off while downloading`,
        { cause: err, hint: "the connection broke; try again" },
      );
    }
    if (result.overflow) {
      throw new HcpError(
        "OCI_BLOB_TOO_LARGE",
        `blob "${name}" (${desc.digest}) is larger than its descriptor's ${desc.size} bytes`,
      );
    }
    if (result.bytes.length < desc.size) {
      throw new HcpError(
        "OCI_BLOB_TRUNCATED",
        `blob "${name}" (${desc.digest}) is truncated: got ${result.bytes.length} of ${desc.size} bytes`,
        { hint: "the connection broke or the registry's storage is damaged; try again" },
      );
    }
    if (result.hash !== desc.digest) {
      throw new HcpError(
        "OCI_DIGEST_MISMATCH",
        `blob "${name}" failed verification: digest is ${result.hash}, the manifest says ${desc.digest}`,
        { hint: "the registry served different bytes than it announced; do not use this artifact" },
      );
    }
    return result.bytes;
  }

  /**
   * Pulls a Helm plugin artifact: checks the artifact type, selects the `<name>-*.tgz` layer
   * (and `.tgz.prov` when present) and downloads them verified.
   * @throws HcpError OCI_* (every failure wrapped as OCI_PULL_FAILED naming the reference)
   */
  async pullPlugin(source: string, options: PullPluginOptions = {}): Promise<PulledPlugin> {
    const ref = parseReference(source);
    const printable = formatReference(ref);
    try {
      if (ref.tag === undefined && ref.digest === undefined) {
        throw new HcpError(
          "OCI_INVALID_REFERENCE",
          "invalid reference: a tag (the plugin version) is required",
          {
            hint: `write it as ${printable}:<version>`,
          },
        );
      }
      const name = options.name ?? repositoryBaseName(ref);
      const { manifest, digest: manifestDigest } = await this.fetchManifest(ref);
      checkPluginArtifactType(manifest);
      const layers = selectPluginLayers(manifest, name);
      this.#log.debug("pulling plugin", { ref: printable, layer: layers.tarball.digest });
      const tarball = await this.fetchBlob(ref, layers.tarball, options.onProgress);
      const prov = layers.prov === undefined ? undefined : await this.fetchBlob(ref, layers.prov);
      const title = layers.tarball.annotations?.[TITLE_ANNOTATION] ?? "";
      const version = title.slice(name.length + 1, -".tgz".length) || ref.tag || "";
      return {
        ref: printable,
        name,
        version,
        digest: layers.tarball.digest,
        manifestDigest,
        tarball,
        ...(prov === undefined ? {} : { prov }),
      };
    } catch (err) {
      throw new HcpError("OCI_PULL_FAILED", `failed to pull plugin "${printable}"`, { cause: err });
    }
  }

  async #blobExists(ref: Reference, digest: string): Promise<boolean> {
    const response = await this.#transport.send({
      method: "HEAD",
      host: ref.registry,
      url: `/v2/${ref.repository}/blobs/${digest}`,
      scope: `repository:${ref.repository}:pull,push`,
      ok: [200, 404],
      what: `check blob ${digest}`,
    });
    return response.status === 200;
  }

  /**
   * Uploads a blob (monolithic POST + PUT) unless the registry already has it.
   * @throws HcpError OCI_*
   */
  async pushBlob(ref: Reference, bytes: Uint8Array, digest = sha256(bytes)): Promise<string> {
    if (await this.#blobExists(ref, digest)) return digest;
    const scope = `repository:${ref.repository}:pull,push`;
    const start = await this.#transport.send({
      method: "POST",
      host: ref.registry,
      url: `/v2/${ref.repository}/blobs/uploads/`,
      scope,
      ok: [202],
      what: `start upload of blob ${digest}`,
    });
    await start.body?.cancel();
    const location = start.headers.get("location");
    if (location === null) {
      throw new HcpError(
        "OCI_HTTP_ERROR",
        `failed to upload blob ${digest}: the registry sent no upload location`,
      );
    }
    const url = new URL(location, `${this.#transport.baseUrl(ref.registry)}/`);
    url.searchParams.set("digest", digest);
    const done = await this.#transport.send({
      method: "PUT",
      host: ref.registry,
      url: url.toString(),
      scope,
      headers: { "Content-Type": "application/octet-stream" },
      body: bytes,
      ok: [201],
      what: `upload blob ${digest}`,
    });
    await done.body?.cancel();
    return digest;
  }

  /**
   * Pushes a plugin tarball (and its .prov as a second layer) with Helm 4's artifact shape:
   * artifactType application/vnd.helm.plugin.v1+json, empty config, layer titles
   * `<name>-<version>.tgz` and `<name>-<version>.tgz.prov`. `ref` must carry a tag.
   * @throws HcpError OCI_PUSH_FAILED (cause: the OCI_* error)
   */
  async pushPlugin(
    target: string,
    tarball: Uint8Array,
    prov?: Uint8Array,
    options: PushPluginOptions = {},
  ): Promise<PushedPlugin> {
    const ref = parseReference(target);
    const printable = formatReference(ref);
    try {
      if (ref.tag === undefined || ref.digest !== undefined) {
        throw new HcpError("OCI_INVALID_REFERENCE", "a push needs a tag and no digest");
      }
      const title = options.title ?? `${repositoryBaseName(ref)}-${ref.tag}.tgz`;
      const digest = await this.pushBlob(ref, tarball);
      const layers: Descriptor[] = [
        {
          mediaType: LAYER_TAR_GZIP_MEDIA_TYPE,
          digest,
          size: tarball.length,
          annotations: { [TITLE_ANNOTATION]: title },
        },
      ];
      if (prov !== undefined) {
        layers.push({
          mediaType: LAYER_TAR_MEDIA_TYPE,
          digest: await this.pushBlob(ref, prov),
          size: prov.length,
          annotations: { [TITLE_ANNOTATION]: `${title}.prov` },
        });
      }
      const empty = new TextEncoder().encode("{}");
      await this.pushBlob(ref, empty, EMPTY_CONFIG_DIGEST);
      const manifest: Manifest = {
        schemaVersion: 2,
        mediaType: OCI_MANIFEST_MEDIA_TYPE,
        artifactType: PLUGIN_ARTIFACT_TYPE,
        config: {
          mediaType: EMPTY_CONFIG_MEDIA_TYPE,
          digest: EMPTY_CONFIG_DIGEST,
          size: 2,
          data: "e30=",
        },
        layers,
        ...(options.annotations === undefined ? {} : { annotations: options.annotations }),
      };
      const body = new TextEncoder().encode(JSON.stringify(manifest));
      const manifestDigest = sha256(body);
      const response = await this.#transport.send({
        method: "PUT",
        host: ref.registry,
        url: `/v2/${ref.repository}/manifests/${ref.tag}`,
        scope: `repository:${ref.repository}:pull,push`,
        headers: { "Content-Type": OCI_MANIFEST_MEDIA_TYPE },
        body,
        ok: [201],
        what: `upload manifest`,
      });
      await response.body?.cancel();
      return { ref: printable, manifestDigest, digest, manifest };
    } catch (err) {
      throw new HcpError("OCI_PUSH_FAILED", `failed to push plugin to "${printable}"`, {
        cause: err,
      });
    }
  }
}

/** Creates a registry client (see RegistryClientOptions). */
export function createRegistryClient(options: RegistryClientOptions = {}): RegistryClient {
  return new RegistryClient(options);
}
