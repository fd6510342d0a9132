/**
 * Where a plugin comes from (Helm's installer selection): `oci://` references, local
 * directories (development mode), local .tgz/.tar.gz archives, and http(s) archive URLs.
 * Fetches the archive bytes and any .prov; VCS sources are not supported by hcp.
 */
import { readFile, stat } from "node:fs/promises";
import { basename, isAbsolute, join } from "node:path";
import { HcpError } from "../errors.ts";
import { type FetchLike, httpContentType, httpGet } from "../getter/index.ts";
import type { Settings } from "../settings/index.ts";

/** Registry/TLS options of `plugin install` (apply to oci:// and, in hcp, to https too). */
export interface SourceOptions {
  readonly version?: string;
  readonly plainHttp?: boolean;
  readonly caFile?: string;
  readonly certFile?: string;
  readonly keyFile?: string;
  readonly insecureSkipTlsVerify?: boolean;
  readonly username?: string;
  readonly password?: string;
  readonly fetch?: FetchLike;
}

/** A classified source. */
export type PluginSource =
  | { readonly kind: "dir"; readonly path: string }
  | { readonly kind: "archive"; readonly path: string }
  | { readonly kind: "http"; readonly url: string; readonly archiveSuffix: boolean }
  | { readonly kind: "oci"; readonly ref: string };

/** An archive ready to install: bytes, optional .prov, and the file name the .prov signs. */
export interface FetchedArchive {
  readonly tarball: Uint8Array;
  readonly prov?: Uint8Array;
  /** Base name the .prov lists (`<name>-<version>.tgz` for OCI). */
  readonly filename: string;
}

const GZIP_TYPES = [
  "application/gzip",
  "application/x-gzip",
  "application/x-tgz",
  "application/x-gtar",
];

function isArchiveName(name: string): boolean {
  return name.endsWith(".tgz") || name.endsWith(".tar.gz");
}

/**
 * Classifies `source` as Helm does: oci:// first, then an existing local path, then an
 * http(s) archive URL.
 * @throws HcpError PLUGIN_SOURCE_UNSUPPORTED for anything else (hcp has no VCS installer)
 */
export async function classifySource(
  source: string,
  cwd: string,
  options: SourceOptions = {},
): Promise<PluginSource> {
  if (source.startsWith("oci://")) return { kind: "oci", ref: source };
  const path = isAbsolute(source) ? source : join(cwd, source);
  const st = await stat(path).catch(() => undefined);
  if (st) {
    if (st.isFile() && isArchiveName(path)) return { kind: "archive", path };
    if (!st.isDirectory()) {
      throw new HcpError(
        "PLUGIN_NOT_A_DIRECTORY",
        "expected plugin to be a directory (containing a file 'plugin.yaml')",
      );
    }
    return { kind: "dir", path };
  }
  if (/^https?:\/\//.test(source)) {
    const pathname = new URL(source).pathname;
    if (isArchiveName(pathname)) return { kind: "http", url: source, archiveSuffix: true };
    const type = (await httpContentType(source, httpOptions(options)))?.split(";")[0]?.trim();
    if (type !== undefined && GZIP_TYPES.includes(type)) {
      return { kind: "http", url: source, archiveSuffix: false };
    }
  }
  throw new HcpError(
    "PLUGIN_SOURCE_UNSUPPORTED",
    `cannot get information about plugin source ${JSON.stringify(source)} (if it's a local directory, does it exist?), last error was: Cannot detect VCS`,
    {
      hint: "hcp installs from a local directory, a .tgz file, an https URL of a .tgz, or oci://; VCS sources are not supported",
    },
  );
}

function httpOptions(options: SourceOptions) {
  return {
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.caFile ? { caFile: options.caFile } : {}),
    ...(options.certFile ? { certFile: options.certFile } : {}),
    ...(options.keyFile ? { keyFile: options.keyFile } : {}),
    ...(options.insecureSkipTlsVerify ? { insecureSkipTlsVerify: true } : {}),
  };
}

/**
 * Whether a source can carry a .prov: not a directory, and (as Helm) not an http URL that
 * was only recognised as an archive by its Content-Type.
 */
export function supportsVerification(source: PluginSource): boolean {
  if (source.kind === "http") return source.archiveSuffix;
  return source.kind !== "dir";
}

/**
 * Fetches the archive (and .prov when there is one) of a non-directory source.
 * @throws HcpError PLUGIN_READ_FAILED, GETTER_*, OCI_*
 */
export async function fetchArchive(
  source: Exclude<PluginSource, { kind: "dir" }>,
  settings: Settings,
  options: SourceOptions = {},
): Promise<FetchedArchive> {
  switch (source.kind) {
    case "archive": {
      let tarball: Uint8Array;
      try {
        tarball = new Uint8Array(await readFile(source.path));
      } catch (err) {
        throw new HcpError("PLUGIN_READ_FAILED", `failed to read ${source.path}`, { cause: err });
      }
      const prov = await readFile(`${source.path}.prov`).catch(() => undefined);
      return {
        tarball,
        filename: basename(source.path),
        ...(prov ? { prov: new Uint8Array(prov) } : {}),
      };
    }
    case "http": {
      const tarball = await httpGet(source.url, httpOptions(options));
      // Matches Helm: any failure to fetch the .prov means "no provenance".
      const prov = await httpGet(`${source.url}.prov`, httpOptions(options)).catch(() => undefined);
      return {
        tarball,
        filename: basename(new URL(source.url).pathname),
        ...(prov ? { prov } : {}),
      };
    }
    case "oci": {
      const { createRegistryClient } = await import("../registry/index.ts");
      const client = createRegistryClient({
        registryConfig: settings.registryConfig,
        ...(options.plainHttp ? { plainHttp: true } : {}),
        ...(options.insecureSkipTlsVerify ? { insecureSkipTlsVerify: true } : {}),
        ...(options.caFile ? { caFile: options.caFile } : {}),
        ...(options.certFile ? { certFile: options.certFile } : {}),
        ...(options.keyFile ? { keyFile: options.keyFile } : {}),
        ...(options.username !== undefined ? { username: options.username } : {}),
        ...(options.password !== undefined ? { password: options.password } : {}),
        ...(options.fetch ? { fetch: options.fetch } : {}),
      });
      const pulled = await client.pullPlugin(source.ref);
      return {
        tarball: pulled.tarball,
        filename: `${pulled.name}-${pulled.version}.tgz`,
        ...(pulled.prov ? { prov: pulled.prov } : {}),
      };
    }
  }
}
