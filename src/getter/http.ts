/**
 * The http(s) getter: bytes from a URL through an injected fetch, with TLS options (CA,
 * client cert, insecure), basic auth, a size cap and Helm's error wording for bad statuses.
 */
import { readFile } from "node:fs/promises";
import { HcpError } from "../errors.ts";

/** A fetch implementation (the global one, or a test double). */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** Largest download accepted by default (plugin and chart archives). */
export const MAX_DOWNLOAD_SIZE = 256 * 1024 * 1024;

/** Options of the http getter (Helm's getter options that apply to http). */
export interface HttpGetterOptions {
  readonly fetch?: FetchLike;
  readonly caFile?: string;
  readonly certFile?: string;
  readonly keyFile?: string;
  readonly insecureSkipTlsVerify?: boolean;
  readonly username?: string;
  readonly password?: string;
  readonly userAgent?: string;
  readonly maxBytes?: number;
  readonly accept?: string;
}

async function requestInit(options: HttpGetterOptions, method: string): Promise<RequestInit> {
  const headers: Record<string, string> = { "User-Agent": options.userAgent ?? "Helm/4.1.4" };
  if (options.accept) headers.Accept = options.accept;
  if (options.username !== undefined || options.password !== undefined) {
    headers.Authorization = `Basic ${btoa(`${options.username ?? ""}:${options.password ?? ""}`)}`;
  }
  const tls: Record<string, unknown> = {};
  if (options.caFile) tls.ca = await readFile(options.caFile, "utf8");
  if (options.certFile) tls.cert = await readFile(options.certFile, "utf8");
  if (options.keyFile) tls.key = await readFile(options.keyFile, "utf8");
  if (options.insecureSkipTlsVerify) tls.rejectUnauthorized = false;
  // Bun's fetch takes a `tls` member; other fetches ignore it.
  return { method, headers, redirect: "follow", ...(Object.keys(tls).length ? { tls } : {}) };
}

/**
 * Downloads `url` and returns its body.
 * @throws HcpError GETTER_HTTP (network error or non-2xx), GETTER_TOO_LARGE
 */
export async function httpGet(url: string, options: HttpGetterOptions = {}): Promise<Uint8Array> {
  const doFetch = options.fetch ?? fetch;
  const max = options.maxBytes ?? MAX_DOWNLOAD_SIZE;
  let response: Response;
  try {
    response = await doFetch(url, await requestInit(options, "GET"));
  } catch (err) {
    throw new HcpError("GETTER_HTTP", `failed to fetch ${url}`, { cause: err });
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new HcpError(
      "GETTER_HTTP",
      `failed to fetch ${url} : ${response.status} ${response.statusText}`,
    );
  }
  const declared = Number(response.headers.get("content-length") ?? "0");
  if (declared > max) {
    await response.body?.cancel();
    throw new HcpError("GETTER_TOO_LARGE", `${url} is larger than ${max} bytes`);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (response.body) {
    for await (const chunk of response.body) {
      total += chunk.length;
      if (total > max) throw new HcpError("GETTER_TOO_LARGE", `${url} is larger than ${max} bytes`);
      chunks.push(chunk);
    }
  }
  return Buffer.concat(chunks);
}

/** Sends a HEAD request and returns the Content-Type (undefined on any failure). */
export async function httpContentType(
  url: string,
  options: HttpGetterOptions = {},
): Promise<string | undefined> {
  try {
    const response = await (options.fetch ?? fetch)(url, await requestInit(options, "HEAD"));
    await response.body?.cancel();
    return response.ok ? (response.headers.get("content-type") ?? undefined) : undefined;
  } catch {
    return undefined;
  }
}
