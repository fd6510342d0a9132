/**
 * The guest's HTTP, decided by the parent: a request goes out only when its origin (scheme,
 * host and port) equals one of the plugin's allowedHosts entries; redirects are followed by
 * hand, each target checked the same way; the response body is read up to the byte cap
 * (counting decoded bytes). Hosts that are or resolve to loopback, private or link-local
 * addresses are refused unless the user opted in (the plugin author writes allowedHosts).
 * The JS SDK matched the hostname only and followed any redirect.
 */
import { isIP } from "node:net";
import { isNonPublicAddress } from "./private-address.ts";
import type { HttpRequestFrame, HttpResponseFrame } from "./protocol.ts";

/** Redirects followed per guest request. */
export const MAX_GUEST_REDIRECTS = 5;

/** What one plugin may reach. */
export interface HttpPolicy {
  /** Origins as `scheme://host:port` (normalised by normaliseAllowedHost). */
  readonly origins: readonly string[];
  readonly maxResponseBytes: number;
  /** Allow loopback/private/link-local targets (a user's opt-in; tests on 127.0.0.1). */
  readonly allowNonPublic?: boolean;
}

/** Resolves a host name to its addresses (injected in tests). */
export type HostLookup = (host: string) => Promise<readonly string[]>;

/** The system resolver, every address of a name. */
export const systemLookup: HostLookup = async (host) =>
  // Loaded on first use: the parent imports this file for normaliseAllowedHost on every Wasm
  // call, and node:dns costs ~1.5 ms to load; only a guest's HTTP request needs it.
  (await (await import("node:dns/promises")).lookup(host, { all: true })).map((a) => a.address);

/** The non-public address `url` points at, or undefined when every address is public. */
async function nonPublicTarget(url: string, resolve: HostLookup): Promise<string | undefined> {
  const host = new URL(url).hostname.replace(/^\[(.*)\]$/, "$1");
  const addresses = isIP(host) ? [host] : await resolve(host);
  if (addresses.length === 0) return host;
  return addresses.find((a) => isNonPublicAddress(a));
}

/**
 * Normalises an allowedHosts entry to an origin: `https://api.example.com` stays as is,
 * a bare `api.example.com[:port]` means https. Returns undefined for entries hcp cannot
 * match exactly (globs, paths, credentials).
 */
export function normaliseAllowedHost(entry: string): string | undefined {
  const text = entry.includes("://") ? entry : `https://${entry}`;
  if (/[*?]/.test(entry)) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return undefined;
  if (url.username || url.password || (url.pathname !== "/" && url.pathname !== "")) {
    return undefined;
  }
  return url.origin;
}

/** Reports whether `target` may be requested under `policy`. */
export function isAllowedUrl(target: string, policy: HttpPolicy): boolean {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return false;
  }
  return policy.origins.includes(url.origin);
}

async function readCapped(response: Response, cap: number): Promise<Uint8Array | string> {
  if (!response.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += chunk.length;
    if (size > cap) {
      await response.body.cancel().catch(() => undefined);
      return `HTTP response exceeds memory.maxHttpResponseBytes (${cap})`;
    }
    chunks.push(chunk);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function refuse(error: string): { header: HttpResponseFrame; body: Uint8Array } {
  return { header: { op: "http-response", status: 0, error }, body: new Uint8Array() };
}

/** Performs one guest request under the policy; errors come back as a refusal frame. */
export async function performGuestRequest(
  request: HttpRequestFrame,
  body: Uint8Array,
  policy: HttpPolicy,
  fetchImpl: typeof fetch,
  signal: AbortSignal,
  resolve: HostLookup = systemLookup,
): Promise<{ header: HttpResponseFrame; body: Uint8Array }> {
  let url = request.url;
  let method = request.method.toUpperCase();
  let payload: Uint8Array | undefined = body.length > 0 ? body : undefined;
  for (let hop = 0; hop <= MAX_GUEST_REDIRECTS; hop++) {
    const what = hop === 0 ? "HTTP request" : "HTTP redirect";
    if (!isAllowedUrl(url, policy)) {
      return refuse(`${what} to "${url}" is not allowed by allowedHosts`);
    }
    if (!policy.allowNonPublic) {
      let target: string | undefined;
      try {
        target = await nonPublicTarget(url, resolve);
      } catch (err) {
        return refuse(
          `${what} to "${url}" failed: cannot resolve its host: ${(err as Error).message}`,
        );
      }
      if (target !== undefined) {
        return refuse(`${what} to "${url}" is refused: ${target} is not a public address`);
      }
    }
    let response: Response;
    try {
      response = await fetchImpl(url, {
        method,
        headers: request.headers,
        ...(payload === undefined ? {} : { body: payload }),
        redirect: "manual",
        signal,
      });
    } catch (err) {
      return refuse(`HTTP request to "${url}" failed: ${(err as Error).message}`);
    }
    const location = response.headers.get("location");
    if (response.status >= 300 && response.status < 400 && location !== null) {
      await response.body?.cancel().catch(() => undefined);
      url = new URL(location, url).toString();
      if (
        response.status === 303 ||
        ((response.status === 301 || response.status === 302) && method === "POST")
      ) {
        method = "GET";
        payload = undefined;
      }
      continue;
    }
    const data = await readCapped(response, policy.maxResponseBytes);
    if (typeof data === "string") return refuse(data);
    return { header: { op: "http-response", status: response.status }, body: data };
  }
  return refuse(`HTTP request to "${request.url}" stopped after ${MAX_GUEST_REDIRECTS} redirects`);
}
