/**
 * Attack class: a signature by the wrong, expired or revoked key, or a keyring read only in
 * part. Keys are made by gpg at test time; where Helm 4.1.4 is present its verdict is checked
 * too (it agrees on every case except SHA-1, which hcp refuses on purpose).
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { copyFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { verifyPlugin } from "../../src/action/plugin-verify.ts";
import type { HcpError } from "../../src/errors.ts";
import {
  formatClearsigned,
  loadKeyring,
  loadSigner,
  parseClearsigned,
  signPluginArchive,
} from "../../src/provenance/index.ts";
import {
  type GpgKey,
  gpgClearsign,
  HAS_GPG,
  makeGpgKey,
  revokeGpgKey,
  stopGpgAgents,
} from "../fixtures/provenance/gpg-keys.ts";
import { HELLO_TGZ, loadHelloV1, VECTORS } from "../fixtures/provenance/vectors.ts";
import { findReferenceHelm, runProcess } from "../helpers/env.ts";

const TGZ = HELLO_TGZ;
const helm = await findReferenceHelm();
if (!HAS_GPG) console.warn("SKIP gpg-made key cases in prov-keys: gpg is not installed");
if (!helm) console.warn("SKIP Helm cross-checks in prov-keys: reference Helm not found");

let root = "";
let archive: Uint8Array;
let body = "";
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "hcp-prov-keys-"));
  ({ archive, body } = await loadHelloV1());
});
afterAll(async () => {
  stopGpgAgents(root);
  await rm(root, { recursive: true, force: true });
});

/** Writes the tarball + .prov into a fresh case dir and verifies with hcp (and Helm). */
async function check(name: string, prov: string | Uint8Array, keyring: string) {
  const dir = join(root, name);
  await Bun.write(join(dir, TGZ), archive);
  await Bun.write(join(dir, `${TGZ}.prov`), prov);
  const ours = await verifyPlugin({ path: TGZ, keyring, cwd: dir }).then(
    (v) => ({ ok: true as const, v }),
    (err: unknown) => ({ ok: false as const, err: err as HcpError }),
  );
  const theirs = helm
    ? await runProcess([helm, "plugin", "verify", TGZ, "--keyring", keyring], {
        env: { HOME: dir, PATH: "/usr/bin:/bin" },
        cwd: dir,
      })
    : undefined;
  return { ours, theirs };
}

async function signedBy(keyringFile: string, key: string): Promise<string> {
  const signer = await loadSigner({ keyring: await loadKeyring(keyringFile), key });
  return signPluginArchive({ archive, filename: TGZ, metadata: "Name: hello-v1\n", signer });
}

const A_PUB = join(VECTORS, "keys/signer-a.pub.gpg");
const ALL_PUB = join(VECTORS, "keys/pubring-all.gpg");
const SECRETS = join(VECTORS, "keys/secring-abe.gpg");

