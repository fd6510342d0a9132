/**
 * `hcp plugin sign` and `hcp plugin verify`: registered on the plugin group's cac instance by
 * the plugin command file (`registerProvenanceCommands(cli, io)`). Output like Helm's
 * `helm plugin verify` (who signed, fingerprint, hash) on stdout; errors go through run.ts.
 */
import type { CAC } from "cac";
import { signPluginTarball } from "../../action/plugin-sign.ts";
import { verifyPlugin } from "../../action/plugin-verify.ts";
import { type CliOptions, createContext, stringOption } from "../context.ts";
import type { Io } from "../io.ts";

/** Help text of `hcp plugin verify` (Helm's, with hcp's installed-plugin support). */
const VERIFY_HELP = `This command verifies that a plugin tarball has been signed by a trusted key.

It checks the tarball's SHA-256 against the files entry of PATH.prov and the
signature against the keyring (default: $GNUPGHOME/pubring.gpg, else ~/.gnupg/pubring.gpg).
PATH may also be an installed plugin directory: hcp then verifies the
<name>-<version>.tgz and .prov kept beside it and compares the installed files.`;

/** Flags `hcp plugin package --sign` shares with `hcp plugin sign`. */
export const SIGN_FLAGS = [
  ["--key <name>", "name of the key to use when signing (uid, e-mail, key ID or fingerprint)"],
  ["--keyring <file>", "location of a secret keyring (binary or ASCII-armoured)"],
  // Optional value: cac drops a lone "-" and reports `true` (see passphraseFileOption).
  [
    "--passphrase-file [file]",
    'location of a file which contains the passphrase for the signing key. Use "-" to read from stdin',
  ],
] as const;

/**
 * Reads --passphrase-file: a path, or "-" for stdin. cac parses `--passphrase-file -` as
 * `true` (it drops the lone dash), so `true` means stdin too.
 */
export function passphraseFileOption(options: CliOptions): string | undefined {
  const value = options.passphraseFile;
  const last = Array.isArray(value) ? value[value.length - 1] : value;
  if (last === true) return "-";
  return stringOption(last);
}

/** Registers `plugin sign` and `plugin verify` on the plugin group's cac instance. */
export function registerProvenanceCommands(cli: CAC, io: Io): void {
  const verify = cli
    .command("verify <path>", "verify that a plugin at the given path has been signed and is valid")
    .usage(`verify PATH [flags]\n\n${VERIFY_HELP}`)
    .option("--keyring <file>", "keyring containing public keys (default $GNUPGHOME/pubring.gpg)");
  verify.action(async (path: string, options: CliOptions) => {
    const { settings } = createContext(io, options);
    const result = await verifyPlugin({
      path,
      keyring: stringOption(options.keyring) ?? settings.defaultKeyring,
      cwd: io.cwd,
    });
    for (const uid of result.signedBy) io.stdout(`Signed by: ${uid}\n`);
    io.stdout(`Using Key With Fingerprint: ${result.fingerprint}\n`);
    io.stdout(`Plugin Hash Verified: ${result.hash}\n`);
    if (result.installedDir !== undefined) {
      io.stdout(`Installed Files Verified: ${result.installedDir}\n`);
    }
    return 0;
  });

  const sign = cli
    .command("sign <tarball>", "sign an existing plugin tarball (writes TARBALL.prov)")
    .usage("sign TARBALL --key NAME --keyring FILE [--passphrase-file FILE|-]");
  for (const [flag, description] of SIGN_FLAGS) sign.option(flag, description);
  sign.action(async (tarball: string, options: CliOptions) => {
    const { settings } = createContext(io, options);
    const passphraseFile = passphraseFileOption(options);
    const result = await signPluginTarball({
      tarball,
      key: stringOption(options.key) ?? "",
      keyring: stringOption(options.keyring) ?? settings.defaultKeyring,
      ...(passphraseFile === undefined ? {} : { passphraseFile }),
      readStdin: io.readStdin,
      cwd: io.cwd,
    });
    io.stdout(`Successfully signed. Signature written to: ${result.provPath}\n`);
    return 0;
  });
}
