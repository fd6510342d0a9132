/**
 * Composition root for plugins: binds a found plugin to its runtime and builds the
 * environments Helm gives plugins (full settings for CLI plugins and getters; only
 * HELM_PLUGIN_NAME/DIR on top of the process env for hooks and post-renderers).
 */
import type { Logger } from "../log.ts";
import type { Plugin, PluginRecord, Runtime, RuntimeOptions, TrustGate } from "../plugin/index.ts";
import type { SandboxClient } from "../runtimes/sandbox/client.ts";
import { createSubprocessRuntime } from "../runtimes/subprocess.ts";
import { type Env, envVars, type Settings } from "../settings/index.ts";

/** What binding a plugin to a runtime needs. */
export interface BindPluginOptions {
  readonly settings: Settings;
  readonly log?: Logger;
  /** Absolute path of the running hcp (the Wasm sandbox re-executes it). */
  readonly execPath?: string;
  /** Trust check for Wasm plugins; required before any extism/v1 plugin runs. */
  readonly trustGate?: TrustGate;
  /**
   * An already started runtime for the plugin's runtime name (runCliPlugin starts the Wasm
   * sandbox before discovery); bindPlugin then owns it and close() releases it.
   */
  readonly runtime?: RuntimeHandle;
}

/** A runtime and how to release it (the Wasm runtime owns a sandbox child process). */
export interface RuntimeHandle {
  readonly runtime: Runtime;
  /** Trust-checks and precompiles a plugin likely to run next (Wasm only; never throws). */
  readonly warm?: (record: PluginRecord, options: RuntimeOptions) => Promise<void>;
  close(): Promise<void>;
}

/**
 * Returns the Runtime for a plugin's runtime name. extism/v1 is loaded lazily so subprocess
 * plugins never pay for Extism.
 */
export async function runtimeFor(
  record: PluginRecord,
  options: { readonly log?: Logger } = {},
): Promise<RuntimeHandle> {
  switch (record.metadata.runtime) {
    case "subprocess":
      return { runtime: createSubprocessRuntime(), close: async () => {} };
    case "extism/v1":
      return startExtismRuntime(options);
  }
}

/**
 * Creates the extism/v1 runtime; with `execPath` its sandbox child starts at once, so its
 * startup overlaps discovery and the trust check. No Wasm reaches the child before a call has
 * passed the trust gate.
 */
export async function startExtismRuntime(
  options: {
    readonly log?: Logger;
    readonly execPath?: string;
    /** A sandbox already started (startLikelySandbox); the runtime takes it over. */
    readonly sandbox?: SandboxClient;
  } = {},
): Promise<RuntimeHandle> {
  const { createExtismRuntime } = await import("../runtimes/extism.ts");
  const runtime = createExtismRuntime({
    ...(options.log ? { log: options.log } : {}),
    ...(options.sandbox ? { sandbox: options.sandbox } : {}),
  });
  if (options.execPath !== undefined) runtime.prestart(options.execPath);
  return {
    runtime,
    warm: (record, runtimeOptions) => runtime.warm(record.dir, record.metadata, runtimeOptions),
    close: () => runtime.close(),
  };
}

/** A plugin bound to its runtime; close() releases the runtime. */
export interface BoundPlugin {
  readonly plugin: Plugin;
  close(): Promise<void>;
}

/** Binds a plugin record to its runtime (call close() when done). */
export async function bindPlugin(
  record: PluginRecord,
  options: BindPluginOptions,
): Promise<BoundPlugin> {
  const handle =
    options.runtime?.runtime.name === record.metadata.runtime
      ? options.runtime
      : await runtimeFor(record, options.log ? { log: options.log } : {});
  const plugin = handle.runtime.create(record.dir, record.metadata, {
    ...(options.log ? { log: options.log } : {}),
    ...(options.trustGate ? { trustGate: options.trustGate } : {}),
    ...(options.execPath ? { execPath: options.execPath } : {}),
    cacheHome: options.settings.cacheHome,
  });
  return { plugin, close: () => handle.close() };
}

function definedOnly(env: Env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined) out[key] = value;
  return out;
}

/** Environment of a CLI plugin or getter: process env + Helm settings + HELM_PLUGIN_*. */
export function pluginEnv(settings: Settings, record: PluginRecord): Record<string, string> {
  return {
    ...definedOnly(settings.env),
    ...envVars(settings),
    HELM_PLUGIN_NAME: record.metadata.name,
    HELM_PLUGIN_DIR: record.dir,
  };
}

/** Environment of hooks and post-renderers: process env + HELM_PLUGIN_NAME/DIR only (Helm). */
export function hookEnv(settings: Settings, record: PluginRecord): Record<string, string> {
  return {
    ...definedOnly(settings.env),
    HELM_PLUGIN_NAME: record.metadata.name,
    HELM_PLUGIN_DIR: record.dir,
  };
}

/** Runs a plugin's hook for `event` (subprocess plugins only; Wasm plugins have none). */
export async function runHook(
  record: PluginRecord,
  event: "install" | "update" | "delete",
  settings: Settings,
  stdout?: (chunk: Uint8Array) => void,
): Promise<void> {
  if (record.metadata.runtime !== "subprocess") return;
  const plugin = createSubprocessRuntime().create(record.dir, record.metadata);
  await plugin.invokeHook(event, {
    env: hookEnv(settings, record),
    ...(stdout ? { stdout } : {}),
  });
}
