/**
 * Starting the sandbox child without loading the rest of the Wasm runtime: how hcp re-executes
 * itself as `hcp __sandbox`, the child's address-space limit, and startSandbox, which `hcp
 * <plugin>` calls first thing so the child's startup overlaps the parent's own. Nothing here
 * sends Wasm: the runtime does that after the trust gate has passed the bytes.
 */
import { join } from "node:path";
import type { Logger } from "../../log.ts";
import { SandboxClient } from "./client.ts";

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
