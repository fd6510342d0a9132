/**
 * `--post-renderer <plugin>`: runs a postrenderer/v1 plugin over rendered manifests (Helm 4
 * §4.6). The plugin gets the process env plus HELM_PLUGIN_NAME/DIR (no Helm settings), the
 * manifests on stdin and extra args from `--post-renderer-args`; its stdout replaces the
 * manifests. hcp passes the plugin's stderr through (Helm swallows it).
 */
import { HcpError } from "../errors.ts";
import type { Logger } from "../log.ts";
import { findPlugins, type PluginOutputStream, type TrustGate } from "../plugin/index.ts";
import type { Settings } from "../settings/index.ts";
import { bindPlugin, hookEnv } from "./plugin-runtimes.ts";

/** Options of runPostRenderer. */
export interface PostRenderOptions {
  readonly name: string;
  readonly args: readonly string[];
  readonly manifests: Uint8Array;
  readonly settings: Settings;
  readonly log: Logger;
  readonly execPath?: string;
  /** Required for extism/v1 post-renderers. */
  readonly trustGate?: TrustGate;
  readonly stderr?: PluginOutputStream;
}

/**
 * Runs the named post-renderer and returns its output.
 * @throws HcpError PLUGIN_POSTRENDERER_NOT_FOUND, PLUGIN_POSTRENDERER_FAILED,
 *   PLUGIN_POSTRENDERER_EMPTY
 */
export async function runPostRenderer(options: PostRenderOptions): Promise<Uint8Array> {
  const { name, settings, log } = options;
  const [record] = await findPlugins(settings.pluginsDirectories, {
    name,
    type: "postrenderer/v1",
    log,
  });
  if (!record) {
    throw new HcpError(
      "PLUGIN_POSTRENDERER_NOT_FOUND",
      `invalid argument "${name}" for "--post-renderer" flag: plugin: {Name:${name} Type:postrenderer/v1} not found`,
      { hint: 'run "hcp plugin list --type postrenderer/v1" to see the installed post-renderers' },
    );
  }
  const bound = await bindPlugin(record, {
    settings,
    log,
    ...(options.execPath ? { execPath: options.execPath } : {}),
    ...(options.trustGate ? { trustGate: options.trustGate } : {}),
  });
  let output: Uint8Array;
  try {
    const result = await bound.plugin.invoke({
      message: { type: "postrenderer/v1", manifests: options.manifests, extraArgs: options.args },
      env: hookEnv(settings, record),
      stderr: options.stderr ?? "inherit",
    });
    output =
      result.message.type === "postrenderer/v1" ? result.message.manifests : new Uint8Array();
  } catch (err) {
    throw new HcpError(
      "PLUGIN_POSTRENDERER_FAILED",
      `failed to invoke post-renderer plugin ${JSON.stringify(name)}`,
      { cause: err },
    );
  } finally {
    await bound.close();
  }
  if (new TextDecoder().decode(output).trim() === "") {
    throw new HcpError(
      "PLUGIN_POSTRENDERER_EMPTY",
      `post-renderer ${JSON.stringify(name)} produced empty output`,
    );
  }
  return output;
}
