/**
 * `hcp plugin sign|verify|package --sign` through the compiled binary (dist/hcp): a good pair
 * verifies with Helm's three lines; every bad input of issue 3 ends with one clear `Error:`
 * line (plus a hint), nothing on stdout, no stack trace, and exit code 1.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  formatClearsigned,
  loadKeyring,
  loadSigner,
  MAX_PROV_SIZE,
  parseClearsigned,
  signPluginArchive,
} from "../../src/provenance/index.ts";
import {
  gpgClearsign,
  HAS_GPG,
  makeGpgKey,
  revokeGpgKey,
  stopGpgAgents,
} from "../fixtures/provenance/gpg-keys.ts";
import { HELLO_TGZ, loadHelloV1, VECTORS } from "../fixtures/provenance/vectors.ts";
import {
  createTestEnv,
  findReferenceHelm,
  HCP_BIN,
  hasHcpBinary,
  runProcess,
} from "../helpers/env.ts";

const REPO = join(import.meta.dir, "../..");
const TGZ = HELLO_TGZ;
const HAS_HCP = hasHcpBinary("provenance e2e");
const helm = await findReferenceHelm();

const GOOD_STDOUT =
  "Signed by: Test Signer A <signer-a@example.com>\n" +
  "Using Key With Fingerprint: 1B8E28E266486B58087B1190F6CB20D81F4B56FD\n" +
  "Plugin Hash Verified: sha256:07713c73c68a61b9bb4909e76da601c8b4c0e6f06e69cc72483ab9d414aa02ea\n";

let root = "";
let archive: Uint8Array;
let body = "";
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "hcp-prov-e2e-"));
  ({ archive, body } = await loadHelloV1());
});
afterAll(async () => {
  stopGpgAgents(root);
  await rm(root, { recursive: true, force: true });
});

async function hcp(argv: readonly string[], cwd: string, stdin?: string) {
  await using env = await createTestEnv({ prefix: "hcp-prov-e2e-env-" });
  return runProcess([HCP_BIN, ...argv], {
    env: env.env,
    cwd,
    ...(stdin === undefined ? {} : { stdin }),
  });
}

/** A case dir holding the good tarball and the given .prov. */
async function pair(name: string, prov: string | Uint8Array | undefined): Promise<string> {
  const dir = join(root, name);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, TGZ), archive);
  if (prov !== undefined) await writeFile(join(dir, `${TGZ}.prov`), prov);
  return dir;
}

function expectCleanFailure(
  r: { exitCode: number; stdout: string; stderr: string },
  message: string | RegExp,
) {
  expect(r.exitCode).toBe(1);
  expect(r.stdout).toBe("");
  const [first, ...rest] = r.stderr.trimEnd().split("\n");
  if (typeof message === "string") expect(first).toBe(`Error: ${message}`);
  else expect(first).toMatch(message);
  for (const line of rest) expect(line).toStartWith("hint: ");
  expect(r.stderr).not.toContain("    at ");
}

