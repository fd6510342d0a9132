/**
 * Starting the sandbox child without loading the rest of the Wasm runtime: how hcp re-executes
 * itself as `hcp __sandbox`, the child's address-space limit, and startSandbox, which `hcp
 * <plugin>` calls first thing so the child's startup overlaps the parent's own. Nothing here
 * sends Wasm: the runtime does that after the trust gate has passed the bytes.
 */
import { join } from "node:path";
import type { LogFields, Logger } from "../../log.ts";
import { SandboxClient } from "./client.ts";
import { WARM_UP_FLAG } from "./warm-up.ts";

/** RLIMIT_AS of the sandbox child. */
export const SANDBOX_ADDRESS_SPACE_BYTES = 4 * 1024 * 1024 * 1024;

/** How to re-execute this hcp as the sandbox: the binary itself, or bun + main.ts from source. */
export function defaultSandboxCommand(execPath: string = process.execPath): string[] {
  const compiled = import.meta.dir.startsWith("/$bunfs") || import.meta.dir.includes("~BUN");
  if (compiled) return [execPath, "__sandbox"];
  return [execPath, join(import.meta.dir, "..", "..", "main.ts"), "__sandbox"];
}

/** Options of startSandbox. */
export interface StartSandboxOptions {
  readonly log: Logger;
  /** argv of the child; default: this hcp in `__sandbox` mode. */
  readonly command?: readonly string[];
  readonly execPath?: string;
  /** RLIMIT_AS of the child; 0 = none. */
  readonly addressSpaceBytes?: number;
  readonly fetch?: typeof fetch;
}

/** Creates a sandbox client and starts its child process now. */
export function startSandbox(options: StartSandboxOptions): SandboxClient {
  const client = new SandboxClient({
    command: options.command ?? defaultSandboxCommand(options.execPath),
    addressSpaceBytes: options.addressSpaceBytes ?? SANDBOX_ADDRESS_SPACE_BYTES,
    log: options.log,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  client.prestart();
  return client;
}

/**
 * A Logger for the sandbox started before the CLI has read --debug: it keeps the first messages
 * (a few, bounded) until `adopt` names the real logger, replays them there, then forwards.
 */
class DeferredLogger implements Logger {
  static readonly MAX_KEPT = 64;
  #target: Logger | undefined;
  readonly #kept: Array<
    [level: "debug" | "info" | "warn", message: string, fields: LogFields | undefined]
  > = [];
  get debugEnabled(): boolean {
    return this.#target?.debugEnabled ?? false;
  }
  adopt(target: Logger): void {
    this.#target = target;
    for (const [level, message, fields] of this.#kept.splice(0)) target[level](message, fields);
  }
  #log(level: "debug" | "info" | "warn", message: string, fields?: LogFields): void {
    if (this.#target) this.#target[level](message, fields);
    else if (this.#kept.length < DeferredLogger.MAX_KEPT) this.#kept.push([level, message, fields]);
  }
  debug(message: string, fields?: LogFields): void {
    this.#log("debug", message, fields);
  }
  info(message: string, fields?: LogFields): void {
    this.#log("info", message, fields);
  }
  warn(message: string, fields?: LogFields): void {
    this.#log("warn", message, fields);
  }
}

let early: { client: SandboxClient; log: DeferredLogger } | undefined;

/**
 * Starts the process-wide sandbox child before the CLI and the command's modules load (main.ts,
 * when a command will most likely run Wasm), with the same command and limits as startSandbox.
 * The runtime adopts it (takeEarlySandbox); nothing is sent to it before the trust gate. If
 * nobody adopts it, it exits when hcp does (its stdin closes).
 */
export function startEarlySandbox(execPath: string): void {
  if (early) return;
  const log = new DeferredLogger();
  // The child has time to spare before the first call: it runs hcp's warm-up module then.
  const command = [...defaultSandboxCommand(execPath), WARM_UP_FLAG];
  early = { client: startSandbox({ log, execPath, command }), log };
}

/** The early sandbox, once: its logs go to `log` from now on. */
export function takeEarlySandbox(log: Logger): SandboxClient | undefined {
  const taken = early;
  early = undefined;
  if (!taken) return undefined;
  taken.log.adopt(log);
  return taken.client;
}
