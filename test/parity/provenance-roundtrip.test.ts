/**
 * Round trips with the real Helm 4 binary and GnuPG, on keys gpg makes at test time
 * (RSA 3072 and Ed25519): a .prov hcp signs is accepted by `helm plugin verify` and by
 * `gpg --verify`; a .prov Helm signs (`helm plugin package --sign`) is accepted by hcp, which
 * reports the same signer, fingerprint and hash as Helm.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { copyFile, mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { signPluginTarball } from "../../src/action/plugin-sign.ts";
import { verifyPlugin } from "../../src/action/plugin-verify.ts";
import {
  type GpgKey,
  gpg,
  HAS_GPG,
  makeGpgKey,
  stopGpgAgents,
} from "../fixtures/provenance/gpg-keys.ts";
import { VECTORS } from "../fixtures/provenance/vectors.ts";
import { createTestEnv, findReferenceHelm, runProcess, type TestEnv } from "../helpers/env.ts";

const helm = await findReferenceHelm();
if (!helm)
  console.warn(
    "SKIP provenance round trips: reference Helm not found (set HCP_REF_HELM or run ../shared/tools/get-helm.sh)",
  );
if (!HAS_GPG) console.warn("SKIP provenance round trips: gpg is not installed");

const PACKAGED = join(VECTORS, "packaged");
const PLUGIN_SRC = join(VECTORS, "cases/directory/hello-v1");

/** Copies a packaged vector into env.work and signs it there as `hcp plugin sign` does. */
async function signCopy(env: TestEnv, source: string, key: string, keyring: string) {
  const tarball = basename(source);
  await copyFile(source, join(env.work, tarball));
  return signPluginTarball({
    tarball,
    key,
    keyring,
    readStdin: async () => new Uint8Array(),
    cwd: env.work,
  });
}

/** `helm plugin verify TARBALL --keyring KEYRING` run in `cwd`. */
function helmVerify(env: TestEnv, tarball: string, keyring: string, cwd = env.work) {
  return runProcess([helm!, "plugin", "verify", tarball, "--keyring", keyring], {
    env: env.env,
    cwd,
  });
}

const KINDS = [
  { algo: "rsa3072", uid: "Roundtrip RSA <rt-rsa@example.com>" },
  { algo: "ed25519", uid: "Roundtrip Ed <rt-ed@example.com>" },
] as const;

