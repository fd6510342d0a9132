/**
 * Registry faults against the in-process fake registry: every failure is an HcpError with a
 * stable code, names the reference, and nothing unverified is ever returned.
 */
import { afterEach, describe, expect, test } from "bun:test";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type HcpError, isHcpError } from "../../src/errors.ts";
import {
  createRegistryClient,
  type RegistryClientOptions,
  storeCredential,
} from "../../src/registry/index.ts";
import {
  type FakeRegistry,
  type FakeRegistryOptions,
  startFakeRegistry,
} from "../helpers/registry.ts";

const TARBALL = await new Bun.Archive(
  {
    "echo/plugin.yaml":
      "apiVersion: v1\nname: echo\nversion: 0.1.0\ntype: cli/v1\nruntime: subprocess\n",
  },
  { compress: "gzip" },
).bytes();
const EMPTY = new TextEncoder().encode("{}");

function pluginManifest(reg: FakeRegistry, overrides: Record<string, unknown> = {}) {
  const digest = reg.addBlob(TARBALL);
  return {
    schemaVersion: 2,
    mediaType: "application/vnd.oci.image.manifest.v1+json",
    artifactType: "application/vnd.helm.plugin.v1+json",
    config: { mediaType: "application/vnd.oci.empty.v1+json", digest: reg.addBlob(EMPTY), size: 2 },
    layers: [
      {
        mediaType: "application/vnd.oci.image.layer.v1.tar+gzip",
        digest,
        size: TARBALL.length,
        annotations: { "org.opencontainers.image.title": "echo-0.1.0.tgz" },
      },
    ],
    ...overrides,
  };
}

let registries: FakeRegistry[] = [];
afterEach(async () => {
  await Promise.all(registries.map((r) => r.stop()));
  registries = [];
});

function fake(options: FakeRegistryOptions = {}, manifest?: Record<string, unknown>): FakeRegistry {
  const reg = startFakeRegistry(options);
  registries.push(reg);
  reg.addManifest("plugins/echo", "0.1.0", manifest ?? pluginManifest(reg));
  return reg;
}

async function pullError(
  reg: FakeRegistry,
  options: RegistryClientOptions = {},
): Promise<HcpError> {
  const client = createRegistryClient({ plainHttp: true, ...options });
  const err = await client.pullPlugin(`oci://${reg.host}/plugins/echo:0.1.0`).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isHcpError(err, "OCI_PULL_FAILED")).toBe(true);
  expect((err as Error).message).toContain(`oci://${reg.host}/plugins/echo:0.1.0`);
  return (err as HcpError).cause as HcpError;
}

