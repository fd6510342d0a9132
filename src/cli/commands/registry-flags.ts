/** The registry connection flags shared by `dependency update|build` and `plugin push`. */
import type { Command } from "cac";
import type { RegistryFlags } from "../../action/dependency-update.ts";
import { type CliOptions, stringOption } from "../context.ts";

/** Adds --plain-http, --insecure-skip-tls-verify, --ca/cert/key-file, --username/--password. */
export function addRegistryFlags(command: Command): Command {
  return command
    .option("--plain-http", "use insecure HTTP connections for the OCI registry")
    .option("--insecure-skip-tls-verify", "skip tls certificate checks for the OCI registry")
    .option(
      "--ca-file <string>",
      "verify certificates of HTTPS-enabled servers using this CA bundle",
    )
    .option("--cert-file <string>", "identify HTTPS client using this SSL certificate file")
    .option("--key-file <string>", "identify HTTPS client using this SSL key file")
    .option("--username <string>", "registry username")
    .option("--password <string>", "registry password");
}

/** Reads the registry flags from cac's options (only those given). */
export function registryFlagsFrom(options: CliOptions): RegistryFlags {
  const flags: {
    -readonly [K in keyof RegistryFlags]: RegistryFlags[K];
  } = {};
  if (options.plainHttp) flags.plainHttp = true;
  if (options.insecureSkipTlsVerify) flags.insecureSkipTlsVerify = true;
  for (const key of ["caFile", "certFile", "keyFile", "username", "password"] as const) {
    const value = stringOption(options[key]);
    if (value !== undefined) flags[key] = value;
  }
  return flags;
}
