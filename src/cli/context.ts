/**
 * Command context: the global flags every command accepts (Helm's persistent flags that apply
 * client-side), and the Settings/Logger built from them. Each command group builds its own cac
 * instance with `createCommandCli`, so only the group that runs is ever imported.
 */
import { type CAC, cac } from "cac";
import { createLogger, type Logger } from "../log.ts";
import { type GlobalFlags, loadSettings, type Settings } from "../settings/index.ts";
import type { Io } from "./io.ts";

/** What a command's action receives besides its own arguments. */
export interface CommandContext {
  readonly io: Io;
  readonly settings: Settings;
  readonly log: Logger;
}

/** Options as cac hands them over (camelCased keys). */
export type CliOptions = Record<string, unknown>;

/** Adds Helm's client-side global flags to a cac instance. */
export function addGlobalFlags(cli: CAC): CAC {
  return cli
    .option("--debug", "enable verbose output")
    .option("-n, --namespace <string>", "namespace scope for this request")
    .option("--kube-context <string>", "name of the kubeconfig context to use")
    .option("--kubeconfig <string>", "path to the kubeconfig file")
    .option("--kube-token <string>", "bearer token used for authentication")
    .option("--kube-as-user <string>", "username to impersonate for the operation")
    .option("--kube-as-group <string>", "group to impersonate for the operation (repeatable)")
    .option("--kube-apiserver <string>", "the address and the port for the Kubernetes API server")
    .option("--kube-ca-file <string>", "the certificate authority file for the API server")
    .option("--kube-tls-server-name <string>", "server name to validate the API server certificate")
    .option("--kube-insecure-skip-tls-verify", "skip the API server's certificate validation")
    .option("--registry-config <string>", "path to the registry config file")
    .option("--repository-config <string>", "path to the file containing repository names and URLs")
    .option(
      "--repository-cache <string>",
      "path to the directory containing cached repository indexes",
    )
    .option("--burst-limit <int>", "client-side default throttling limit")
    .option("--qps <float>", "queries per second used when communicating with the Kubernetes API");
}

function str(value: unknown): string | undefined {
  if (value === undefined || value === null || value === true || value === false) return undefined;
  return String(Array.isArray(value) ? value[value.length - 1] : value);
}

/** Maps cac's parsed options to GlobalFlags (only the flags actually given). */
export function globalFlagsFrom(options: CliOptions): GlobalFlags {
  const flags: GlobalFlags = {};
  if (options.debug !== undefined) flags.debug = Boolean(options.debug);
  const set = <K extends keyof GlobalFlags>(key: K, value: GlobalFlags[K] | undefined) => {
    if (value !== undefined) flags[key] = value;
  };
  set("namespace", str(options.namespace));
  set("kubeContext", str(options.kubeContext));
  set("kubeconfig", str(options.kubeconfig));
  set("kubeToken", str(options.kubeToken));
  set("kubeAsUser", str(options.kubeAsUser));
  if (options.kubeAsGroup !== undefined) {
    flags.kubeAsGroup = ([] as unknown[]).concat(options.kubeAsGroup).map(String);
  }
  set("kubeApiServer", str(options.kubeApiserver));
  set("kubeCaFile", str(options.kubeCaFile));
  set("kubeTlsServerName", str(options.kubeTlsServerName));
  if (options.kubeInsecureSkipTlsVerify !== undefined) {
    flags.kubeInsecureSkipTlsVerify = Boolean(options.kubeInsecureSkipTlsVerify);
  }
  set("registryConfig", str(options.registryConfig));
  set("repositoryConfig", str(options.repositoryConfig));
  set("repositoryCache", str(options.repositoryCache));
  const burst = str(options.burstLimit);
  if (burst !== undefined) flags.burstLimit = Number.parseInt(burst, 10);
  const qps = str(options.qps);
  if (qps !== undefined) flags.qps = Number.parseFloat(qps);
  return flags;
}

/** Builds the context for one command from the IO and the parsed options. */
export function createContext(io: Io, options: CliOptions): CommandContext {
  const settings = loadSettings(io.env, globalFlagsFrom(options), io.argv0);
  return { io, settings, log: createLogger((line) => io.stderr(line), settings.debug) };
}

/** Creates a cac instance for `hcp <group>` with the global flags and help enabled. */
export function createCommandCli(name: string): CAC {
  const cli = cac(name);
  addGlobalFlags(cli);
  cli.help();
  return cli;
}

/** Reads a repeatable string option as a list (cac gives a string for one, an array for more). */
export function listOption(value: unknown): string[] {
  if (value === undefined || value === null || value === false) return [];
  return ([] as unknown[]).concat(value).map(String);
}

/** Reads a string option that may have been given more than once (last one wins, as pflag). */
export function stringOption(value: unknown): string | undefined {
  return str(value);
}
