/**
 * The loop `hcp plugin uninstall|update NAME...` share (as Helm's): every name is looked up
 * among the installed plugins and handled in turn; an unknown name or a failed plugin does
 * not stop the others, their problems are collected and reported together at the end.
 */
import { HcpError } from "../errors.ts";
import type { Logger } from "../log.ts";
import { findPlugins, type PluginRecord } from "../plugin/index.ts";
import type { Settings } from "../settings/index.ts";

/** Options of forEachNamedPlugin. */
export interface NamedPluginsOptions {
  readonly names: readonly string[];
  readonly settings: Settings;
  readonly log?: Logger;
  /** The command's verb, for Helm's "please provide plugin name to <verb>". */
  readonly verb: string;
}

/**
 * Runs `each` on the installed plugin of every name, in order. `each` returns a problem line
 * (or nothing); unknown names add Helm's `plugin: NAME not found`. Returns all problem lines.
 * An error thrown by `each` is not caught.
 * @throws HcpError CLI_ARGS when no name is given
 */
export async function forEachNamedPlugin(
  options: NamedPluginsOptions,
  each: (record: PluginRecord) => Promise<string | undefined>,
): Promise<string[]> {
  if (options.names.length === 0) {
    throw new HcpError("CLI_ARGS", `please provide plugin name to ${options.verb}`);
  }
  const installed = await findPlugins(options.settings.pluginsDirectories, {
    ...(options.log ? { log: options.log } : {}),
  });
  const problems: string[] = [];
  for (const name of options.names) {
    const record = installed.find((p) => p.metadata.name === name);
    const problem = record ? await each(record) : `plugin: ${name} not found`;
    if (problem !== undefined) problems.push(problem);
  }
  return problems;
}
