/**
 * Registries for tests, both on 127.0.0.1 only:
 * - startRegistry(): Debian's real `docker-registry` (distribution 2.8) with filesystem
 *   storage in a temp dir, optional htpasswd auth (bcrypt via Bun.password); undefined when the
 *   binary is absent, so tests skip with a visible message.
 * - startFakeRegistry(): an in-process Bun.serve registry speaking just enough of the
 *   distribution API (manifests, blobs, uploads, Bearer token flow) to inject faults: auth
 *   challenges, 404/500, a wrong digest, a truncated blob, a wrong artifact type.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Where Debian installs the registry (override with HCP_DOCKER_REGISTRY). */
export const DOCKER_REGISTRY_BIN = process.env.HCP_DOCKER_REGISTRY ?? "/usr/bin/docker-registry";

/** A running registry. */
export interface TestRegistry extends AsyncDisposable {
  /** `127.0.0.1:<port>` */
  readonly host: string;
  readonly url: string;
  stop(): Promise<void>;
}

/** Options of startRegistry. */
export interface StartRegistryOptions {
  /** Require Basic auth with this user (htpasswd, bcrypt). */
  readonly auth?: { readonly username: string; readonly password: string };
}

async function freePort(): Promise<number> {
  const server = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
  const port = server.port;
  server.stop(true);
  return port;
}

/** Reports whether the real registry binary is installed. */
export async function hasDockerRegistry(): Promise<boolean> {
  return Bun.file(DOCKER_REGISTRY_BIN).exists();
}

/**
 * Starts docker-registry on 127.0.0.1:<free port> with storage in a temp dir; returns
 * undefined when the binary is absent. Stop it with `await using` or stop().
 */
export async function startRegistry(
  options: StartRegistryOptions = {},
): Promise<TestRegistry | undefined> {
  if (!(await hasDockerRegistry())) return undefined;
  const dir = await mkdtemp(join(tmpdir(), "hcp-registry-"));
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const lines = [
      "version: 0.1",
      "log:",
      "  level: error",
      "  accesslog:",
      "    disabled: true",
      "storage:",
      "  filesystem:",
      `    rootdirectory: ${join(dir, "data")}`,
      "  delete:",
      "    enabled: true",
      "http:",
      `  addr: 127.0.0.1:${port}`,
    ];
    if (options.auth) {
      const hash = await Bun.password.hash(options.auth.password, { algorithm: "bcrypt", cost: 4 });
      await writeFile(join(dir, "htpasswd"), `${options.auth.username}:${hash}\n`);
      lines.push(
        "auth:",
        "  htpasswd:",
        "    realm: hcp-test",
        `    path: ${join(dir, "htpasswd")}`,
      );
    }
    await writeFile(join(dir, "config.yml"), `${lines.join("\n")}\n`);
    const proc = Bun.spawn([DOCKER_REGISTRY_BIN, "serve", join(dir, "config.yml")], {
      stdout: "ignore",
      stderr: "pipe",
      env: { PATH: "/usr/bin:/bin" },
    });
    const url = `http://127.0.0.1:${port}`;
    const stop = async () => {
      proc.kill();
      await proc.exited;
      await rm(dir, { recursive: true, force: true });
    };
    for (let i = 0; i < 100 && proc.exitCode === null; i++) {
      try {
        const res = await fetch(`${url}/v2/`);
        await res.body?.cancel();
        if (res.status === 200 || res.status === 401) {
          return { host: `127.0.0.1:${port}`, url, stop, [Symbol.asyncDispose]: stop };
        }
      } catch {
        // not listening yet
      }
      await Bun.sleep(50);
    }
    proc.kill();
    await proc.exited;
  }
  await rm(dir, { recursive: true, force: true });
  throw new Error("docker-registry did not start on 127.0.0.1");
}

/** Faults the fake registry can inject. */
export interface Faults {
  /** Status for every manifest GET (e.g. 404, 500). */
  manifestStatus?: number;
  /** Status for every blob GET. */
  blobStatus?: number;
  /** Serve only the first half of every blob (a complete but short response). */
  shortBlob?: boolean;
  /** Break the connection halfway through a blob. */
  abortBlob?: boolean;
  /** Serve blobs with one byte flipped (right size, wrong digest). */
  corruptBlob?: boolean;
  /** Send half of every blob, then hang until the server stops (for kill -9 tests). */
  stallBlob?: boolean;
}