describe("keys and keyrings", () => {
  test("a .prov by a key outside the keyring is refused as unknown", async () => {
    const { ours, theirs } = await check("unknown", await signedBy(SECRETS, "signer-b@"), A_PUB);
    expect(ours.ok).toBe(false);
    if (!ours.ok) expect(ours.err.code).toBe("PROV_UNKNOWN_KEY");
    if (theirs) expect(theirs.stderr).toBe("Error: openpgp: signature made by unknown entity\n");
  });

  test("an empty keyring refuses everything and says it is empty", async () => {
    const { ours } = await check(
      "empty",
      await signedBy(SECRETS, "signer-a@"),
      join(VECTORS, "keys/empty.gpg"),
    );
    expect(ours.ok).toBe(false);
    if (!ours.ok) {
      expect(ours.err.code).toBe("PROV_UNKNOWN_KEY");
      expect(ours.err.hint).toContain("holds no keys");
    }
  });

  test("an armoured keyring with junk around and between blocks is read whole", async () => {
    const asc = await readFile(join(VECTORS, "keys/signer-b.pub.asc"), "utf8");
    const ascA = await readFile(join(VECTORS, "keys/signer-a.pub.asc"), "utf8");
    const keyring = join(root, "junk.asc");
    await writeFile(keyring, `leading junk\n${asc}\nmiddle junk\n\n${ascA}trailing junk`);
    const { ours } = await check("junk-armour", await signedBy(SECRETS, "signer-a@"), keyring);
    expect(ours.ok && ours.v.fingerprint).toBe("1B8E28E266486B58087B1190F6CB20D81F4B56FD");
  });

  test("a GnuPG keybox (pubring.kbx) is refused with the gpg --export hint", async () => {
    if (!HAS_GPG) return;
    const key = await makeGpgKey(root, { uid: "Kbx <kbx@example.com>", algo: "ed25519" });
    const { ours } = await check(
      "kbx",
      await signedBy(SECRETS, "signer-a@"),
      join(key.home, "pubring.kbx"),
    );
    expect(ours.ok).toBe(false);
    if (!ours.ok) {
      expect(ours.err.code).toBe("PROV_KEYRING_KBX");
      expect(ours.err.hint).toContain("gpg --export");
    }
  });

  test("two signatures, one good and one bad, both by keyring keys: refused", async () => {
    const good = parseClearsigned(await signedBy(SECRETS, "signer-a@"));
    const other = parseClearsigned(
      await signPluginArchive({
        archive: new Uint8Array([1, 2, 3]),
        filename: TGZ,
        metadata: "",
        signer: await loadSigner({ keyring: await loadKeyring(SECRETS), key: "signer-b@" }),
      }),
    );
    const both = new Uint8Array([...good.signature, ...other.signature]);
    const { ours } = await check(
      "good-plus-bad",
      formatClearsigned(good.text, "SHA512", both),
      ALL_PUB,
    );
    expect(ours.ok).toBe(false);
    if (!ours.ok) expect(ours.err.code).toBe("PROV_BAD_SIGNATURE");
    // The other order too: the bad one first must not hide behind a later good one.
    const reversed = new Uint8Array([...other.signature, ...good.signature]);
    const second = await check(
      "bad-plus-good",
      formatClearsigned(good.text, "SHA512", reversed),
      ALL_PUB,
    );
    expect(second.ours.ok).toBe(false);
  });

  test("a good signature plus one by an unknown key: the unknown one is ignored", async () => {
    const good = parseClearsigned(await signedBy(SECRETS, "signer-a@"));
    const stranger = parseClearsigned(await signedBy(SECRETS, "signer-b@"));
    const both = new Uint8Array([...stranger.signature, ...good.signature]);
    const { ours } = await check(
      "good-plus-unknown",
      formatClearsigned(good.text, "SHA512", both),
      A_PUB,
    );
    expect(ours.ok && ours.v.signedBy).toEqual(["Test Signer A <signer-a@example.com>"]);
  });

  test("a certify-only primary key's signature is refused like Helm, with a hint", async () => {
    const dir = join(VECTORS, "cases/certify-only-primary");
    await expect(
      verifyPlugin({
        path: "hello-legacy-0.2.0.tgz",
        keyring: "../../keys/signer-c.pub.gpg",
        cwd: dir,
      }),
    ).rejects.toMatchObject({
      code: "PROV_UNKNOWN_KEY",
      hint: expect.stringContaining("certify-only"),
    });
  });
});

