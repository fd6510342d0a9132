/**
 * Attack class: archive or .prov changed after signing, or a .prov that is not one clean
 * signed block. Verification must fail closed: every mutation of a good pair is refused with
 * a reason, never accepted.
 */
import { beforeAll, describe, expect, test } from "bun:test";
import { cp, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { verifyPlugin } from "../../src/action/plugin-verify.ts";
import { HcpError } from "../../src/errors.ts";
import {
  type Keyring,
  loadKeyring,
  MAX_PROV_SIZE,
  verifyPluginArchive,
} from "../../src/provenance/index.ts";
import { VECTORS } from "../fixtures/provenance/vectors.ts";
import { tempTree } from "../helpers/temp.ts";

const GOOD = join(VECTORS, "cases/good-rsa");
const TGZ = "hello-v1-0.1.0.tgz";

let keyring: Keyring;
let archive: Uint8Array;
let prov = "";
beforeAll(async () => {
  keyring = await loadKeyring(join(VECTORS, "keys/signer-a.pub.gpg"));
  archive = await Bun.file(join(GOOD, TGZ)).bytes();
  prov = await Bun.file(join(GOOD, `${TGZ}.prov`)).text();
});

async function codeOf(p: string | Uint8Array, a: Uint8Array = archive, filename = TGZ) {
  try {
    await verifyPluginArchive({ archive: a, prov: p, filename, keyring });
    return "ACCEPTED";
  } catch (err) {
    expect(err).toBeInstanceOf(HcpError);
    return (err as HcpError).code;
  }
}

describe("a good pair stays good", () => {
  test("control: the untouched pair verifies", async () => {
    expect(await codeOf(prov)).toBe("ACCEPTED");
  });
});

describe("tampering is refused with the reason", () => {
  test.each([
    { name: "tarball edited after signing", edit: "archive", code: "PROV_HASH_MISMATCH" },
    { name: "signed body edited", edit: "body", code: "PROV_BAD_SIGNATURE" },
    { name: "digest in the body edited", edit: "digest", code: "PROV_BAD_SIGNATURE" },
    { name: "wrong file name asked for", edit: "filename", code: "PROV_FILE_NOT_LISTED" },
    { name: "garbage .prov", edit: "garbage", code: "PROV_NO_SIGNATURE_BLOCK" },
    { name: "empty .prov", edit: "empty", code: "PROV_NO_SIGNATURE_BLOCK" },
    { name: "a second signed block appended", edit: "two-blocks", code: "PROV_MULTIPLE_BLOCKS" },
    { name: "text after the signature", edit: "trailing", code: "PROV_MULTIPLE_BLOCKS" },
    { name: "extra armor header", edit: "comment", code: "PROV_NO_SIGNATURE_BLOCK" },
    { name: "huge .prov", edit: "huge", code: "PROV_TOO_LARGE" },
    { name: "signature base64 cut short", edit: "cut", code: "PROV_NO_SIGNATURE_BLOCK" },
  ])("$name → $code", async ({ edit, code }) => {
    let p: string = prov;
    let a = archive;
    let filename = TGZ;
    switch (edit) {
      case "archive":
        a = archive.slice();
        a[100] = (a[100] ?? 0) ^ 1;
        break;
      case "body":
        p = prov.replace("Version: 0.1.0", "Version: 0.1.1");
        break;
      case "digest":
        p = prov.replace(/sha256:[0-9a-f]{64}/, `sha256:${"0".repeat(64)}`);
        break;
      case "filename":
        filename = "other-0.1.0.tgz";
        break;
      case "garbage":
        p = "this is not a provenance file\n";
        break;
      case "empty":
        p = "";
        break;
      case "two-blocks":
        p = `${prov}\n${prov}`;
        break;
      case "trailing":
        p = `${prov}\nfiles:\n  evil.tgz: sha256:${"1".repeat(64)}\n`;
        break;
      case "comment":
        p = prov.replace("Hash: SHA512\n", "Hash: SHA512\nComment: hi\n");
        break;
      case "huge":
        p = prov + "\n".repeat(MAX_PROV_SIZE);
        break;
      case "cut":
        // Drop the second line of base64: the packet stream no longer parses.
        p = prov.replace(/(-----BEGIN PGP SIGNATURE-----\n\n[^\n]+\n)[^\n]+\n/, "$1");
        expect(p).not.toBe(prov);
        break;
    }
    expect(await codeOf(p, a, filename)).toBe(code);
  });

  test("no single-byte change inside the signed text or the signature is accepted", async () => {
    const bytes = new TextEncoder().encode(prov);
    const start = prov.indexOf("\n\n") + 2;
    const end = prov.indexOf("-----END PGP SIGNATURE-----");
    const accepted: number[] = [];
    // Every 7th byte across the body and the armored signature (about 330 mutations).
    for (let at = start; at < end; at += 7) {
      const mutated = bytes.slice();
      const original = mutated[at] ?? 0;
      // Swap to another visible character, never to whitespace (trailing spaces are canonical).
      mutated[at] = original === 0x41 ? 0x42 : 0x41;
      if (original === 0x0a) continue;
      if ((await codeOf(mutated)) === "ACCEPTED") accepted.push(at);
    }
    expect(accepted).toEqual([]);
  });
});

describe("hcp plugin verify pre-checks (Helm's order and words)", () => {
  test("missing .prov → PROV_MISSING with Helm's message", async () => {
    await using tmp = await tempTree({}, { prefix: "hcp-prov-missing-" });
    const dir = tmp.path;
    await writeFile(join(dir, TGZ), archive);
    await expect(
      verifyPlugin({ path: TGZ, keyring: join(VECTORS, "keys/signer-a.pub.gpg"), cwd: dir }),
    ).rejects.toMatchObject({
      code: "PROV_MISSING",
      message: `could not find provenance file ${TGZ}.prov: stat ${TGZ}.prov: no such file or directory`,
    });
  });

  test("an installed plugin whose files differ from its signed archive is refused", async () => {
    await using tmp = await tempTree({}, { prefix: "hcp-prov-installed-" });
    const dir = tmp.path;
    await cp(join(GOOD, TGZ), join(dir, TGZ));
    await cp(join(GOOD, `${TGZ}.prov`), join(dir, `${TGZ}.prov`));
    Bun.spawnSync(["tar", "-C", dir, "-xzf", join(dir, TGZ)]);
    const keyringPath = join(VECTORS, "keys/signer-a.pub.gpg");
    const ok = await verifyPlugin({ path: "hello-v1", keyring: keyringPath, cwd: dir });
    expect(ok.installedDir).toBe("hello-v1");
    await writeFile(join(dir, "hello-v1/hello.sh"), "#!/bin/sh\necho pwned\n");
    await expect(
      verifyPlugin({ path: "hello-v1", keyring: keyringPath, cwd: dir }),
    ).rejects.toMatchObject({ code: "PROV_INSTALLED_MISMATCH" });
  });
});

describe("keyring bytes that are not a keyring", () => {
  test("truncated or corrupted binary keyrings fail with an HcpError, never accept", async () => {
    const { parseKeyring, sha256Digest } = await import("../../src/provenance/index.ts");
    const good = await Bun.file(join(VECTORS, "keys/signer-a.pub.gpg")).bytes();
    const variants: Uint8Array[] = [];
    for (let cut = 1; cut < good.length; cut += Math.ceil(good.length / 25))
      variants.push(good.slice(0, cut));
    for (let at = 0; at < good.length; at += Math.ceil(good.length / 25)) {
      const v = good.slice();
      v[at] = (v[at] ?? 0) ^ 0x5a;
      variants.push(v);
    }
    let accepted = 0;
    for (const bytes of variants) {
      try {
        const ring = await parseKeyring({ path: "k.gpg", bytes, digest: sha256Digest(bytes) });
        await verifyPluginArchive({ archive, prov, filename: TGZ, keyring: ring });
        accepted++;
      } catch (err) {
        expect(err).toBeInstanceOf(HcpError);
      }
    }
    // Every cut and every flipped byte (in key material, uid or self-signature) breaks the key.
    expect(accepted).toBe(0);
  });
});