/** A fake registry for fault injection. */
export interface FakeRegistry extends AsyncDisposable {
  readonly host: string;
  readonly url: string;
  /** Every request as `METHOD /path` (for "no network" assertions). */
  readonly requests: string[];
  readonly faults: Faults;
  /** Stores a blob and returns its digest. */
  addBlob(bytes: Uint8Array): string;
  /** Stores a manifest (any JSON) under repo:tag; returns its digest. */
  addManifest(repo: string, tag: string, manifest: unknown, mediaType?: string): string;
  stop(): Promise<void>;
}

/** Options of startFakeRegistry. */
export interface FakeRegistryOptions {
  /** Require the Bearer token flow; the token endpoint checks these Basic credentials. */
  readonly bearer?: { readonly username: string; readonly password: string };
  /** Require Basic auth with these credentials. */
  readonly basic?: { readonly username: string; readonly password: string };
  readonly faults?: Faults;
  /** Serve HTTPS with this PEM certificate and key (optionally requiring client certs). */
  readonly tls?: { readonly cert: string; readonly key: string; readonly clientCa?: string };
}

function digestOf(bytes: Uint8Array): string {
  return `sha256:${new Bun.CryptoHasher("sha256").update(bytes).digest("hex")}`;
}

function registryError(status: number, code: string, message: string): Response {
  return Response.json({ errors: [{ code, message }] }, { status });
}