describe.skipIf(!helm || !HAS_GPG)("provenance round trips with Helm 4 and gpg", () => {
  const keys = new Map<string, GpgKey>();
  let root = "";
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "hcp-prov-rt-"));
    for (const kind of KINDS) keys.set(kind.algo, await makeGpgKey(root, kind));
  });
  afterAll(async () => {
    stopGpgAgents(root);
    await rm(root, { recursive: true, force: true });
  });

  test.each(KINDS)(
    "Helm signs with $algo, hcp verifies with the same result",
    async ({ algo, uid }) => {
      const key = keys.get(algo)!;
      await using env = await createTestEnv({ prefix: "hcp-prov-rt-helm-" });
      const out = join(env.work, "out");
      await mkdir(out);
      const packaged = await runProcess(
        [
          helm!,
          "plugin",
          "package",
          PLUGIN_SRC,
          "--sign",
          "--key",
          uid,
          "--keyring",
          key.sec,
          "-d",
          out,
        ],
        { env: env.env, cwd: env.work },
      );
      expect(packaged.stderr).toBe("");
      expect(packaged.exitCode).toBe(0);
      const byHelm = await helmVerify(env, "hello-v1-0.1.0.tgz", key.pub, out);
      expect(byHelm.exitCode).toBe(0);
      const ours = await verifyPlugin({ path: "hello-v1-0.1.0.tgz", keyring: key.pub, cwd: out });
      const printed =
        ours.signedBy.map((u) => `Signed by: ${u}\n`).join("") +
        `Using Key With Fingerprint: ${ours.fingerprint}\nPlugin Hash Verified: ${ours.hash}\n`;
      expect(printed).toBe(byHelm.stdout);
      expect(ours.fingerprint).toBe(key.fingerprint);
    },
  );

  test.each(KINDS)("hcp signs with $algo, Helm and gpg verify", async ({ algo }) => {
    const key = keys.get(algo)!;
    await using env = await createTestEnv({ prefix: "hcp-prov-rt-hcp-" });
    const tarball = join(env.work, "hello-v1-0.1.0.tgz");
    const signed = await signCopy(
      env,
      join(PACKAGED, "hello-v1-0.1.0.tgz"),
      key.fingerprint,
      key.sec,
    );
    expect(signed.fingerprint).toBe(key.fingerprint);
    const byHelm = await helmVerify(env, "hello-v1-0.1.0.tgz", key.pub);
    expect(byHelm.stderr).toBe("");
    expect(byHelm.exitCode).toBe(0);
    expect(byHelm.stdout).toContain(`Using Key With Fingerprint: ${key.fingerprint}`);
    // gpg checks the same clear signature with its own implementation.
    const gpgOut = await gpg(key.home, ["--status-fd", "1", "--verify", `${tarball}.prov`]);
    expect(gpgOut).toContain(`[GNUPG:] VALIDSIG ${key.fingerprint}`);
    // and the metadata part is Helm's shape (Go field names).
    const prov = await Bun.file(`${tarball}.prov`).text();
    expect(prov).toContain("\nName: hello-v1\n");
    expect(prov).toContain("\n...\nfiles:\n  hello-v1-0.1.0.tgz: sha256:");
  });

  test("hcp's metadata part equals Helm's for the same plugin", async () => {
    const helmProv = await Bun.file(join(PACKAGED, "hello-v1-0.1.0.tgz.prov")).text();
    const key = keys.get("ed25519")!;
    await using env = await createTestEnv({ prefix: "hcp-prov-rt-meta-" });
    await signCopy(env, join(PACKAGED, "hello-v1-0.1.0.tgz"), key.uid, key.sec);
    const ours = await Bun.file(join(env.work, "hello-v1-0.1.0.tgz.prov")).text();
    const body = (text: string) => text.slice(0, text.indexOf("-----BEGIN PGP SIGNATURE-----"));
    expect(body(ours)).toBe(body(helmProv));
  });
});

describe.skipIf(!helm)("keys Helm handles differently", () => {
  test("certify-only primary key: hcp signs with the signing subkey, and Helm verifies it", async () => {
    await using env = await createTestEnv({ prefix: "hcp-prov-rt-subkey-" });
    const tarball = join(PACKAGED, "hello-legacy-0.2.0.tgz");
    await signCopy(env, tarball, "signer-c@example.com", join(VECTORS, "keys/signer-c.sec.gpg"));
    const byHelm = await helmVerify(
      env,
      "hello-legacy-0.2.0.tgz",
      join(VECTORS, "keys/signer-c.pub.gpg"),
    );
    expect(byHelm.stderr).toBe("");
    expect(byHelm.stdout).toContain(
      "Using Key With Fingerprint: 2D84A53D283750C19C35BC83CFC2E7E6C015D53F",
    );
  });

  test("an ASCII-armoured secret key signs too, and Helm verifies the result", async () => {
    await using env = await createTestEnv({ prefix: "hcp-prov-rt-asc-" });
    const tarball = join(PACKAGED, "hello-v1-0.1.0.tgz");
    await signCopy(env, tarball, "Test Signer Ed", join(VECTORS, "keys/signer-ed.sec.asc"));
    const byHelm = await helmVerify(
      env,
      "hello-v1-0.1.0.tgz",
      join(VECTORS, "keys/signer-ed.pub.gpg"),
    );
    expect(byHelm.exitCode).toBe(0);
    expect(byHelm.stdout).toContain("Signed by: Test Signer Ed <signer-ed@example.com>");
  });
});
