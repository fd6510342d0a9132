/**
 * `hcp plugin uninstall NAME...`: removes each plugin's directory (a dev install: the link
 * only), its kept tarball and .prov, then runs its delete hook (after removal, as Helm).
 * Unknown names do not stop the others; their errors are joined at the end.
 */
import { dirname } from "node:path";
import { formatErrorChain, HcpError } from "../errors.ts";
import type { Logger } from "../log.ts";
import { findPlugins } from "../plugin/index.ts";
import type { Settings } from "../settings/index.ts";
import { removeInstalled } from "./plugin-install.ts";
import { runHook } from "./plugin-runtimes.ts";

/** Options of uninstallPlugins. */
export interface PluginUninstallOptions {
  readonly names: readonly string[];
  readonly settings: Settings;
  readonly log?: Logger;
  readonly report: (line: string) => void;
  readonly hookStdout?: (chunk: Uint8Array) => void;
}

/**
 * Uninstalls plugins by name.
 * @throws HcpError PLUGIN_NOT_FOUND (joined, one line per unknown name), PLUGIN_HOOK_FAILED
 */
export async function uninstallPlugins(options: PluginUninstallOptions): Promise<void> {
  if (options.names.length === 0) {
    throw new HcpError("CLI_ARGS", "please provide plugin name to uninstall");
  }
  const installed = await findPlugins(options.settings.pluginsDirectories, {
    ...(options.log ? { log: options.log } : {}),
  });
  const problems: string[] = [];
  for (const name of options.names) {
    const record = installed.find((p) => p.metadata.name === name);
    if (!record) {
      problems.push(`plugin: ${name} not found`);
      continue;
    }
    await removeInstalled(record, dirname(record.dir));
    try {
      await runHook(record, "delete", options.settings, options.hookStdout);
    } catch (err) {
      problems.push(formatErrorChain(err));
      continue;
    }
    options.report(`Uninstalled plugin: ${name}`);
  }
  if (problems.length > 0) {
    throw new HcpError("PLUGIN_NOT_FOUND", problems.join("\n"), {
      hint: 'run "hcp plugin list" to see the installed plugins',
    });
  }
}