describe.skipIf(!HAS_HCP)("hcp plugin verify (dist/hcp)", () => {
  const A = join(VECTORS, "keys/signer-a.pub.gpg");
  const helmCase = (name: string) => join(VECTORS, "cases", name);

  test("a good pair prints Helm's three lines", async () => {
    const r = await hcp(["plugin", "verify", TGZ, "--keyring", A], helmCase("good-rsa"));
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(GOOD_STDOUT);
    expect(r.exitCode).toBe(0);
  });

  test.each([
    [
      "tarball edited after signing",
      "tampered-tarball-bitflip",
      /^Error: sha256 sum does not match for hello-v1-0.1.0.tgz: /,
    ],
    [".prov signed by an unknown key", "wrong-key", "openpgp: signature made by unknown entity"],
    [
      ".prov body edited",
      "prov-body-edited",
      "openpgp: invalid signature: RSA verification failure",
    ],
    [
      "wrong filename in files:",
      "prov-wrong-filename",
      'provenance does not contain a SHA for a file named "hello-v1-0.1.0.tgz"',
    ],
    [
      "missing .prov",
      "missing-prov",
      "could not find provenance file hello-v1-0.1.0.tgz.prov: stat hello-v1-0.1.0.tgz.prov: no such file or directory",
    ],
    ["garbage .prov", "garbage-prov", "signature block not found"],
  ] as const)("%s", async (_name, dir, message) => {
    expectCleanFailure(
      await hcp(["plugin", "verify", TGZ, "--keyring", A], helmCase(dir)),
      message,
    );
  });

  test("empty keyring", async () => {
    const r = await hcp(
      ["plugin", "verify", TGZ, "--keyring", join(VECTORS, "keys/empty.gpg")],
      helmCase("good-rsa"),
    );
    expectCleanFailure(r, "openpgp: signature made by unknown entity");
    expect(r.stderr).toContain("holds no keys");
  });

  test("two signatures, one bad", async () => {
    const secrets = await loadKeyring(join(VECTORS, "keys/secring-abe.gpg"));
    const good = parseClearsigned(
      await signPluginArchive({
        archive,
        filename: TGZ,
        metadata: "",
        signer: await loadSigner({ keyring: secrets, key: "signer-a@" }),
      }),
    );
    const bad = parseClearsigned(
      await signPluginArchive({
        archive: new Uint8Array([7]),
        filename: TGZ,
        metadata: "",
        signer: await loadSigner({ keyring: secrets, key: "signer-b@" }),
      }),
    );
    const dir = await pair(
      "two-sigs",
      formatClearsigned(good.text, "SHA512", new Uint8Array([...good.signature, ...bad.signature])),
    );
    const r = await hcp(
      ["plugin", "verify", TGZ, "--keyring", join(VECTORS, "keys/pubring-all.gpg")],
      dir,
    );
    expectCleanFailure(r, "openpgp: invalid signature: RSA verification failure");
  });

  test("armoured keyring with junk around it: the key is found; junk alone is an error", async () => {
    const asc = await readFile(join(VECTORS, "keys/signer-a.pub.asc"), "utf8");
    const dir = await pair("junk", await readFile(join(helmCase("good-rsa"), `${TGZ}.prov`)));
    await writeFile(join(dir, "junk.asc"), `# exported by someone\n${asc}\n-- signature --\n`);
    await writeFile(join(dir, "only-junk.asc"), "not a key at all\n");
    const ok = await hcp(["plugin", "verify", TGZ, "--keyring", "junk.asc"], dir);
    expect(ok.stdout).toBe(GOOD_STDOUT);
    const bad = await hcp(["plugin", "verify", TGZ, "--keyring", "only-junk.asc"], dir);
    expectCleanFailure(bad, "openpgp: invalid data: tag byte does not have MSB set");
  });

  test("huge .prov", async () => {
    const prov = await readFile(join(helmCase("good-rsa"), `${TGZ}.prov`), "utf8");
    const dir = await pair("huge", prov + " ".repeat(MAX_PROV_SIZE));
    expectCleanFailure(
      await hcp(["plugin", "verify", TGZ, "--keyring", A], dir),
      /^Error: provenance file hello-v1-0.1.0.tgz.prov is too large: /,
    );
  });

  test.skipIf(!HAS_GPG)("keyring holding only an expired key", async () => {
    const key = await makeGpgKey(root, {
      uid: "E2E Expired <e2e-expired@example.com>",
      algo: "ed25519",
      expire: "1d",
      fakedTime: "20200101T000000",
    });
    const dir = await pair(
      "expired",
      await gpgClearsign(key, body, { fakedTime: "20200101T120000" }),
    );
    const r = await hcp(["plugin", "verify", TGZ, "--keyring", key.pub], dir);
    expectCleanFailure(r, "openpgp: key expired");
  });

  test.skipIf(!HAS_GPG)("keyring holding only a revoked key", async () => {
    const key = await makeGpgKey(root, {
      uid: "E2E Revoked <e2e-revoked@example.com>",
      algo: "rsa3072",
    });
    const dir = await pair("revoked", await gpgClearsign(key, body));
    await writeFile(join(dir, "revoked.asc"), await revokeGpgKey(key));
    const r = await hcp(["plugin", "verify", TGZ, "--keyring", "revoked.asc"], dir);
    expectCleanFailure(r, "openpgp: key revoked");
  });
});

