/**
 * run(argv, io): the whole CLI as a function from arguments to an exit code. Picks the command
 * group by the first word and imports only that group (so `hcp version` never pays for
 * openpgp, tar or Extism), lets cac parse the rest, and is the one catch-all that turns errors
 * into Helm's `Error: …` line and exit code.
 */
import type { CAC, Command } from "cac";
import { exitCodeOf, findHint, formatErrorChain, HcpError } from "../errors.ts";
import { createCommandCli } from "./context.ts";
import type { Io } from "./io.ts";

/** A command group: registers its commands on a cac instance. */
export interface CommandGroup {
  register(cli: CAC, io: Io): void;
}

interface GroupEntry {
  readonly summary: string;
  readonly load: () => Promise<CommandGroup>;
}

/** Built-in command groups, by first word. Plugins never shadow these (as Helm). */
export const GROUPS: Readonly<Record<string, GroupEntry>> = {
  dependency: {
    summary: "manage a chart's plugins (update, build, list)",
    load: () => import("./commands/dependency.ts"),
  },
  env: { summary: "helm client environment information", load: () => import("./commands/env.ts") },
  plugin: {
    summary: "install, list, or uninstall Helm plugins",
    load: () => import("./commands/plugin.ts"),
  },
  registry: {
    summary: "login to or logout from a registry",
    load: () => import("./commands/registry.ts"),
  },
  template: {
    summary: "locally render templates",
    load: () => import("./commands/template.ts"),
  },
  version: {
    summary: "print the hcp version information",
    load: () => import("./commands/version.ts"),
  },
};

function usage(): string {
  const width = Math.max(...Object.keys(GROUPS).map((k) => k.length)) + 2;
  const lines = Object.entries(GROUPS)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, entry]) => `  ${name.padEnd(width)}${entry.summary}`);
  return [
    "hcp: a Helm-4-compatible tool for charts that bring their own render plugins",
    "",
    "Usage:",
    "  hcp [command]",
    "",
    "Available Commands:",
    ...lines,
    "",
    "Installed cli/v1 plugins run as `hcp <plugin> [args]`.",
    'Use "hcp [command] --help" for more information about a command.',
    "",
  ].join("\n");
}

/** Runs `fn` with console.info (cac's help printer) redirected to io.stdout. */
function withHelpToStdout<T>(io: Io, fn: () => T): T {
  const original = console.info;
  console.info = (...parts: unknown[]) => io.stdout(`${parts.join(" ")}\n`);
  try {
    return fn();
  } finally {
    console.info = original;
  }
}

/** Prints an error like Helm (`Error: a: b: c`) plus our hint line; returns the exit code. */
export function reportError(err: unknown, io: Io, debug: boolean): number {
  io.stderr(`Error: ${formatErrorChain(err)}\n`);
  const hint = findHint(err);
  if (hint) io.stderr(`hint: ${hint}\n`);
  if (debug && err instanceof Error && err.stack) io.stderr(`${err.stack}\n`);
  return exitCodeOf(err);
}

async function runGroup(name: string, entry: GroupEntry, argv: string[], io: Io): Promise<number> {
  const group = await entry.load();
  const cli = createCommandCli(`hcp ${name}`);
  group.register(cli, io);
  // cac prints help itself while parsing when --help is given.
  const parsed = withHelpToStdout(io, () => cli.parse(["hcp", "hcp", ...argv], { run: false }));
  if (parsed.options.help) return 0;
  if (!cli.matchedCommand) {
    const word = parsed.args[0];
    if (word === undefined) {
      withHelpToStdout(io, () => cli.outputHelp());
      return 0;
    }
    throw new HcpError("CLI_UNKNOWN_COMMAND", `unknown command "${word}" for "hcp ${name}"`, {
      hint: `run "hcp ${name} --help" for the list of commands`,
    });
  }
  const result: unknown = await runMatchedCommand(cli, cli.matchedCommand);
  return typeof result === "number" ? result : 0;
}

/**
 * cac's runMatchedCommand with its option-value check done in one pass: cac's own looks through
 * every option for a negation of each option that takes a value (`hcp template` has ~60), about
 * a millisecond of a 10 ms render. Same checks, same order, same errors.
 */
function runMatchedCommand(cli: CAC, command: Command): unknown {
  command.checkUnknownOptions();
  const options = [...cli.globalCommand.options, ...command.options];
  const negated = new Set<string>();
  for (const o of options) if (o.negated) for (const n of o.names) negated.add(n);
  for (const option of options) {
    if (!option.required) continue;
    const value = cli.options[option.name.split(".", 1)[0] as string];
    if (value === true || (value === false && !negated.has(option.name))) {
      throw new HcpError("CLI_USAGE", `option \`${option.rawName}\` value is missing`);
    }
  }
  command.checkRequiredArgs();
  command.checkUnusedArgs();
  const actionArgs: unknown[] = command.args.map((arg, i) =>
    arg.variadic ? cli.args.slice(i) : cli.args[i],
  );
  actionArgs.push(cli.options);
  return command.commandAction?.apply(cli, actionArgs);
}

/** Global flags that take a value as the next argument (Helm's persistent flags). */
const VALUE_FLAGS = new Set([
  "-n",
  "--namespace",
  "--kube-context",
  "--kubeconfig",
  "--kube-token",
  "--kube-as-user",
  "--kube-as-group",
  "--kube-apiserver",
  "--kube-ca-file",
  "--kube-tls-server-name",
  "--registry-config",
  "--repository-config",
  "--repository-cache",
  "--burst-limit",
  "--qps",
]);

/**
 * Finds the command word: the first argument that is neither a flag nor the value of a global
 * flag given before it (`hcp -n ns --debug template …` runs `template`, as cobra does).
 */
export function findCommandIndex(argv: readonly string[]): number {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--") return i + 1 < argv.length ? i + 1 : -1;
    if (!arg.startsWith("-") || arg === "-") return i;
    if (VALUE_FLAGS.has(arg)) i++;
  }
  return -1;
}

/** Runs hcp with `argv` (without the executable) and returns the process exit code. */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  const debug = argv.includes("--debug") || io.env.HELM_DEBUG === "true";
  try {
    const at = findCommandIndex(argv);
    const name = at < 0 ? "" : (argv[at] as string);
    if (name === "" || name === "help") {
      io.stdout(usage());
      return 0;
    }
    // Global flags given before the command word go after it, where cac expects them.
    const rest = [...argv.slice(0, at).filter((a) => a !== "--"), ...argv.slice(at + 1)];
    const entry = Object.hasOwn(GROUPS, name) ? GROUPS[name] : undefined;
    if (entry) return await runGroup(name, entry, rest, io);
    const { dispatchPlugin } = await import("./commands/plugin-dispatch.ts");
    const code = await dispatchPlugin(name, rest, io);
    if (code !== undefined) return code;
    throw new HcpError("CLI_UNKNOWN_COMMAND", `unknown command "${name}" for "hcp"`, {
      hint: 'run "hcp --help" for the list of commands and "hcp plugin list" for plugins',
    });
  } catch (err) {
    return reportError(err, io, debug);
  }
}
