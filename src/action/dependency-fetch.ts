/**
 * Fetches one Chart.yaml plugin entry's tarball (and .prov when there is one) by the scheme
 * of its `repository`: `oci://` through the registry client (reference = repository + ":" +
 * version, spec §5), `https://`/`http://` a `.tgz` URL (or `<repo>/<name>-<version>.tgz`),
 * `file://` a plugin directory (packaged reproducibly) or a tarball, relative to the chart.
 */
import { readFile, stat } from "node:fs/promises";
import { basename, isAbsolute, resolve } from "node:path";
import { HcpError } from "../errors.ts";
import { readOptionalFile } from "../files/index.ts";
import type { ProgressCallback, RegistryClient } from "../registry/index.ts";
import { MAX_PLUGIN_ARCHIVE_SIZE, packagePluginDirectory } from "./dependency-archive.ts";
import type { ChartPlugin } from "./dependency-plugins.ts";

/** The bytes of one plugin as downloaded. */
export interface FetchedPlugin {
  readonly tarball: Uint8Array;
  readonly prov?: Uint8Array;
  /** The archive's file name, the `files:` key its .prov signs. */
  readonly filename: string;
  /** The digest the source announced (OCI layer descriptor), already verified by the client. */
  readonly announcedDigest?: string;
}

/** What fetchPluginTarball needs besides the entry. */
export interface FetchPluginContext {
  readonly chartDir: string;
  /** Created on first use, so a chart with only file:// plugins never loads the client. */
  readonly registry: () => Promise<RegistryClient>;
  readonly fetch: (url: string, init?: RequestInit) => Promise<Response>;
  readonly onProgress?: ProgressCallback;
}

async function fetchHttp(entry: ChartPlugin, ctx: FetchPluginContext): Promise<FetchedPlugin> {
  const base = entry.repository;
  const url = /\.(tgz|tar\.gz)$/.test(base)
    ? base
    : `${base.replace(/\/+$/, "")}/${entry.name}-${entry.version}.tgz`;
  let response: Response;
  try {
    response = await ctx.fetch(url, { redirect: "follow" });
  } catch (err) {
    throw new HcpError(
      "CHART_PLUGIN_FETCH",
      `GET ${url}: ${err instanceof Error ? err.message : String(err)}`,
      {
        cause: err,
      },
    );
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new HcpError(
      "CHART_PLUGIN_FETCH",
      `GET ${url}: ${response.status} ${response.statusText}`.trim(),
    );
  }
  const tarball = new Uint8Array(await response.arrayBuffer());
  if (tarball.length > MAX_PLUGIN_ARCHIVE_SIZE) {
    throw new HcpError(
      "CHART_PLUGIN_FETCH",
      `GET ${url}: larger than ${MAX_PLUGIN_ARCHIVE_SIZE} bytes`,
    );
  }
  let prov: Uint8Array | undefined;
  try {
    const provResponse = await ctx.fetch(`${url}.prov`, { redirect: "follow" });
    if (provResponse.ok) prov = new Uint8Array(await provResponse.arrayBuffer());
    else await provResponse.body?.cancel();
  } catch {
    // as Helm's HTTP installer: any failure to get the .prov means there is none
  }
  const filename = basename(new URL(url).pathname);
  return prov === undefined || prov.length === 0
    ? { tarball, filename }
    : { tarball, prov, filename };
}

async function fetchFile(entry: ChartPlugin, ctx: FetchPluginContext): Promise<FetchedPlugin> {
  const raw = decodeURIComponent(entry.repository.slice("file://".length));
  const path = isAbsolute(raw) ? raw : resolve(ctx.chartDir, raw);
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (err) {
    throw new HcpError("CHART_PLUGIN_FETCH", `"${path}" does not exist`, { cause: err });
  }
  if (info.isDirectory()) {
    const { archive, metadata } = await packagePluginDirectory(path);
    if (metadata.name !== entry.name) {
      throw new HcpError(
        "CHART_PLUGIN_FETCH",
        `plugin directory "${path}" holds plugin "${metadata.name}", not "${entry.name}"`,
      );
    }
    if (entry.version !== "" && metadata.version !== entry.version) {
      throw new HcpError(
        "CHART_PLUGIN_FETCH",
        `plugin directory "${path}" has version ${metadata.version}, Chart.yaml asks for ${entry.version}`,
      );
    }
    return { tarball: archive, filename: `${metadata.name}-${metadata.version}.tgz` };
  }
  if (info.size > MAX_PLUGIN_ARCHIVE_SIZE) {
    throw new HcpError(
      "CHART_PLUGIN_FETCH",
      `"${path}" is larger than ${MAX_PLUGIN_ARCHIVE_SIZE} bytes`,
    );
  }
  const tarball = new Uint8Array(await readFile(path));
  const prov = await readOptionalFile(`${path}.prov`);
  const filename = basename(path);
  return prov === undefined ? { tarball, filename } : { tarball, prov, filename };
}

/**
 * Downloads the tarball a Chart.yaml plugin entry names.
 * @throws HcpError CHART_PLUGIN_FETCH, CHART_PLUGIN_SCHEME, OCI_*
 */
export async function fetchPluginTarball(
  entry: ChartPlugin,
  ctx: FetchPluginContext,
): Promise<FetchedPlugin> {
  const repo = entry.repository;
  if (repo.startsWith("oci://")) {
    if (entry.version === "") {
      throw new HcpError("CHART_PLUGIN_FETCH", "an oci:// plugin needs a version (the tag)");
    }
    const client = await ctx.registry();
    // As Helm: the layer is found by the repository's last path segment, not the entry name.
    const pulled = await client.pullPlugin(
      `${repo}:${entry.version}`,
      ctx.onProgress === undefined ? {} : { onProgress: ctx.onProgress },
    );
    return {
      tarball: pulled.tarball,
      filename: `${pulled.name}-${pulled.version}.tgz`,
      announcedDigest: pulled.digest,
      ...(pulled.prov === undefined ? {} : { prov: pulled.prov }),
    };
  }
  if (repo.startsWith("https://") || repo.startsWith("http://")) return fetchHttp(entry, ctx);
  if (repo.startsWith("file://")) return fetchFile(entry, ctx);
  throw new HcpError("CHART_PLUGIN_SCHEME", `unsupported repository "${repo}"`, {
    hint: "use oci://host/path/<name>, https://…/<name>-<version>.tgz or file://<dir or .tgz>",
  });
}