describe("pull faults", () => {
  test("a clean artifact pulls (control case)", async () => {
    const reg = fake();
    const pulled = await createRegistryClient({ plainHttp: true }).pullPlugin(
      `oci://${reg.host}/plugins/echo:0.1.0`,
    );
    expect(pulled.tarball).toEqual(TARBALL);
  });

  test("registry down: OCI_UNREACHABLE", async () => {
    const reg = fake();
    await reg.stop();
    const cause = await pullError(reg);
    expect(cause.code).toBe("OCI_UNREACHABLE");
  });

  test("404: OCI_NOT_FOUND with the registry's error code", async () => {
    const reg = fake();
    reg.faults.manifestStatus = 404;
    const cause = await pullError(reg);
    expect(cause.code).toBe("OCI_NOT_FOUND");
    expect(cause.message).toContain("404");
  });

  test("500 on the manifest: OCI_HTTP_ERROR naming the status", async () => {
    const reg = fake();
    reg.faults.manifestStatus = 500;
    const cause = await pullError(reg);
    expect(cause.code).toBe("OCI_HTTP_ERROR");
    expect(cause.message).toContain("500");
  });

  test("500 on the blob: OCI_HTTP_ERROR naming the layer", async () => {
    const reg = fake();
    reg.faults.blobStatus = 500;
    const cause = await pullError(reg);
    expect(cause.code).toBe("OCI_HTTP_ERROR");
    expect(cause.message).toContain("echo-0.1.0.tgz");
  });

  test("wrong artifact type (a chart): OCI_WRONG_ARTIFACT_TYPE, no blob fetched", async () => {
    const reg = startFakeRegistry();
    registries.push(reg);
    reg.addManifest(
      "plugins/echo",
      "0.1.0",
      pluginManifest(reg, { artifactType: "application/vnd.cncf.helm.chart.v1+json" }),
    );
    const cause = await pullError(reg);
    expect(cause.code).toBe("OCI_WRONG_ARTIFACT_TYPE");
    expect(reg.requests.some((r) => r.includes("/blobs/"))).toBe(false);
  });

  test("layer missing: OCI_LAYER_MISSING", async () => {
    const reg = startFakeRegistry();
    registries.push(reg);
    const m = pluginManifest(reg);
    m.layers[0]!.annotations["org.opencontainers.image.title"] = "other-0.1.0.tgz";
    reg.addManifest("plugins/echo", "0.1.0", m);
    expect((await pullError(reg)).code).toBe("OCI_LAYER_MISSING");
  });

  test("blob served short: OCI_BLOB_TRUNCATED", async () => {
    const reg = fake({ faults: { shortBlob: true } });
    const cause = await pullError(reg);
    expect(cause.code).toBe("OCI_BLOB_TRUNCATED");
    expect(cause.message).toContain(`of ${TARBALL.length} bytes`);
  });

  test("connection dropped mid-blob: OCI_BLOB_TRUNCATED", async () => {
    const reg = fake({ faults: { abortBlob: true } });
    expect((await pullError(reg)).code).toBe("OCI_BLOB_TRUNCATED");
  });

  test("blob bytes differ from the descriptor digest: OCI_DIGEST_MISMATCH", async () => {
    const reg = fake({ faults: { corruptBlob: true } });
    const cause = await pullError(reg);
    expect(cause.code).toBe("OCI_DIGEST_MISMATCH");
    expect(cause.message).toContain("failed verification");
  });

  test("blob longer than its descriptor: OCI_BLOB_TOO_LARGE (reading stops at the size)", async () => {
    const reg = startFakeRegistry();
    registries.push(reg);
    const m = pluginManifest(reg);
    m.layers[0]!.size = 10;
    reg.addManifest("plugins/echo", "0.1.0", m);
    expect((await pullError(reg)).code).toBe("OCI_BLOB_TOO_LARGE");
  });

  test("a descriptor over the size cap is refused before any blob request", async () => {
    const reg = fake();
    const cause = await pullError(reg, { maxBlobSize: 16 });
    expect(cause.code).toBe("OCI_BLOB_TOO_LARGE");
    expect(reg.requests.some((r) => r.includes("/blobs/"))).toBe(false);
  });

  test("a by-digest reference answered with other bytes: OCI_DIGEST_MISMATCH", async () => {
    const reg = fake();
    const wanted = `sha256:${"0".repeat(64)}`;
    const client = createRegistryClient({
      plainHttp: true,
      // a lying registry (or proxy): serves the tag's manifest for any digest
      fetch: (url, init) => fetch(url.replace(`/manifests/${wanted}`, "/manifests/0.1.0"), init),
    });
    const err = await client.pullPlugin(`oci://${reg.host}/plugins/echo@${wanted}`).catch((e) => e);
    expect(isHcpError(err.cause, "OCI_DIGEST_MISMATCH")).toBe(true);
    expect(err.cause.message).toContain(wanted);
  });
});

