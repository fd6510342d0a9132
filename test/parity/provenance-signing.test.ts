/**
 * Key selection and unlocking against Helm 4.1.4's recorded `helm plugin package --sign`
 * errors (shared results.md § helm plugin package): same `Error:` text for the same keyring,
 * --key and passphrase. Documented difference: an armoured secret keyring is accepted.
 */
import { describe, expect, test } from "bun:test";
import { loadPluginSigner } from "../../src/action/plugin-sign.ts";
import { HcpError } from "../../src/errors.ts";
import { VECTORS } from "../fixtures/provenance/vectors.ts";

async function messageOf(key: string, keyring: string, passphrase?: string): Promise<string> {
  try {
    const signer = await loadPluginSigner({
      key,
      keyring,
      cwd: VECTORS,
      readStdin: async () => new TextEncoder().encode(passphrase ?? ""),
      ...(passphrase === undefined ? {} : { passphraseFile: "-" }),
    });
    return `OK ${signer.uid}`;
  } catch (err) {
    expect(err).toBeInstanceOf(HcpError);
    return (err as Error).message;
  }
}

describe("signing key selection matches helm plugin package --sign", () => {
  test.each([
    {
      name: "wrong passphrase",
      key: "Test Signer P",
      keyring: "keys/signer-p.sec.gpg",
      pass: "nope\n",
      want: "openpgp: invalid data: private key checksum failure",
    },
    {
      name: "right passphrase (trailing newline removed)",
      key: "Test Signer P",
      keyring: "keys/signer-p.sec.gpg",
      pass: "secret-pass\r\n",
      want: "OK Test Signer P <signer-p@example.com>",
    },
    {
      name: "public keyring",
      key: "Test Signer A",
      keyring: "keys/signer-a.pub.gpg",
      want: "provided key is not a private key. Try providing a keyring with secret keys",
    },
    {
      name: "--key matches no uid",
      key: "Nobody",
      keyring: "keys/signer-a.sec.gpg",
      want: "private key not found",
    },
    {
      name: "--key omitted",
      key: "",
      keyring: "keys/signer-a.sec.gpg",
      want: "private key not found",
    },
    {
      name: "ambiguous --key",
      key: "Test Signer",
      keyring: "keys/secring-abe.gpg",
      want: 'error reading from keyring: more than one key contain the id "Test Signer"',
    },
    {
      name: "keyring missing",
      key: "Test Signer A",
      keyring: "keys/nonexistent.gpg",
      want: "error reading from keyring: open keys/nonexistent.gpg: no such file or directory",
    },
    {
      name: "uid substring picks the one match",
      key: "signer-ed@",
      keyring: "keys/secring-abe.gpg",
      want: "OK Test Signer Ed <signer-ed@example.com>",
    },
    {
      name: "key ID (hcp addition)",
      key: "F6CB20D81F4B56FD",
      keyring: "keys/secring-abe.gpg",
      want: "OK Test Signer A <signer-a@example.com>",
    },
    {
      name: "armoured secret keyring (hcp accepts; Helm: tag byte does not have MSB set)",
      key: "Test Signer A",
      keyring: "keys/signer-a.sec.asc",
      want: "OK Test Signer A <signer-a@example.com>",
    },
  ])("$name", async ({ key, keyring, pass, want }) => {
    expect(await messageOf(key, keyring, pass)).toBe(want);
  });

  test("an encrypted key without --passphrase-file is refused with the flag to use", async () => {
    await expect(
      loadPluginSigner({
        key: "Test Signer P",
        keyring: "keys/signer-p.sec.gpg",
        cwd: VECTORS,
        readStdin: async () => new Uint8Array(),
      }),
    ).rejects.toMatchObject({
      code: "PROV_PASSPHRASE_REQUIRED",
      hint: expect.stringContaining("--passphrase-file"),
    });
  });

  test("--passphrase-file - with nothing on stdin is Helm's error", async () => {
    await expect(
      loadPluginSigner({
        key: "Test Signer P",
        keyring: "keys/signer-p.sec.gpg",
        cwd: VECTORS,
        passphraseFile: "-",
        readStdin: async () => new Uint8Array(),
      }),
    ).rejects.toThrow("specified reading passphrase from stdin, without input on stdin");
  });
});
