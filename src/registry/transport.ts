/**
 * The HTTP side of the registry client: one `send` that adds credentials, answers 401
 * challenges (Basic, or the Bearer token flow of the distribution auth spec), follows
 * redirects without leaking the Authorization header to another origin, applies the TLS
 * options, and turns transport failures and error statuses into HcpErrors naming the URL.
 * All network goes through the injected `fetch`.
 */
import { readFile } from "node:fs/promises";
import { HcpError } from "../errors.ts";
import type { Logger } from "../log.ts";
import { parseChallenge } from "./challenge.ts";
import type { Credential } from "./credentials.ts";

/** The fetch hcp uses (Bun's, with its `tls` extension), injectable for tests. */
export type FetchLike = (
  url: string,
  init: RequestInit & { tls?: TlsOptions },
) => Promise<Response>;

/** Bun fetch TLS options. */
export interface TlsOptions {
  rejectUnauthorized?: boolean;
  ca?: string;
  cert?: string;
  key?: string;
}

/** How to reach one registry. */
export interface TransportOptions {
  readonly fetch: FetchLike;
  readonly plainHttp: boolean;
  readonly insecureSkipTlsVerify: boolean;
  readonly caFile?: string | undefined;
  readonly certFile?: string | undefined;
  readonly keyFile?: string | undefined;
  readonly credential: (host: string) => Promise<Credential | undefined>;
  readonly log: Logger;
  readonly userAgent: string;
}

/** One request. `scope` is the token scope (`repository:<repo>:pull[,push]`). */
export interface SendRequest {
  readonly method: "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE";
  readonly host: string;
  /** Path+query (`/v2/...`) or an absolute URL (upload locations). */
  readonly url: string;
  readonly scope?: string;
  readonly headers?: Record<string, string>;
  readonly body?: Uint8Array;
  /** Statuses that count as success; others become errors. Default: 2xx. */
  readonly ok?: readonly number[];
  /** Words for the error message: "fetch manifest", "upload blob", … */
  readonly what: string;
}

const MAX_REDIRECTS = 5;
const MAX_ERROR_BODY = 4096;

/** Thrown for error statuses; `status` lets callers tell 404 from 401 without parsing text. */
export class RegistryHttpError extends HcpError {
  readonly status: number;
  constructor(code: string, status: number, message: string, options: { hint?: string } = {}) {
    super(code, message, options.hint === undefined ? {} : { hint: options.hint });
    this.status = status;
  }
}

function base64(text: string): string {
  return Buffer.from(text, "utf8").toString("base64");
}

async function registryErrorText(response: Response): Promise<string> {
  try {
    const text = (await response.text()).slice(0, MAX_ERROR_BODY);
    const parsed = JSON.parse(text) as { errors?: { code?: string; message?: string }[] };
    const first = parsed.errors?.[0];
    if (first?.code || first?.message) return `: ${first.code ?? ""}: ${first.message ?? ""}`;
  } catch {
    // not a distribution error body; the status line says enough
  }
  return "";
}

/** Sends registry requests for one client; caches tokens per host and scope. */
export class Transport {
  readonly #options: TransportOptions;
  readonly #tokens = new Map<string, string>();
  #tls: TlsOptions | undefined;

  constructor(options: TransportOptions) {
    this.#options = options;
  }

  /** The base URL of a registry host (`http://` only with --plain-http). */
  baseUrl(host: string): string {
    return `${this.#options.plainHttp ? "http" : "https"}://${host}`;
  }

  async #tlsOptions(): Promise<TlsOptions | undefined> {
    if (this.#options.plainHttp) return undefined;
    if (this.#tls !== undefined) return this.#tls;
    const tls: TlsOptions = {};
    const read = async (path: string, what: string) => {
      try {
        return await readFile(path, "utf8");
      } catch (err) {
        throw new HcpError("OCI_TLS_CONFIG", `failed to read ${what} "${path}"`, { cause: err });
      }
    };
    if (this.#options.insecureSkipTlsVerify) tls.rejectUnauthorized = false;
    if (this.#options.caFile) tls.ca = await read(this.#options.caFile, "--ca-file");
    if (this.#options.certFile) tls.cert = await read(this.#options.certFile, "--cert-file");
    if (this.#options.keyFile) tls.key = await read(this.#options.keyFile, "--key-file");
    this.#tls = tls;
    return tls;
  }

  async #fetchOnce(url: string, init: RequestInit, request: SendRequest): Promise<Response> {
    const tls = await this.#tlsOptions();
    try {
      return await this.#options.fetch(url, {
        ...init,
        redirect: "manual",
        ...(tls === undefined ? {} : { tls }),
      });
    } catch (err) {
      const plain = this.#options.plainHttp;
      throw new HcpError(
        "OCI_UNREACHABLE",
        `failed to ${request.what}: ${init.method} ${url}: ${err instanceof Error ? err.message : String(err)}`,
        {
          cause: err,
          hint: plain
            ? "is the registry running and listening on that address?"
            : "is the registry running? For a registry without TLS pass --plain-http",
        },
      );
    }
  }

  /** Sends a request following redirects; the Authorization header stays on its origin. */
  async #fetchFollowing(request: SendRequest, auth: string | undefined): Promise<Response> {
    let url = /^https?:\/\//.test(request.url)
      ? request.url
      : `${this.baseUrl(request.host)}${request.url}`;
    // credentials belong to the registry host: never send them to another origin, whether it
    // comes from a redirect or from an absolute upload Location
    const origin = new URL(this.baseUrl(request.host)).origin;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      const headers: Record<string, string> = {
        "User-Agent": this.#options.userAgent,
        ...request.headers,
      };
      if (auth !== undefined && new URL(url).origin === origin) headers.Authorization = auth;
      const init: RequestInit = { method: request.method, headers };
      if (request.body !== undefined) init.body = request.body;
      const response = await this.#fetchOnce(url, init, request);
      const location = response.headers.get("location");
      if (response.status >= 300 && response.status < 400 && location !== null) {
        if (request.method !== "GET" && request.method !== "HEAD") return response;
        await response.body?.cancel();
        url = new URL(location, url).toString();
        this.#options.log.debug("registry redirect", { to: url });
        continue;
      }
      return response;
    }
    throw new HcpError("OCI_TOO_MANY_REDIRECTS", `failed to ${request.what}: too many redirects`);
  }