describe("auth", () => {
  const user = { username: "alice", password: "s3cret" };

  test("bearer token flow with credentials from the registry config", async () => {
    const dir = await mkdtemp(join(tmpdir(), "hcp-oci-auth-"));
    try {
      const reg = fake({ bearer: user });
      const config = join(dir, "config.json");
      await storeCredential(config, reg.host, user);
      const client = createRegistryClient({ plainHttp: true, registryConfig: config });
      const pulled = await client.pullPlugin(`oci://${reg.host}/plugins/echo:0.1.0`);
      expect(pulled.tarball).toEqual(TARBALL);
      expect(reg.requests.filter((r) => r.startsWith("GET /token")).length).toBe(1);
      // push through the same flow, with the push scope
      await client.pushPlugin(`oci://${reg.host}/plugins/echo:0.2.0`, TARBALL);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test("bearer realm refusing anonymous access: OCI_UNAUTHORIZED with a login hint", async () => {
    const reg = fake({ bearer: user });
    const cause = await pullError(reg);
    expect(cause.code).toBe("OCI_UNAUTHORIZED");
    expect(cause.hint).toContain(`hcp registry login ${reg.host}`);
  });

  test("basic auth with wrong explicit credentials: OCI_UNAUTHORIZED (401)", async () => {
    const reg = fake({ basic: user });
    const cause = await pullError(reg, { username: "alice", password: "wrong" });
    expect(cause.code).toBe("OCI_UNAUTHORIZED");
    expect(cause.message).toContain("401");
  });

  test("a redirect to another origin does not carry the Authorization header", async () => {
    const seen: (string | null)[] = [];
    const storage = Bun.serve({
      hostname: "127.0.0.1",
      port: 0,
      fetch(req) {
        seen.push(req.headers.get("authorization"));
        return new Response(TARBALL);
      },
    });
    const reg = startFakeRegistry({ basic: user });
    registries.push(reg);
    const m = pluginManifest(reg);
    reg.addManifest("plugins/echo", "0.1.0", m);
    const client = createRegistryClient({
      plainHttp: true,
      username: user.username,
      password: user.password,
      fetch: async (url, init) => {
        if (url.includes("/blobs/sha256")) {
          return new Response(null, {
            status: 307,
            headers: { Location: `http://127.0.0.1:${storage.port}/blob` },
          });
        }
        return fetch(url, init);
      },
    });
    try {
      const pulled = await client.pullPlugin(`oci://${reg.host}/plugins/echo:0.1.0`);
      expect(pulled.tarball).toEqual(TARBALL);
      expect(seen).toEqual([null]);
    } finally {
      await storage.stop(true);
    }
  });
});

test("an image index is resolved to its plugin manifest", async () => {
  await using reg = startFakeRegistry();
  const manifest = pluginManifest(reg);
  const digest = reg.addManifest("plugins/echo", "inner", manifest);
  const size = new TextEncoder().encode(JSON.stringify(manifest)).length;
  reg.addManifest(
    "plugins/echo",
    "0.1.0",
    {
      schemaVersion: 2,
      mediaType: "application/vnd.oci.image.index.v1+json",
      manifests: [
        {
          mediaType: "application/vnd.oci.image.manifest.v1+json",
          digest: `sha256:${"1".repeat(64)}`,
          size: 10,
          artifactType: "application/vnd.cncf.helm.chart.v1+json",
        },
        {
          mediaType: "application/vnd.oci.image.manifest.v1+json",
          digest,
          size,
          artifactType: "application/vnd.helm.plugin.v1+json",
        },
      ],
    },
    "application/vnd.oci.image.index.v1+json",
  );
  const pulled = await createRegistryClient({ plainHttp: true }).pullPlugin(
    `oci://${reg.host}/plugins/echo:0.1.0`,
  );
  expect(pulled.tarball).toEqual(TARBALL);
  expect(pulled.manifestDigest).toBe(digest);
});

test("an upload Location on another origin gets the blob but not the credentials", async () => {
  const seen: (string | null)[] = [];
  const elsewhere = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    fetch(req) {
      seen.push(req.headers.get("authorization"));
      return new Response(null, { status: 201 });
    },
  });
  await using reg = startFakeRegistry({ basic: { username: "u", password: "p" } });
  const client = createRegistryClient({
    plainHttp: true,
    username: "u",
    password: "p",
    fetch: async (url, init) => {
      const res = await fetch(url, init);
      if (init.method === "POST" && res.status === 202) {
        return new Response(null, {
          status: 202,
          headers: { Location: `http://127.0.0.1:${elsewhere.port}/upload/1` },
        });
      }
      return res;
    },
  });
  try {
    await client.pushBlob({ registry: reg.host, repository: "plugins/echo" }, TARBALL);
    expect(seen).toEqual([null]);
  } finally {
    await elsewhere.stop(true);
  }
});

test("createRegistryClient() refuses unknown options", () => {
  expect(() =>
    createRegistryClient({ plainHTTP: true } as unknown as RegistryClientOptions),
  ).toThrow('unknown registry client option "plainHTTP"');
});
