/**
 * `hcp plugin uninstall NAME...`: removes each plugin's directory (a dev install: the link
 * only), its kept tarball and .prov, then runs its delete hook (after removal, as Helm).
 * Unknown names do not stop the others; their errors are joined at the end.
 */
import { dirname } from "node:path";
import { formatErrorChain, HcpError } from "../errors.ts";
import type { Logger } from "../log.ts";
import type { Settings } from "../settings/index.ts";
import { forEachNamedPlugin } from "./plugin-each.ts";
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
  const problems = await forEachNamedPlugin({ ...options, verb: "uninstall" }, async (record) => {
    await removeInstalled(record, dirname(record.dir));
    try {
      await runHook(record, "delete", options.settings, options.hookStdout);
    } catch (err) {
      return formatErrorChain(err);
    }
    options.report(`Uninstalled plugin: ${record.metadata.name}`);
    return undefined;
  });
  if (problems.length > 0) {
    throw new HcpError("PLUGIN_NOT_FOUND", problems.join("\n"), {
      hint: 'run "hcp plugin list" to see the installed plugins',
    });
  }
}