describe.skipIf(!HAS_GPG)("expired, revoked and weak keys made by gpg", () => {
  let expired: GpgKey;
  let revoked: GpgKey;
  let revokedAsc = "";
  let revokedProv = "";
  beforeAll(async () => {
    expired = await makeGpgKey(root, {
      uid: "Expired <expired@example.com>",
      algo: "ed25519",
      expire: "1d",
      fakedTime: "20200101T000000",
    });
    revoked = await makeGpgKey(root, { uid: "Revoked <revoked@example.com>", algo: "ed25519" });
    // Signed while the key was still good; gpg refuses to sign once it is revoked.
    revokedProv = await gpgClearsign(revoked, body);
  });

  test("a key that expired after signing is refused (openpgp.js alone accepts it; Helm refuses)", async () => {
    const prov = await gpgClearsign(expired, body, { fakedTime: "20200101T120000" });
    const { ours, theirs } = await check("expired", prov, expired.pub);
    expect(ours.ok).toBe(false);
    if (!ours.ok) expect(ours.err.code).toBe("PROV_KEY_EXPIRED");
    if (theirs) expect(theirs.stderr).toBe("Error: openpgp: key expired\n");
  });

  test("a revoked key is refused, also when the revocation sits in a second armour block", async () => {
    const prov = revokedProv;
    const original = await readFile(revoked.pubAsc, "utf8");
    revokedAsc = await revokeGpgKey(revoked);
    const onlyRevoked = join(root, "revoked-only.asc");
    await writeFile(onlyRevoked, revokedAsc);
    const first = await check("revoked-only", prov, onlyRevoked);
    expect(first.ours.ok).toBe(false);
    if (!first.ours.ok) expect(first.ours.err.code).toBe("PROV_KEY_REVOKED");
    // openpgp.js readKeys would read only the first (unrevoked) block of this file.
    const twoBlocks = join(root, "revoked-second-block.asc");
    await writeFile(twoBlocks, `${original}\n${revokedAsc}`);
    const second = await check("revoked-second", prov, twoBlocks);
    expect(second.ours.ok).toBe(false);
    if (!second.ours.ok) expect(second.ours.err.code).toBe("PROV_KEY_REVOKED");
  });

  test("a SHA-1 signature is refused (documented difference: Helm 4.1.4 accepts it)", async () => {
    const key = await makeGpgKey(root, { uid: "Sha One <sha1@example.com>", algo: "rsa3072" });
    const prov = await gpgClearsign(key, body, { digest: "SHA1" });
    expect(prov).toContain("Hash: SHA1");
    const { ours, theirs } = await check("sha1", prov, key.pub);
    expect(ours.ok).toBe(false);
    if (!ours.ok) expect(ours.err.code).toBe("PROV_WEAK_HASH");
    if (theirs) expect(theirs.exitCode).toBe(0);
  });

  test("the binary export of a revoked key concatenated after the good one is merged", async () => {
    const prov = revokedProv;
    if (revokedAsc === "") revokedAsc = await revokeGpgKey(revoked);
    const merged = join(root, "revoked-binary.gpg");
    await copyFile(revoked.pub, merged);
    const proc = Bun.spawnSync([
      "gpg",
      "--homedir",
      revoked.home,
      "--batch",
      "--export",
      revoked.fingerprint,
    ]);
    await writeFile(merged, new Uint8Array([...(await Bun.file(merged).bytes()), ...proc.stdout]));
    const { ours } = await check("revoked-binary", prov, merged);
    expect(ours.ok).toBe(false);
    if (!ours.ok) expect(ours.err.code).toBe("PROV_KEY_REVOKED");
  });
});

describe.skipIf(!HAS_GPG)("signatures openpgp.js would refuse with a vague reason", () => {
  test("a signature dated in the future names the clock problem", async () => {
    const key = await makeGpgKey(root, {
      uid: "Future <future@example.com>",
      algo: "ed25519",
      fakedTime: "20200101T000000",
    });
    const prov = await gpgClearsign(key, body, { fakedTime: "20990101T000000" });
    const { ours, theirs } = await check("future", prov, key.pub);
    // Helm refuses it too, worded "openpgp: signature expired".
    if (theirs) expect(theirs.stderr).toBe("Error: openpgp: signature expired\n");
    expect(ours.ok).toBe(false);
    if (!ours.ok) expect(ours.err.code).toBe("PROV_SIGNATURE_FUTURE");
  });

  test("an RSA 1024 key is refused as too weak (by name, not as a bad signature)", async () => {
    const key = await makeGpgKey(root, { uid: "Small <small@example.com>", algo: "rsa1024" });
    const prov = await gpgClearsign(key, body);
    const { ours, theirs } = await check("rsa1024", prov, key.pub);
    expect(ours.ok).toBe(false);
    if (!ours.ok) expect(ours.err.code).toBe("PROV_WEAK_KEY");
    if (theirs)
      console.info(
        `Helm 4.1.4 on an RSA 1024 signature: exit ${theirs.exitCode} ${theirs.stderr.trim()}`,
      );
  });
});
