/**
 * getter/v1 plugins as URL scheme handlers (Helm 4 §4.5, §6.2): find the plugin serving a
 * scheme and download through it. The plugin gets the Helm settings plus HELM_PLUGIN_* and
 * the credentials; its stdout is the downloaded content.
 */
import { HcpError } from "../errors.ts";
import type { Logger } from "../log.ts";
import {
  findPlugins,
  type GetterOptions,
  type PluginRecord,
  type TrustGate,
} from "../plugin/index.ts";
import type { Settings } from "../settings/index.ts";
import { bindPlugin, pluginEnv } from "./plugin-runtimes.ts";

/** Finds the first getter/v1 plugin whose config lists `scheme` (without `://`). */
export async function findGetterPlugin(
  scheme: string,
  settings: Settings,
  log?: Logger,
): Promise<PluginRecord | undefined> {
  if (settings.noPlugins) return undefined;
  const getters = await findPlugins(settings.pluginsDirectories, {
    type: "getter/v1",
    ...(log ? { log } : {}),
  });
  return getters.find(
    (g) => g.metadata.config.type === "getter/v1" && g.metadata.config.protocols.includes(scheme),
  );
}

/** The options Helm sends a getter plugin, with its defaults. */
export function getterOptions(url: string, given: Partial<GetterOptions> = {}): GetterOptions {
  return {
    URL: url,
    CertFile: "",
    KeyFile: "",
    CAFile: "",
    UNTar: false,
    InsecureSkipVerifyTLS: false,
    PlainHTTP: false,
    AcceptHeader: "",
    Username: "",
    Password: "",
    PassCredentialsAll: false,
    UserAgent: "",
    Version: "",
    Timeout: 0,
    ...given,
  };
}

/** Options of getWithPlugin. */
export interface GetWithPluginOptions {
  readonly url: string;
  readonly record: PluginRecord;
  readonly settings: Settings;
  readonly log: Logger;
  readonly options?: Partial<GetterOptions>;
  readonly execPath?: string;
  readonly trustGate?: TrustGate;
}

/**
 * Downloads `url` through a getter plugin.
 * @throws HcpError PLUGIN_GETTER_FAILED (wrapping the plugin's error)
 */
export async function getWithPlugin(options: GetWithPluginOptions): Promise<Uint8Array> {
  const { record, settings, log, url } = options;
  const protocol = new URL(url).protocol.replace(/:$/, "");
  const bound = await bindPlugin(record, {
    settings,
    log,
    ...(options.execPath ? { execPath: options.execPath } : {}),
    ...(options.trustGate ? { trustGate: options.trustGate } : {}),
  });
  try {
    const result = await bound.plugin.invoke({
      message: {
        type: "getter/v1",
        href: url,
        protocol,
        options: getterOptions(url, options.options),
      },
      env: pluginEnv(settings, record),
      stderr: "inherit",
    });
    return result.message.type === "getter/v1" ? result.message.data : new Uint8Array();
  } catch (err) {
    throw new HcpError(
      "PLUGIN_GETTER_FAILED",
      `plugin ${JSON.stringify(record.metadata.name)} failed to download ${url}`,
      { cause: err },
    );
  } finally {
    await bound.close();
  }
}
