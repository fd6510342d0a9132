/**
 * `hcp <plugin> [args]`: runs an installed cli/v1 plugin like `helm <plugin>`. Global flags
 * Helm knows are taken out of the plugin's arguments and applied to the settings (Helm's
 * manuallyProcessArgs); everything else reaches the plugin in order. Returns undefined when
 * no plugin of that name exists, so run.ts reports an unknown command.
 */

import { createLogger } from "../../log.ts";
import { type GlobalFlags, loadSettings } from "../../settings/index.ts";
import type { Io } from "../io.ts";
import { GROUPS } from "../run.ts";

/** Global flags that take a value (as `--flag value` or `--flag=value`). */
const VALUE_FLAGS = [
  "--kube-context",
  "--namespace",
  "-n",
  "--kubeconfig",
  "--kube-apiserver",
  "--kube-token",
  "--kube-as-user",
  "--kube-as-group",
  "--kube-ca-file",
  "--registry-config",
  "--repository-cache",
  "--repository-config",
  "--kube-tls-server-name",
] as const;

/** Global flags Helm applies and still passes to the plugin. */
const PASSED_VALUE_FLAGS = ["--burst-limit", "--qps"] as const;

/** Boolean global flags (bare, or `--flag=value`). */
const BOOL_FLAGS = ["--debug", "--kube-insecure-skip-tls-verify"] as const;

/** The plugin's own arguments and the global flags found among them. */
export interface SplitArgs {
  readonly pluginArgs: string[];
  readonly flags: GlobalFlags;
}

function parseBool(value: string): boolean {
  return ["1", "t", "T", "true", "TRUE", "True"].includes(value);
}

function applyFlag(flags: GlobalFlags, name: string, value: string): void {
  switch (name) {
    case "--kube-context":
      flags.kubeContext = value;
      break;
    case "--namespace":
    case "-n":
      flags.namespace = value;
      break;
    case "--kubeconfig":
      flags.kubeconfig = value;
      break;
    case "--kube-apiserver":
      flags.kubeApiServer = value;
      break;
    case "--kube-token":
      flags.kubeToken = value;
      break;
    case "--kube-as-user":
      flags.kubeAsUser = value;
      break;
    case "--kube-as-group":
      flags.kubeAsGroup = [...(flags.kubeAsGroup ?? []), value];
      break;
    case "--kube-ca-file":
      flags.kubeCaFile = value;
      break;
    case "--registry-config":
      flags.registryConfig = value;
      break;
    case "--repository-cache":
      flags.repositoryCache = value;
      break;
    case "--repository-config":
      flags.repositoryConfig = value;
      break;
    case "--kube-tls-server-name":
      flags.kubeTlsServerName = value;
      break;
    case "--debug":
      flags.debug = parseBool(value);
      break;
    case "--kube-insecure-skip-tls-verify":
      flags.kubeInsecureSkipTlsVerify = parseBool(value);
      break;
  }
}

/**
 * Removes Helm's global flags from a plugin's arguments at any position (also after `--`,
 * as Helm), and collects their values. hcp fix (spec §12 #13): the boolean
 * `--kube-insecure-skip-tls-verify` never swallows the next argument.
 */
export function splitPluginArgs(args: readonly string[]): SplitArgs {
  const pluginArgs: string[] = [];
  const flags: GlobalFlags = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const eq = arg.indexOf("=");
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if ((BOOL_FLAGS as readonly string[]).includes(name)) {
      applyFlag(flags, name, eq > 0 ? arg.slice(eq + 1) : "true");
      continue;
    }
    if ((VALUE_FLAGS as readonly string[]).includes(name)) {
      if (eq > 0) applyFlag(flags, name, arg.slice(eq + 1));
      else {
        i++;
        if (i < args.length) applyFlag(flags, name, args[i] as string);
      }
      continue;
    }
    if ((PASSED_VALUE_FLAGS as readonly string[]).includes(name)) {
      // Helm applies these and also passes them on to the plugin.
      const value = eq > 0 ? arg.slice(eq + 1) : args[i + 1];
      const number = value === undefined ? Number.NaN : Number(value);
      if (!Number.isNaN(number)) {
        if (name === "--burst-limit") flags.burstLimit = Math.trunc(number);
        else flags.qps = number;
      }
    }
    pluginArgs.push(arg);
  }
  return { pluginArgs, flags };
}

/** How the plugin's stdio is wired: hcp's own streams, or the Io callbacks (tests). */
export type DispatchStreams = "inherit" | "io";

/** Dispatches to the cli/v1 plugin `name`; undefined when there is none. */
export async function dispatchPlugin(
  name: string,
  argv: readonly string[],
  io: Io,
  streams: DispatchStreams = "inherit",
): Promise<number | undefined> {
  const { pluginArgs, flags } = splitPluginArgs(argv);
  const settings = loadSettings(io.env, flags, io.argv0);
  const log = createLogger((line) => io.stderr(line), settings.debug);
  // A Wasm plugin's sandbox child starts before the plugin code loads (a light module), so
  // its startup overlaps everything below.
  const { startLikelySandbox } = await import("../../action/plugin-sandbox.ts");
  const early = startLikelySandbox(settings, name, { log, execPath: io.execPath });
  const { runCliPlugin } = await import("../../action/plugin-run.ts");
  const viaIo = streams === "io";
  return runCliPlugin({
    command: name,
    args: pluginArgs,
    settings,
    log,
    builtins: Object.keys(GROUPS),
    ...(early ? { early } : {}),
    execPath: io.execPath,
    cwd: io.cwd,
    ...(viaIo
      ? {
          stdout: (chunk: Uint8Array) => io.stdout(chunk),
          stderr: (chunk: Uint8Array) => io.stderr(chunk),
          stdin: await io.readStdin(),
        }
      : {}),
  });
}