describe.skipIf(!HAS_HCP)("hcp plugin sign and package --sign (dist/hcp)", () => {
  const TEST_SEC = join(REPO, "keys/hcp-test.sec.gpg");
  const TEST_PUB = join(REPO, "keys/hcp-test.pub.gpg");

  test("sign an existing tarball with the test key, then verify it", async () => {
    const dir = await pair("sign", undefined);
    const signed = await hcp(
      ["plugin", "sign", TGZ, "--key", "hcp-test-key@example.invalid", "--keyring", TEST_SEC],
      dir,
    );
    expect(signed.stderr).toBe("");
    expect(signed.stdout).toBe(`Successfully signed. Signature written to: ${TGZ}.prov\n`);
    const verified = await hcp(["plugin", "verify", TGZ, "--keyring", TEST_PUB], dir);
    expect(verified.stdout).toContain(
      "Signed by: hcp test key DO NOT TRUST <hcp-test-key@example.invalid>\n",
    );
    expect(verified.exitCode).toBe(0);
    if (helm) {
      const byHelm = await runProcess([helm, "plugin", "verify", TGZ, "--keyring", TEST_PUB], {
        env: { HOME: dir, PATH: "/usr/bin:/bin" },
        cwd: dir,
      });
      expect(byHelm.stdout).toBe(verified.stdout);
    }
  });

  test("a passphrase from stdin unlocks the key; a wrong one is refused", async () => {
    const dir = await pair("passphrase", undefined);
    const keyring = join(VECTORS, "keys/signer-p.sec.gpg");
    const argv = [
      "plugin",
      "sign",
      TGZ,
      "--key",
      "Test Signer P",
      "--keyring",
      keyring,
      "--passphrase-file",
      "-",
    ];
    const wrong = await hcp(argv, dir, "not-it\n");
    expectCleanFailure(wrong, "openpgp: invalid data: private key checksum failure");
    const right = await hcp(argv, dir, "secret-pass\n");
    expect(right.exitCode).toBe(0);
    const verified = await hcp(
      ["plugin", "verify", TGZ, "--keyring", join(VECTORS, "keys/signer-p.pub.gpg")],
      dir,
    );
    expect(verified.stdout).toContain("Signed by: Test Signer P <signer-p@example.com>\n");
  });

  test("an ambiguous or missing --key is refused like Helm", async () => {
    const dir = await pair("ambiguous", undefined);
    const keyring = join(VECTORS, "keys/secring-abe.gpg");
    expectCleanFailure(
      await hcp(["plugin", "sign", TGZ, "--key", "Test Signer", "--keyring", keyring], dir),
      'error reading from keyring: more than one key contain the id "Test Signer"',
    );
    expectCleanFailure(
      await hcp(["plugin", "sign", TGZ, "--key", "nobody", "--keyring", keyring], dir),
      "private key not found",
    );
  });

  test("package --sign writes a .tgz and .prov that verify", async () => {
    const src = join(root, "pkg-src");
    await cp(join(VECTORS, "cases/directory/hello-v1"), join(src, "hello-v1"), { recursive: true });
    const out = join(root, "pkg-out");
    await mkdir(out, { recursive: true });
    const packaged = await hcp(
      [
        "plugin",
        "package",
        join(src, "hello-v1"),
        "--sign",
        "--key",
        "hcp-test-key@example.invalid",
        "--keyring",
        TEST_SEC,
        "-d",
        out,
      ],
      root,
    );
    expect(packaged.stderr).toBe("");
    expect(packaged.exitCode).toBe(0);
    const verified = await hcp(["plugin", "verify", TGZ, "--keyring", TEST_PUB], out);
    expect(verified.exitCode).toBe(0);
    if (helm) {
      const byHelm = await runProcess([helm, "plugin", "verify", TGZ, "--keyring", TEST_PUB], {
        env: { HOME: out, PATH: "/usr/bin:/bin" },
        cwd: out,
      });
      expect(byHelm.exitCode).toBe(0);
    }
  });
});