/** Starts the in-process fake registry on 127.0.0.1:<port 0>. */
export function startFakeRegistry(options: FakeRegistryOptions = {}): FakeRegistry {
  const blobs = new Map<string, Uint8Array>();
  const manifests = new Map<string, { bytes: Uint8Array; mediaType: string }>();
  const uploads = new Map<string, true>();
  const requests: string[] = [];
  const faults: Faults = { ...options.faults };
  const TOKEN = "test-token-123";
  const basicOf = (u: { username: string; password: string }) =>
    `Basic ${Buffer.from(`${u.username}:${u.password}`).toString("base64")}`;

  const server: Bun.Server<undefined> = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    ...(options.tls
      ? {
          tls: {
            cert: options.tls.cert,
            key: options.tls.key,
            ...(options.tls.clientCa
              ? { ca: options.tls.clientCa, requestCert: true, rejectUnauthorized: true }
              : {}),
          },
        }
      : {}),
    async fetch(req): Promise<Response> {
      const url = new URL(req.url);
      requests.push(`${req.method} ${url.pathname}`);
      const auth = req.headers.get("authorization");
      if (url.pathname === "/token") {
        if (options.bearer && auth !== basicOf(options.bearer)) {
          return registryError(401, "UNAUTHORIZED", "bad credentials for token");
        }
        return Response.json({ token: TOKEN, scope: url.searchParams.get("scope") });
      }
      if (options.bearer && auth !== `Bearer ${TOKEN}`) {
        return new Response(
          '{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}',
          {
            status: 401,
            headers: {
              "WWW-Authenticate": `Bearer realm="${options.tls ? "https" : "http"}://${server.hostname}:${server.port}/token",service="fake-registry"`,
            },
          },
        );
      }
      if (options.basic && auth !== basicOf(options.basic)) {
        return new Response(
          '{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}',
          {
            status: 401,
            headers: { "WWW-Authenticate": 'Basic realm="fake"' },
          },
        );
      }
      if (url.pathname === "/v2/") return Response.json({});
      const m = /^\/v2\/(.+)\/(manifests|blobs)\/([^/]+)$/.exec(url.pathname);
      const upload = /^\/v2\/(.+)\/blobs\/uploads\/([^/]*)$/.exec(url.pathname);
      if (upload && req.method === "POST") {
        const id = crypto.randomUUID();
        uploads.set(id, true);
        return new Response(null, {
          status: 202,
          headers: { Location: `/v2/${upload[1]}/blobs/uploads/${id}?state=x` },
        });
      }
      if (upload && req.method === "PUT") {
        const bytes = new Uint8Array(await req.arrayBuffer());
        const digest = url.searchParams.get("digest");
        if (digest !== digestOf(bytes))
          return registryError(400, "DIGEST_INVALID", "digest mismatch");
        blobs.set(digest, bytes);
        return new Response(null, { status: 201, headers: { "Docker-Content-Digest": digest } });
      }
      if (!m) return registryError(404, "NAME_UNKNOWN", "unknown path");
      const [, repo, kind, ref] = m as unknown as [string, string, string, string];
      if (kind === "manifests") {
        if (req.method === "PUT") {
          const bytes = new Uint8Array(await req.arrayBuffer());
          const mediaType = req.headers.get("content-type") ?? "";
          manifests.set(`${repo}:${ref}`, { bytes, mediaType });
          manifests.set(`${repo}@${digestOf(bytes)}`, { bytes, mediaType });
          return new Response(null, {
            status: 201,
            headers: { "Docker-Content-Digest": digestOf(bytes) },
          });
        }
        if (faults.manifestStatus) {
          return registryError(faults.manifestStatus, "INJECTED", "injected manifest fault");
        }
        const found = manifests.get(
          ref.startsWith("sha256:") ? `${repo}@${ref}` : `${repo}:${ref}`,
        );
        if (!found) return registryError(404, "MANIFEST_UNKNOWN", "manifest unknown");
        return new Response(req.method === "HEAD" ? null : found.bytes, {
          headers: {
            "Content-Type": found.mediaType,
            "Docker-Content-Digest": digestOf(found.bytes),
          },
        });
      }
      const blob = blobs.get(ref);
      if (req.method === "HEAD") return new Response(null, { status: blob ? 200 : 404 });
      if (faults.blobStatus)
        return registryError(faults.blobStatus, "INJECTED", "injected blob fault");
      if (!blob) return registryError(404, "BLOB_UNKNOWN", "blob unknown");
      if (faults.shortBlob) return new Response(blob.slice(0, Math.floor(blob.length / 2)));
      if (faults.corruptBlob) {
        const copy = blob.slice();
        copy[copy.length - 1] = (copy[copy.length - 1] ?? 0) ^ 0xff;
        return new Response(copy);
      }
      if (faults.stallBlob) {
        const half = blob.slice(0, Math.floor(blob.length / 2));
        let sent = false;
        const stream = new ReadableStream<Uint8Array>({
          async pull(controller) {
            if (!sent) {
              sent = true;
              controller.enqueue(half);
              return;
            }
            await new Promise(() => {}); // hang: the client is killed meanwhile
          },
        });
        return new Response(stream, { headers: { "Content-Length": String(blob.length) } });
      }
      if (faults.abortBlob) {
        const half = blob.slice(0, Math.floor(blob.length / 2));
        const stream = new ReadableStream<Uint8Array>({
          async pull(controller) {
            controller.enqueue(half);
            await Bun.sleep(20);
            controller.error(new Error("injected connection drop"));
          },
        });
        return new Response(stream, { headers: { "Content-Length": String(blob.length) } });
      }
      return new Response(blob, { headers: { "Docker-Content-Digest": ref } });
    },
  });
  const host = `127.0.0.1:${server.port}`;
  const stop = async () => {
    await server.stop(true);
  };
  return {
    host,
    url: `${options.tls ? "https" : "http"}://${host}`,
    requests,
    faults,
    addBlob(bytes) {
      const digest = digestOf(bytes);
      blobs.set(digest, bytes);
      return digest;
    },
    addManifest(repo, tag, manifest, mediaType = "application/vnd.oci.image.manifest.v1+json") {
      const bytes = new TextEncoder().encode(JSON.stringify(manifest));
      manifests.set(`${repo}:${tag}`, { bytes, mediaType });
      manifests.set(`${repo}@${digestOf(bytes)}`, { bytes, mediaType });
      return digestOf(bytes);
    },
    stop,
    [Symbol.asyncDispose]: stop,
  };
}
