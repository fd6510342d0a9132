/**
 * The registry client against Debian's real docker-registry on 127.0.0.1: push a plugin
 * artifact, pull it back byte for byte, with and without htpasswd auth. Skips visibly when
 * /usr/bin/docker-registry is absent (CI installs the docker-registry package).
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isHcpError } from "../../src/errors.ts";
import {
  createRegistryClient,
  EMPTY_CONFIG_MEDIA_TYPE,
  LAYER_TAR_GZIP_MEDIA_TYPE,
  PLUGIN_ARTIFACT_TYPE,
  storeCredential,
} from "../../src/registry/index.ts";
import { hasDockerRegistry, startRegistry, type TestRegistry } from "../helpers/registry.ts";

const available = await hasDockerRegistry();
if (!available) console.warn("SKIP oci-registry: /usr/bin/docker-registry is absent");

async function pluginTarball(name: string, version: string): Promise<Uint8Array> {
  const yaml = `apiVersion: v1\nname: ${name}\nversion: ${version}\ntype: cli/v1\nruntime: subprocess\nconfig:\n  usage: x\nruntimeConfig:\n  platformCommand:\n  - command: echo\n`;
  return new Bun.Archive({ [`${name}/plugin.yaml`]: yaml }, { compress: "gzip" }).bytes();
}

describe.skipIf(!available)("registry client against docker-registry", () => {
  let registry: TestRegistry;
  beforeAll(async () => {
    registry = (await startRegistry()) as TestRegistry;
  });
  afterAll(async () => {
    await registry?.stop();
  });

  test("pushPlugin then pullPlugin returns the same bytes and Helm's artifact shape", async () => {
    const client = createRegistryClient({ plainHttp: true });
    const tarball = await pluginTarball("echo", "0.1.0");
    const prov = new TextEncoder().encode("-----BEGIN PGP SIGNED MESSAGE-----\nfake\n");
    const pushed = await client.pushPlugin(
      `oci://${registry.host}/plugins/echo:0.1.0`,
      tarball,
      prov,
    );
    expect(pushed.manifest.artifactType).toBe(PLUGIN_ARTIFACT_TYPE);
    expect(pushed.manifest.config.mediaType).toBe(EMPTY_CONFIG_MEDIA_TYPE);
    expect(
      pushed.manifest.layers.map((l) => l.annotations?.["org.opencontainers.image.title"]),
    ).toEqual(["echo-0.1.0.tgz", "echo-0.1.0.tgz.prov"]);
    expect(pushed.manifest.layers[0]?.mediaType).toBe(LAYER_TAR_GZIP_MEDIA_TYPE);
    const pulled = await client.pullPlugin(`oci://${registry.host}/plugins/echo:0.1.0`);
    expect(pulled.name).toBe("echo");
    expect(pulled.version).toBe("0.1.0");
    expect(pulled.tarball).toEqual(tarball);
    expect(pulled.prov).toEqual(prov);
    expect(pulled.digest).toBe(
      `sha256:${new Bun.CryptoHasher("sha256").update(tarball).digest("hex")}`,
    );
    expect(pulled.manifestDigest).toBe(pushed.manifestDigest);
  });

  test("pullPlugin by manifest digest", async () => {
    const client = createRegistryClient({ plainHttp: true });
    const tarball = await pluginTarball("bydigest", "1.2.3");
    const pushed = await client.pushPlugin(`oci://${registry.host}/p/bydigest:1.2.3`, tarball);
    const pulled = await client.pullPlugin(
      `oci://${registry.host}/p/bydigest@${pushed.manifestDigest}`,
    );
    expect(pulled.tarball).toEqual(tarball);
    expect(pulled.prov).toBeUndefined();
  });

  test("pullPlugin of a missing tag fails with OCI_NOT_FOUND naming the reference", async () => {
    const client = createRegistryClient({ plainHttp: true });
    const err = await client
      .pullPlugin(`oci://${registry.host}/plugins/nothing:9.9.9`)
      .catch((e) => e);
    expect(isHcpError(err, "OCI_PULL_FAILED")).toBe(true);
    expect(isHcpError(err.cause, "OCI_NOT_FOUND")).toBe(true);
    expect(err.message).toContain(`oci://${registry.host}/plugins/nothing:9.9.9`);
  });

  test("HTTPS against a plain-HTTP registry fails as unreachable with a --plain-http hint", async () => {
    const client = createRegistryClient();
    const err = await client
      .pullPlugin(`oci://${registry.host}/plugins/echo:0.1.0`)
      .catch((e) => e);
    expect(isHcpError(err.cause, "OCI_UNREACHABLE")).toBe(true);
    expect(err.cause.hint).toContain("--plain-http");
  });
});

describe.skipIf(!available)("registry client with htpasswd auth", () => {
  let registry: TestRegistry;
  let dir: string;
  beforeAll(async () => {
    registry = (await startRegistry({
      auth: { username: "alice", password: "s3cret" },
    })) as TestRegistry;
    dir = await mkdtemp(join(tmpdir(), "hcp-regcfg-"));
  });
  afterAll(async () => {
    await registry?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  test("anonymous push is refused with 401 and a login hint", async () => {
    const client = createRegistryClient({ plainHttp: true });
    const err = await client
      .pushPlugin(`oci://${registry.host}/plugins/echo:0.1.0`, await pluginTarball("echo", "0.1.0"))
      .catch((e) => e);
    expect(isHcpError(err.cause, "OCI_UNAUTHORIZED")).toBe(true);
    expect(err.cause.hint).toContain(`hcp registry login ${registry.host}`);
  });

  test("credentials from the registry config file are used for push and pull", async () => {
    const config = join(dir, "config.json");
    await storeCredential(config, registry.host, { username: "alice", password: "s3cret" });
    const client = createRegistryClient({ plainHttp: true, registryConfig: config });
    const tarball = await pluginTarball("echo", "0.2.0");
    await client.pushPlugin(`oci://${registry.host}/plugins/echo:0.2.0`, tarball);
    const pulled = await client.pullPlugin(`oci://${registry.host}/plugins/echo:0.2.0`);
    expect(pulled.tarball).toEqual(tarball);
  });

  test("wrong stored password is refused with a hint naming the host", async () => {
    const config = join(dir, "bad.json");
    await writeFile(
      config,
      JSON.stringify({ auths: { [registry.host]: { auth: btoa("alice:nope") } } }),
    );
    const client = createRegistryClient({ plainHttp: true, registryConfig: config });
    const err = await client
      .pullPlugin(`oci://${registry.host}/plugins/echo:0.2.0`)
      .catch((e) => e);
    expect(isHcpError(err.cause, "OCI_UNAUTHORIZED")).toBe(true);
    expect(err.cause.hint).toContain("were refused");
  });
});
