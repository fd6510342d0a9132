/**
 * Running a cli/v1 plugin as `hcp <command> [args]` (Helm's loadCLIPlugins + the plugin's
 * RunE): find the plugin whose command name (first word of config.usage, default its name)
 * matches, bind it to its runtime (Wasm plugins through the trust gate), and invoke it with
 * the environment Helm gives CLI plugins.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Logger } from "../log.ts";
import {
  findPlugins,
  loadPluginDir,
  PLUGIN_YAML,
  type PluginOutputStream,
  type PluginRecord,
  type TrustGate,
} from "../plugin/index.ts";
import type { Settings } from "../settings/index.ts";
import {
  type BoundPlugin,
  bindPlugin,
  pluginEnv,
  type RuntimeHandle,
  startExtismRuntime,
} from "./plugin-runtimes.ts";
import { type EarlySandbox, startLikelySandbox } from "./plugin-sandbox.ts";

/** The command name a cli/v1 plugin registers (first word of usage, else its name). */
export function cliCommandName(record: PluginRecord): string {
  const config = record.metadata.config;
  const usage = config.type === "cli/v1" ? config.usage.trim() : "";
  return usage === "" ? record.metadata.name : (usage.split(/\s+/)[0] ?? record.metadata.name);
}

/** Options of runCliPlugin. */
export interface RunCliPluginOptions {
  readonly command: string;
  /** Arguments after the command, global flags already removed. */
  readonly args: readonly string[];
  readonly settings: Settings;
  readonly log: Logger;
  /** Built-in command names: a plugin may not shadow them (it is skipped with a warning). */
  readonly builtins: readonly string[];
  readonly execPath?: string;
  readonly cwd?: string;
  /** hcp's stdio ("inherit", the default) or callbacks (in-process tests). */
  readonly stdout?: PluginOutputStream;
  readonly stderr?: PluginOutputStream;
  readonly stdin?: "inherit" | Uint8Array;
  /**
   * The sandbox child `hcp <command>` started before loading this module (startLikelySandbox);
   * runCliPlugin takes it over. Without one, runCliPlugin makes the same guess itself.
   */
  readonly early?: EarlySandbox;
}

/**
 * Finds and runs the cli/v1 plugin for `command`. Returns undefined when there is none.
 * @throws InvokeExecError (the plugin's exit code), HcpError PLUGIN_START, PLUGIN_UNTRUSTED
 */
export async function runCliPlugin(options: RunCliPluginOptions): Promise<number | undefined> {
  const { settings, log } = options;
  if (settings.noPlugins) return undefined;
  // A Wasm plugin is likely: start its sandbox child now, so the child's startup overlaps
  // discovery, and have the guessed plugin trust-checked and its module compiled (never
  // instantiated) while discovery runs. No Wasm reaches the child before the gate has passed
  // the exact bytes; the child is stopped if the guess was wrong.
  const started =
    options.early ??
    startLikelySandbox(settings, options.command, {
      log,
      ...(options.execPath === undefined ? {} : { execPath: options.execPath }),
    });
  const guess = started?.dir;
  const early = started
    ? await startExtismRuntime({
        log,
        ...(options.execPath === undefined ? {} : { execPath: options.execPath }),
        sandbox: started.sandbox,
      })
    : undefined;
  let found: PluginRecord | undefined;
  let bound: BoundPlugin;
  try {
    let gate = early ? await createGate(settings, log) : undefined;
    if (early && gate && guess !== undefined) await warmGuess(early, guess, gate, options);
    found = await findCliPlugin(options, settings, log);
    if (!found) return undefined;
    const isWasm = found.metadata.runtime === "extism/v1";
    if (isWasm) gate ??= await createGate(settings, log);
    const trustGate = isWasm ? gate : undefined;
    bound = await bindPlugin(found, {
      settings,
      log,
      ...(options.execPath ? { execPath: options.execPath } : {}),
      ...(trustGate ? { trustGate } : {}),
      ...(isWasm && early ? { runtime: early } : {}),
    });
  } catch (err) {
    await early?.close();
    throw err;
  } finally {
    if (found?.metadata.runtime !== "extism/v1") await early?.close();
  }
  log.debug("executing plugin command", { pluginName: found.metadata.name });
  try {
    await bound.plugin.invoke({
      message: { type: "cli/v1", extraArgs: options.args },
      env: pluginEnv(settings, found),
      stdin: options.stdin ?? "inherit",
      stdout: options.stdout ?? "inherit",
      stderr: options.stderr ?? "inherit",
      ...(options.cwd ? { cwd: options.cwd } : {}),
    });
  } finally {
    await bound.close();
  }
  return 0;
}

/** Warms the guessed plugin when it is a cli/v1 Wasm plugin answering to the command. */
async function warmGuess(
  early: RuntimeHandle,
  dir: string,
  trustGate: TrustGate,
  options: RunCliPluginOptions,
): Promise<void> {
  const text = readTextOrUndefined(join(dir, PLUGIN_YAML));
  if (text === undefined) return;
  const record = await loadPluginDir(dir, { text }).catch(() => undefined);
  if (record?.metadata.runtime !== "extism/v1") return;
  if (record.metadata.type !== "cli/v1" || cliCommandName(record) !== options.command) return;
  await early.warm?.(record, {
    trustGate,
    log: options.log,
    ...(options.execPath === undefined ? {} : { execPath: options.execPath }),
  });
}

function readTextOrUndefined(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

/** Discovery + Helm's command-name rules; undefined when no cli/v1 plugin has the command. */
async function findCliPlugin(
  options: RunCliPluginOptions,
  settings: Settings,
  log: Logger,
): Promise<PluginRecord | undefined> {
  let records: PluginRecord[];
  try {
    records = await findPlugins(settings.pluginsDirectories, { type: "cli/v1", log });
  } catch (err) {
    // Matches Helm: a broken plugin set (duplicate names) disables every plugin command.
    log.warn("failed to load plugins", { error: err instanceof Error ? err.message : String(err) });
    return undefined;
  }
  for (const record of records) {
    const name = cliCommandName(record);
    if (options.builtins.includes(name)) {
      // hcp fix (Helm stops loading every later plugin here): skip only this one.
      log.warn("plugin name conflicts with a built-in command (ignoring)", {
        name,
        plugin: record.dir,
      });
      continue;
    }
    if (name === options.command) return record;
  }
  return undefined;
}

async function createGate(settings: Settings, log: Logger): Promise<TrustGate> {
  const { createTrustGate } = await import("../plugin/trust.ts");
  return createTrustGate({
    keyring: settings.defaultKeyring,
    allowUnsigned: settings.allowUnsigned,
    cacheHome: settings.cacheHome,
    log,
  });
}
