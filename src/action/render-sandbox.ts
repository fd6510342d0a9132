/**
 * The first step of `hcp template` on a chart directory whose Chart.yaml declares render/v1
 * plugins: start the sandbox child before the CLI and the renderer load, so the child's own
 * startup overlaps the parent's. Only a process starts here; the Wasm runtime adopts it
 * (getExtismRuntime), and no Wasm reaches it before the trust gate has passed the exact bytes.
 * Kept light on imports on purpose: every `hcp template` loads this file, and the sandbox
 * client only when the check matches.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Whether one of `args` names a chart directory whose Chart.yaml mentions render/v1 plugins:
 * a text check (a top-level `plugins:` key and the type's name), no YAML parse. A wrong guess
 * costs only an idle child that exits with hcp.
 */
export function hasRenderPluginChartArg(args: readonly string[]): boolean {
  return args.some((arg) => {
    if (arg.startsWith("-")) return false;
    let text: string;
    try {
      text = readFileSync(join(arg, "Chart.yaml"), "utf8");
    } catch {
      return false;
    }
    return /^plugins:/m.test(text) && text.includes("render/v1");
  });
}

/** Starts the process-wide sandbox child when hasRenderPluginChartArg; returns whether it did. */
export async function startRenderSandboxEarly(
  args: readonly string[],
  execPath: string,
): Promise<boolean> {
  if (!hasRenderPluginChartArg(args)) return false;
  const { startEarlySandbox } = await import("../runtimes/sandbox/start.ts");
  startEarlySandbox(execPath);
  return true;
}