  async #authorize(request: SendRequest, response: Response): Promise<string | undefined> {
    const challenge = parseChallenge(response.headers.get("www-authenticate"));
    const cred = await this.#options.credential(request.host);
    if (challenge?.scheme === "basic") {
      return cred === undefined
        ? undefined
        : `Basic ${base64(`${cred.username}:${cred.password}`)}`;
    }
    if (challenge?.scheme !== "bearer" || !challenge.params.realm) return undefined;
    const realm = new URL(challenge.params.realm);
    if (challenge.params.service) realm.searchParams.set("service", challenge.params.service);
    const scope = request.scope ?? challenge.params.scope;
    if (scope) realm.searchParams.set("scope", scope);
    const headers: Record<string, string> = { "User-Agent": this.#options.userAgent };
    if (cred !== undefined) {
      headers.Authorization = `Basic ${base64(`${cred.username}:${cred.password}`)}`;
    }
    this.#options.log.debug("registry token request", { realm: realm.origin + realm.pathname });
    const tokenResponse = await this.#fetchOnce(
      realm.toString(),
      { method: "GET", headers },
      { ...request, what: `get a token for ${request.what}` },
    );
    if (!tokenResponse.ok) {
      throw new RegistryHttpError(
        "OCI_UNAUTHORIZED",
        tokenResponse.status,
        `failed to ${request.what}: token request to ${realm.origin}${realm.pathname} returned ${tokenResponse.status}${await registryErrorText(tokenResponse)}`,
        { hint: `check your credentials: hcp registry login ${request.host}` },
      );
    }
    let body: { token?: unknown; access_token?: unknown };
    try {
      body = (await tokenResponse.json()) as typeof body;
    } catch (err) {
      throw new HcpError(
        "OCI_UNAUTHORIZED",
        `failed to ${request.what}: token response is not JSON`,
        {
          cause: err,
        },
      );
    }
    const token = typeof body.token === "string" ? body.token : body.access_token;
    if (typeof token !== "string" || token === "") {
      throw new HcpError(
        "OCI_UNAUTHORIZED",
        `failed to ${request.what}: token response has no token`,
      );
    }
    return `Bearer ${token}`;
  }

  /**
   * Sends a request, answering one auth challenge, and returns the successful response.
   * @throws HcpError OCI_UNREACHABLE, OCI_UNAUTHORIZED, OCI_NOT_FOUND, OCI_HTTP_ERROR
   */
  async send(request: SendRequest): Promise<Response> {
    const key = `${request.host} ${request.scope ?? ""}`;
    // Basic credentials hold for every scope of a host; tokens are per scope.
    const basicKey = `${request.host} <basic>`;
    let auth = this.#tokens.get(key) ?? this.#tokens.get(basicKey);
    let response = await this.#fetchFollowing(request, auth);
    if (response.status === 401) {
      await response.body?.cancel();
      auth = await this.#authorize(request, response);
      if (auth !== undefined) {
        this.#tokens.set(auth.startsWith("Basic ") ? basicKey : key, auth);
        response = await this.#fetchFollowing(request, auth);
      }
    }
    const ok = request.ok ?? [];
    if ((ok.length === 0 && response.ok) || ok.includes(response.status)) return response;
    const method = request.method;
    const where = `${method} ${/^https?:/.test(request.url) ? new URL(request.url).pathname : request.url.split("?")[0]}`;
    const detail = await registryErrorText(response);
    const status = `${response.status} ${response.statusText}`.trim();
    if (response.status === 401 || response.status === 403) {
      const cred = await this.#options.credential(request.host);
      throw new RegistryHttpError(
        "OCI_UNAUTHORIZED",
        response.status,
        `failed to ${request.what}: ${where}: ${status}${detail}`,
        {
          hint:
            cred === undefined
              ? `log in first: hcp registry login ${request.host}`
              : `the stored credentials for ${request.host} were refused: hcp registry login ${request.host}`,
        },
      );
    }
    if (response.status === 404) {
      throw new RegistryHttpError(
        "OCI_NOT_FOUND",
        404,
        `failed to ${request.what}: ${where}: ${status}${detail}`,
      );
    }
    throw new RegistryHttpError(
      "OCI_HTTP_ERROR",
      response.status,
      `failed to ${request.what}: ${where}: ${status}${detail}`,
    );
  }
}
