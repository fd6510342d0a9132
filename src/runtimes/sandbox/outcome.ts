/**
 * How an extism/v1 call ends, in Helm 4.1.4's words: the refusals Helm makes before compiling
 * (memory.maxPages below the kernel's 16 pages, any hostFunctions), and the mapping of a
 * sandbox outcome to the error hcp reports (the stderr lines match Helm's; see
 * test/e2e/extism-helm-interop.test.ts).
 */
import { HcpError } from "../../errors.ts";
import { type ExtismRuntimeConfig, InvokeExecError } from "../../plugin/index.ts";
import type { SandboxOutcome } from "./client.ts";
import { escapeControl } from "./stdio.ts";

/** Pages the Extism kernel needs; Helm refuses a smaller memory.maxPages. */
export const EXTISM_KERNEL_PAGES = 16;

function kib(pages: number): string {
  const k = pages * 64;
  return k >= 1024 && k % 1024 === 0 ? `${k / 1024} Mi` : `${k} Ki`;
}

/**
 * Helm's refusals that happen before any Wasm is compiled.
 * @throws HcpError PLUGIN_WASM_LOAD
 */
export function checkConfig(name: string, config: ExtismRuntimeConfig): void {
  const pages = config.memory.maxPages;
  if (pages > 0 && pages < EXTISM_KERNEL_PAGES) {
    throw new HcpError(
      "PLUGIN_WASM_LOAD",
      `failed to create existing plugin: instantiating extism module: section memory: min ${EXTISM_KERNEL_PAGES} pages (${kib(EXTISM_KERNEL_PAGES)}) over limit of ${pages} pages (${kib(pages)})`,
      { hint: `raise runtimeConfig.memory.maxPages of plugin "${name}" to at least 16` },
    );
  }
  const [host] = config.hostFunctions;
  if (host !== undefined) {
    throw new HcpError("PLUGIN_WASM_LOAD", `plugin requested host function "${host}" not found`);
  }
}

/**
 * The `errors` a plugin put in its output before returning non-zero (render/v1 plugins do),
 * so the user sees why; undefined when the output has none.
 */
function reportedErrors(output: Uint8Array): string | undefined {
  if (output.length === 0 || output.length > 1024 * 1024) return undefined;
  try {
    const value: unknown = JSON.parse(new TextDecoder().decode(output));
    const errors = (value as { errors?: unknown } | null)?.errors;
    if (!Array.isArray(errors) || errors.length === 0) return undefined;
    return escapeControl(errors.map(String).join("; "));
  } catch {
    return undefined;
  }
}

/**
 * Maps a finished call to Helm's errors (stderr lines match Helm 4.1.4's): an Extism error, a
 * trap or proc_exit(n≠0) → `plugin error: …` (exit 1); a non-zero return without an error →
 * InvokeExecError carrying that code (Helm panics there; hcp stance #9).
 */
export function errorFor(name: string, outcome: SandboxOutcome): Error | undefined {
  const { result } = outcome;
  const message = result.message ?? "";
  switch (result.status) {
    case "ok": {
      if (result.rc === 0) return undefined;
      const detail = reportedErrors(outcome.output);
      return new InvokeExecError(name, result.rc, detail === undefined ? {} : { detail });
    }
    case "plugin-error":
      return new HcpError("PLUGIN_WASM_ERROR", `plugin error: ${message}`);
    case "exit":
      return new HcpError("PLUGIN_WASM_EXIT", `plugin error: ${message}`);
    case "trap":
      return new HcpError("PLUGIN_WASM_TRAP", `plugin error: ${message}`);
    case "load":
      return new HcpError("PLUGIN_WASM_LOAD", `failed to create existing plugin: ${message}`, {
        hint: `the module of plugin "${name}" could not be loaded`,
      });
  }
}
