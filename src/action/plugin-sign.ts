/**
 * Signing plugin tarballs: `hcp plugin sign TARBALL` and the `--sign` step of
 * `hcp plugin package`. Reads the secret keyring, picks `--key` like Helm, unlocks it with a
 * passphrase from `--passphrase-file` (`-` = stdin; never from the command line), and writes
 * `<tarball>.prov` atomically next to the tarball.
 */
import { readFile } from "node:fs/promises";
import { basename, resolve } from "node:path";
import { HcpError } from "../errors.ts";
import { writeFileAtomic } from "../files/index.ts";
import { PLUGIN_YAML, type PluginMetadata, parseMetadata } from "../plugin/index.ts";
import {
  loadSigner,
  osErrorMessage,
  parseKeyring,
  readKeyringFile,
  type Signer,
  signPluginArchive,
} from "../provenance/index.ts";
import { findRootFile, readArchiveFiles } from "../provenance/tar-entries.ts";

/** How to find and unlock the signing key (Helm's --key, --keyring, --passphrase-file). */
export interface SignerOptions {
  /** --key: a uid (or part of one), e-mail, key ID or fingerprint. */
  readonly key: string;
  /** --keyring: a secret keyring (binary, or armoured secret keys). */
  readonly keyring: string;
  /** --passphrase-file: a file holding the passphrase, or `-` for stdin. */
  readonly passphraseFile?: string;
  /** Reads all of stdin (for `--passphrase-file -`). */
  readonly readStdin: () => Promise<Uint8Array>;
  /** Directory relative paths are resolved against. */
  readonly cwd: string;
}

/** Inputs of signPluginTarball. */
export interface SignPluginTarballOptions extends SignerOptions {
  /** The tarball to sign (the .prov goes to `<tarball>.prov`). */
  readonly tarball: string;
  /** Metadata of the packaged plugin; read from the tarball's plugin.yaml when absent. */
  readonly metadata?: PluginMetadata;
  readonly now?: Date;
}

/** What signing produced. */
export interface SignPluginTarballResult {
  /** Path of the written .prov (as the tarball path was given, plus `.prov`). */
  readonly provPath: string;
  /** uid and fingerprint of the key that signed. */
  readonly uid: string;
  readonly fingerprint: string;
}

/** Helm's passphrase rule: the whole file (or stdin) with trailing CR/LF removed. */
async function readPassphrase(options: SignerOptions): Promise<string> {
  const file = options.passphraseFile;
  if (file === undefined) throw new HcpError("PROV_PASSPHRASE_REQUIRED", "no passphrase given");
  let bytes: Uint8Array;
  if (file === "-") {
    bytes = await options.readStdin();
    if (bytes.length === 0) {
      throw new HcpError(
        "PROV_PASSPHRASE_STDIN",
        "specified reading passphrase from stdin, without input on stdin",
        { hint: "pipe the passphrase in: hcp plugin sign … --passphrase-file - < passphrase.txt" },
      );
    }
  } else {
    try {
      bytes = new Uint8Array(await readFile(resolve(options.cwd, file)));
    } catch (err) {
      throw new HcpError("PROV_PASSPHRASE_FILE", osErrorMessage("open", file, err));
    }
  }
  return new TextDecoder().decode(bytes).replace(/[\r\n]+$/, "");
}

/**
 * Loads and unlocks the signing key (call it before packaging to fail early).
 * @throws HcpError PROV_KEYRING_READ (wrapped as Helm's `error reading from keyring: …`),
 *   PROV_KEY_NOT_FOUND, PROV_KEY_AMBIGUOUS, PROV_NOT_PRIVATE_KEY, PROV_PASSPHRASE_*,
 *   PROV_BAD_PASSPHRASE
 */
export async function loadPluginSigner(options: SignerOptions): Promise<Signer> {
  let keyring: Awaited<ReturnType<typeof parseKeyring>>;
  try {
    keyring = await parseKeyring(await readKeyringFile(options.keyring, options.cwd));
  } catch (err) {
    if (err instanceof HcpError && err.code === "PROV_KEYRING_KBX") throw err;
    const message = err instanceof Error ? err.message : String(err);
    throw new HcpError("PROV_KEYRING_READ", `error reading from keyring: ${message}`, {
      hint: "pass --keyring with a secret keyring, e.g. made by `gpg --export-secret-keys KEYID > secring.gpg`",
    });
  }
  return loadSigner({
    keyring,
    key: options.key,
    ...(options.passphraseFile === undefined ? {} : { passphrase: () => readPassphrase(options) }),
  });
}

/** Reads the plugin metadata out of a tarball (its root's plugin.yaml). */
function metadataFromArchive(tarball: string, archive: Uint8Array): PluginMetadata {
  const yaml = findRootFile(readArchiveFiles(archive), PLUGIN_YAML);
  if (yaml === undefined) {
    throw new HcpError("PROV_ARCHIVE_INVALID", `${tarball} has no plugin.yaml at its root`, {
      hint: "sign a tarball made by `hcp plugin package`",
    });
  }
  return parseMetadata(new TextDecoder().decode(yaml), { file: `${tarball}:${PLUGIN_YAML}` });
}

/**
 * Signs a plugin tarball and writes `<tarball>.prov` (atomically).
 * @throws HcpError as loadPluginSigner, PROV_ARCHIVE_INVALID, PLUGIN_INVALID_METADATA,
 *   PROV_SIGN_FAILED
 */
export async function signPluginTarball(
  options: SignPluginTarballOptions,
  signer?: Signer,
): Promise<SignPluginTarballResult> {
  const full = resolve(options.cwd, options.tarball);
  let archive: Uint8Array;
  try {
    archive = new Uint8Array(await readFile(full));
  } catch (err) {
    throw new HcpError("PROV_PATH", osErrorMessage("open", options.tarball, err));
  }
  const metadata = options.metadata ?? metadataFromArchive(options.tarball, archive);
  const key = signer ?? (await loadPluginSigner(options));
  const prov = await signPluginArchive({
    archive,
    filename: basename(options.tarball),
    metadata,
    signer: key,
    ...(options.now ? { now: options.now } : {}),
  });
  await writeFileAtomic(`${full}.prov`, prov);
  return { provPath: `${options.tarball}.prov`, uid: key.uid, fingerprint: key.fingerprint };
}
