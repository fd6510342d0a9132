/**
 * TLS options of the registry client against an HTTPS fake registry with a throw-away CA
 * made by openssl at test time: an unknown CA is refused, --ca-file trusts it,
 * --insecure-skip-tls-verify skips the check, and client certificates (mTLS) are sent.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isHcpError } from "../../src/errors.ts";
import { createRegistryClient, type RegistryClientOptions } from "../../src/registry/index.ts";
import { startFakeRegistry } from "../helpers/registry.ts";

const openssl = Bun.which("openssl");
if (!openssl) console.warn("SKIP oci-tls: openssl is absent");

const TARBALL = new TextEncoder().encode("not really a tarball, but bytes are bytes");

async function sh(cwd: string, ...argv: string[]) {
  const p = Bun.spawnSync(argv, { cwd, stdout: "pipe", stderr: "pipe" });
  if (p.exitCode !== 0) throw new Error(`${argv.join(" ")}: ${p.stderr.toString()}`);
}

describe.skipIf(!openssl)("registry TLS", () => {
  let dir: string;
  let pem: Record<string, string>;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "hcp-tls-"));
    const o = openssl as string;
    await sh(
      dir,
      o,
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-days",
      "2",
      "-subj",
      "/CN=hcp test CA",
      "-keyout",
      "ca.key",
      "-out",
      "ca.pem",
    );
    await writeFile(join(dir, "san.ext"), "subjectAltName=IP:127.0.0.1\n");
    for (const name of ["server", "client"]) {
      await sh(
        dir,
        o,
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-subj",
        `/CN=${name}`,
        "-keyout",
        `${name}.key`,
        "-out",
        `${name}.csr`,
      );
      await sh(
        dir,
        o,
        "x509",
        "-req",
        "-in",
        `${name}.csr`,
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-days",
        "2",
        "-extfile",
        "san.ext",
        "-out",
        `${name}.pem`,
      );
    }
    pem = {};
    for (const f of ["ca.pem", "server.pem", "server.key"])
      pem[f] = await readFile(join(dir, f), "utf8");
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function pull(serverTls: { clientCa?: string }, options: RegistryClientOptions) {
    await using reg = startFakeRegistry({
      tls: { cert: pem["server.pem"] as string, key: pem["server.key"] as string, ...serverTls },
    });
    // the setup push always presents the client certificate
    const setup = createRegistryClient({
      insecureSkipTlsVerify: true,
      certFile: join(dir, "client.pem"),
      keyFile: join(dir, "client.key"),
    });
    await setup.pushPlugin(`oci://${reg.host}/plugins/tls-p:1.0.0`, TARBALL);
    return await createRegistryClient(options)
      .pullPlugin(`oci://${reg.host}/plugins/tls-p:1.0.0`)
      .then(
        (r) => r.tarball,
        (e: unknown) => e,
      );
  }

  test("a certificate from an unknown CA is refused", async () => {
    const err = await pull({}, {});
    expect(isHcpError((err as Error).cause, "OCI_UNREACHABLE")).toBe(true);
  });

  test("--ca-file trusts the CA", async () => {
    expect(await pull({}, { caFile: join(dir, "ca.pem") })).toEqual(TARBALL);
  });

  test("--insecure-skip-tls-verify skips verification", async () => {
    expect(await pull({}, { insecureSkipTlsVerify: true })).toEqual(TARBALL);
  });

  test("a registry requiring client certificates accepts --cert-file/--key-file", async () => {
    const clientCa = pem["ca.pem"] as string;
    const without = await pull({ clientCa }, { caFile: join(dir, "ca.pem") });
    expect(without).toBeInstanceOf(Error);
    const withCert = await pull(
      { clientCa },
      {
        caFile: join(dir, "ca.pem"),
        certFile: join(dir, "client.pem"),
        keyFile: join(dir, "client.key"),
      },
    );
    expect(withCert).toEqual(TARBALL);
  });

  test("an unreadable --ca-file is OCI_TLS_CONFIG naming the flag", async () => {
    const err = await pull({}, { caFile: join(dir, "missing.pem") });
    expect(isHcpError((err as Error).cause, "OCI_TLS_CONFIG")).toBe(true);
    expect(((err as Error).cause as Error).message).toContain("--ca-file");
  });
});
