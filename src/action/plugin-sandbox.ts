/**
 * The first step of `hcp <command>` when the command is likely a Wasm plugin: start the
 * sandbox child before discovery and the rest of the plugin code load, so the child's own
 * startup overlaps the parent's. Only a process starts here; no Wasm reaches it before the
 * trust gate has passed the exact bytes (runCliPlugin), and it is stopped when the guess is
 * wrong. Kept light on imports on purpose (no plugin metadata, no YAML).
 */
import { statSync } from "node:fs";
import { join } from "node:path";
import type { Logger } from "../log.ts";
import type { SandboxClient } from "../runtimes/sandbox/client.ts";
import { startSandbox } from "../runtimes/sandbox/start.ts";
import type { Settings } from "../settings/index.ts";

/** A sandbox child started for the plugin directory the command most likely names. */
export interface EarlySandbox {
  /** `<plugins dir>/<command>`, which holds a plugin.wasm. */
  readonly dir: string;
  readonly sandbox: SandboxClient;
}

/** The first plugin directory named like the command that holds a plugin.wasm (one stat each). */
export function likelyWasmDir(dirs: readonly string[], command: string): string | undefined {
  if (command === "" || command.includes("/") || command.startsWith(".")) return undefined;
  return dirs
    .map((dir) => join(dir, command))
    .find((dir) => statSync(join(dir, "plugin.wasm"), { throwIfNoEntry: false })?.isFile());
}

/**
 * Starts the sandbox child when `<plugins dir>/<command>/plugin.wasm` exists; undefined
 * otherwise (or without `execPath`, which the child is re-executed from).
 */
export function startLikelySandbox(
  settings: Settings,
  command: string,
  options: { readonly log: Logger; readonly execPath?: string },
): EarlySandbox | undefined {
  if (settings.noPlugins || options.execPath === undefined) return undefined;
  const dir = likelyWasmDir(settings.pluginsDirectories, command);
  if (dir === undefined) return undefined;
  return { dir, sandbox: startSandbox({ log: options.log, execPath: options.execPath }) };
}
