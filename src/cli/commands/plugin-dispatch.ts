/**
 * `hcp <plugin> [args]`: runs an installed cli/v1 plugin like `helm <plugin>`. Returns
 * undefined when no plugin of that name exists, so run.ts reports an unknown command.
 */
import type { Io } from "../io.ts";

/** Dispatches to the cli/v1 plugin `name`; undefined when there is none. */
export async function dispatchPlugin(
  _name: string,
  _argv: readonly string[],
  _io: Io,
): Promise<number | undefined> {
  // TODO(#2): discovery and invocation land with the plugin system.
  return undefined;
}
