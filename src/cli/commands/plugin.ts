/**
 * `hcp plugin …`: install (add), list (ls), uninstall (rm, remove), update (up), package,
 * plus sign/verify (provenance) and push (OCI) registered by their owners. Output matches
 * `helm plugin …` line for line; errors go through run.ts.
 */
import type { CAC } from "cac";
import type { PackageSigner } from "../../action/plugin-package.ts";
import type { PluginType } from "../../plugin/index.ts";
import { type CliOptions, createContext, stringOption } from "../context.ts";
import type { Io } from "../io.ts";
import {
  passphraseFileOption,
  registerProvenanceCommands,
  SIGN_FLAGS,
} from "./plugin-provenance.ts";
import { registerPushCommand } from "./plugin-push.ts";

/** Reads a boolean flag that may be given as `--flag`, `--flag=false` or `--no-flag`. */
function boolOption(value: unknown, fallback: boolean): boolean {
  if (value === undefined || value === null) return fallback;
  const last = Array.isArray(value) ? value[value.length - 1] : value;
  if (typeof last === "boolean") return last;
  const text = String(last).toLowerCase();
  if (["1", "t", "true"].includes(text)) return true;
  if (["0", "f", "false"].includes(text)) return false;
  return fallback;
}

const line = (io: Io) => (text: string) => io.stdout(`${text}\n`);

function registerInstall(cli: CAC, io: Io): void {
  cli
    .command("install <path|url>", "install a Helm plugin")
    .alias("add")
    .option(
      "--version <version>",
      "specify a version constraint. If this is not specified, the latest version is installed",
    )
    .option("--verify [bool]", "verify the plugin signature before installing (default true)")
    .option("--keyring <file>", "location of public keys used for verification")
    .option("--ca-file <file>", "verify certificates of HTTPS-enabled servers using this CA bundle")
    .option("--cert-file <file>", "identify registry client using this SSL certificate file")
    .option("--key-file <file>", "identify registry client using this SSL key file")
    .option("--insecure-skip-tls-verify", "skip tls certificate checks for the plugin download")
    .option("--plain-http", "use insecure HTTP connections for the plugin download")
    .option("--username <name>", "registry username")
    .option("--password <password>", "registry password")
    .action(async (source: string, options: CliOptions) => {
      const { settings, log } = createContext(io, options);
      const { installPlugin } = await import("../../action/plugin-install.ts");
      const opt = (key: string) => stringOption(options[key]);
      const given = <T>(key: string, value: T | undefined) =>
        value === undefined ? {} : { [key]: value };
      await installPlugin({
        source,
        verify: boolOption(options.verify, true),
        settings,
        cwd: io.cwd,
        log,
        report: line(io),
        hookStdout: (chunk) => io.stdout(chunk),
        ...given("keyring", opt("keyring")),
        ...given("version", opt("version")),
        ...given("caFile", opt("caFile")),
        ...given("certFile", opt("certFile")),
        ...given("keyFile", opt("keyFile")),
        ...given("username", opt("username")),
        ...given("password", opt("password")),
        ...(options.insecureSkipTlsVerify ? { insecureSkipTlsVerify: true } : {}),
        ...(options.plainHttp ? { plainHttp: true } : {}),
      });
      return 0;
    });
}

function registerList(cli: CAC, io: Io): void {
  cli
    .command("list", "list installed Helm plugins")
    .alias("ls")
    .option(
      "--type <type>",
      "filter by plugin type (cli/v1, getter/v1, postrenderer/v1, render/v1)",
    )
    .option(
      "-o, --output <format>",
      'output format: "table" (Helm\'s columns) or "wide" (adds RUNTIME)',
    )
    .action(async (options: CliOptions) => {
      const { settings, log } = createContext(io, options);
      const { formatPluginTable, listPlugins } = await import("../../action/plugin-list.ts");
      const type = stringOption(options.type) as PluginType | undefined;
      const rows = await listPlugins({ settings, log, ...(type ? { type } : {}) });
      const wide = stringOption(options.output) === "wide";
      const header = ["NAME", "VERSION", "TYPE", "APIVERSION", "PROVENANCE", "SOURCE"];
      if (wide) header.push("RUNTIME");
      const cells = rows.map((r) => {
        const row = [r.name, r.version, r.type, r.apiVersion, r.provenance, r.source];
        if (wide) row.push(r.runtime);
        return row;
      });
      io.stdout(formatPluginTable(header, cells));
      return 0;
    });
}

function registerUninstall(cli: CAC, io: Io): void {
  cli
    .command("uninstall [...name]", "uninstall one or more Helm plugins")
    .alias("rm")
    .alias("remove")
    .action(async (names: string[], options: CliOptions) => {
      const { settings, log } = createContext(io, options);
      const { uninstallPlugins } = await import("../../action/plugin-uninstall.ts");
      await uninstallPlugins({
        names,
        settings,
        log,
        report: line(io),
        hookStdout: (chunk) => io.stdout(chunk),
      });
      return 0;
    });
}

function registerUpdate(cli: CAC, io: Io): void {
  cli
    .command("update [...name]", "update one or more Helm plugins")
    .alias("up")
    .action(async (names: string[], options: CliOptions) => {
      const { settings, log } = createContext(io, options);
      const { updatePlugins } = await import("../../action/plugin-update.ts");
      await updatePlugins({
        names,
        settings,
        cwd: io.cwd,
        log,
        report: line(io),
        hookStdout: (chunk) => io.stdout(chunk),
      });
      return 0;
    });
}

function registerPackage(cli: CAC, io: Io): void {
  const command = cli
    .command("package <path>", "package a plugin directory into a plugin archive")
    .option("--sign [bool]", "use a PGP private key to sign this plugin (default true)")
    .option("-d, --destination <dir>", "location to write the plugin tarball.", { default: "." });
  for (const [flag, help] of SIGN_FLAGS) command.option(flag, help);
  command.action(async (path: string, options: CliOptions) => {
    const { settings } = createContext(io, options);
    const { packagePlugin, signWith } = await import("../../action/plugin-package.ts");
    const sign = boolOption(options.sign, true);
    const prepareSigner = async (): Promise<PackageSigner | undefined> => {
      if (!sign) return undefined;
      // Load and unlock the key before writing anything (as Helm).
      const { loadPluginSigner } = await import("../../action/plugin-sign.ts");
      const passphraseFile = passphraseFileOption(options);
      const loaded = await loadPluginSigner({
        key: stringOption(options.key) ?? "",
        keyring: stringOption(options.keyring) ?? settings.defaultKeyring,
        readStdin: io.readStdin,
        cwd: io.cwd,
        ...(passphraseFile ? { passphraseFile } : {}),
      });
      return signWith(loaded);
    };
    const result = await packagePlugin({
      path,
      destination: stringOption(options.destination) ?? ".",
      cwd: io.cwd,
      prepareSigner,
    });
    if (!sign) {
      io.stdout(
        "WARNING: Skipping plugin signing. This is not recommended for plugins intended for distribution.\n",
      );
    }
    if (result.provPath)
      io.stdout(`Successfully signed. Signature written to: ${result.provPath}\n`);
    io.stdout(`Successfully packaged plugin and saved it to: ${result.tarballPath}\n`);
    return 0;
  });
}

/** Registers the `hcp plugin` commands. */
export function register(cli: CAC, io: Io): void {
  registerInstall(cli, io);
  registerList(cli, io);
  registerUninstall(cli, io);
  registerUpdate(cli, io);
  registerPackage(cli, io);
  registerProvenanceCommands(cli, io);
  registerPushCommand(cli, io);
}
