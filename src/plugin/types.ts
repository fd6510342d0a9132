/**
 * The plugin model shared by every plugin-related module: one normalised metadata record for
 * legacy and v1 plugin.yaml files (Helm 4's internal `plugin.Metadata`), the messages each
 * plugin type exchanges, and the Plugin/Runtime interfaces runtimes implement. Types only,
 * plus the one error class for a plugin's non-zero exit.
 */
import { HcpError } from "../errors.ts";
import type { Logger } from "../log.ts";

/** Which plugin.yaml format a plugin was written in. */
export type PluginApiVersion = "legacy" | "v1";

/** Plugin types hcp knows (Helm 4.1.4's set plus render/v1 for chart-defined plugins). */
export type PluginType = "cli/v1" | "getter/v1" | "postrenderer/v1" | "render/v1" | "test/v1";

/** Runtimes hcp knows. */
export type PluginRuntimeName = "subprocess" | "extism/v1";

/** Every plugin type, in Helm's order. */
export const PLUGIN_TYPES: readonly PluginType[] = [
  "cli/v1",
  "getter/v1",
  "postrenderer/v1",
  "render/v1",
  "test/v1",
];

/** Every runtime name. */
export const PLUGIN_RUNTIMES: readonly PluginRuntimeName[] = ["subprocess", "extism/v1"];

/** Hook events (Helm's `install`, `update`, `delete`). */
export type HookEvent = "install" | "update" | "delete";

/** One entry of a platformCommand / platformHooks list (Helm's `PlatformCommand`). */
export interface PlatformCommand {
  /** Go OS name (`linux`, `darwin`, …); empty = any. */
  readonly os: string;
  /** Go arch name (`amd64`, `arm64`, …); empty = any. */
  readonly arch: string;
  /** Program plus arguments, split on single spaces at run time. */
  readonly command: string;
  /** Extra arguments, never split. */
  readonly args: readonly string[];
}

/** A getter's protocol → command mapping (subprocess runtime). */
export interface ProtocolCommand {
  readonly protocols: readonly string[];
  readonly platformCommand: readonly PlatformCommand[];
}

/** cli/v1 config. */
export interface CliConfig {
  readonly type: "cli/v1";
  /** Command "use" line; its first word names the command (default: plugin name). */
  readonly usage: string;
  readonly shortHelp: string;
  readonly longHelp: string;
  /** Drop every user argument. */
  readonly ignoreFlags: boolean;
}

/** getter/v1 config. */
export interface GetterConfig {
  readonly type: "getter/v1";
  /** URL schemes the plugin serves. */
  readonly protocols: readonly string[];
}

/** postrenderer/v1 config (no keys). */
export interface PostRendererConfig {
  readonly type: "postrenderer/v1";
}

/** render/v1 config (chart-defined plugins). */
export interface RenderConfig {
  readonly type: "render/v1";
  /** Globs over chart-relative source names; non-empty. */
  readonly patterns: readonly string[];
}

/** test/v1 config (no keys). */
export interface TestConfig {
  readonly type: "test/v1";
}

/** Per-type configuration, discriminated by `type`. */
export type PluginConfig =
  | CliConfig
  | GetterConfig
  | PostRendererConfig
  | RenderConfig
  | TestConfig;

/** subprocess runtime config. */
export interface SubprocessRuntimeConfig {
  readonly runtime: "subprocess";
  readonly platformCommand: readonly PlatformCommand[];
  readonly platformHooks: Readonly<Partial<Record<HookEvent, readonly PlatformCommand[]>>>;
  readonly protocolCommands: readonly ProtocolCommand[];
  /**
   * Whether hook arguments are $VAR-expanded: on for legacy `platformHooks`, off for legacy
   * `hooks` (the shell expands) and for every v1 plugin (Helm 4 quirk, replicated).
   */
  readonly expandHookArgs: boolean;
}

/** extism/v1 runtime config (Helm's `RuntimeConfigExtismV1`). */
export interface ExtismRuntimeConfig {
  readonly runtime: "extism/v1";
  readonly memory: {
    /** 0 = engine maximum. */
    readonly maxPages: number;
    /** 0 = no HTTP response body allowed. */
    readonly maxHttpResponseBytes: number;
    /** 0 = Extism vars disabled. */
    readonly maxVarBytes: number;
  };
  readonly config: Readonly<Record<string, string>>;
  readonly allowedHosts: readonly string[];
  readonly fileSystem: { readonly createTempDir: boolean };
  /** Milliseconds; 0 = none (hcp's sandbox may still apply its own ceiling). */
  readonly timeout: number;
  readonly hostFunctions: readonly string[];
  /** Exported function to call; default `helm_plugin_main`. */
  readonly entryFuncName: string;
}

/** Runtime configuration, discriminated by `runtime`. */
export type RuntimeConfig = SubprocessRuntimeConfig | ExtismRuntimeConfig;

/** One normalised plugin record, whichever plugin.yaml format it came from (Helm's Metadata). */
export interface PluginMetadata {
  readonly apiVersion: PluginApiVersion;
  readonly name: string;
  /** Strict SemVer 2, or "" for a legacy plugin without a version. */
  readonly version: string;
  readonly type: PluginType;
  readonly runtime: PluginRuntimeName;
  readonly sourceURL: string;
  readonly config: PluginConfig;
  readonly runtimeConfig: RuntimeConfig;
}

/** A plugin found on disk: its metadata and the directory as found (not symlink-resolved). */
export interface PluginRecord {
  readonly metadata: PluginMetadata;
  /** Plugin directory as found under the plugins dir (a dev install is the symlink path). */
  readonly dir: string;
}

/** Options a getter/v1 plugin receives (Go-style capitalised keys, as Helm sends them). */
export interface GetterOptions {
  readonly URL: string;
  readonly CertFile: string;
  readonly KeyFile: string;
  readonly CAFile: string;
  readonly UNTar: boolean;
  readonly InsecureSkipVerifyTLS: boolean;
  readonly PlainHTTP: boolean;
  readonly AcceptHeader: string;
  readonly Username: string;
  readonly Password: string;
  readonly PassCredentialsAll: boolean;
  readonly UserAgent: string;
  readonly Version: string;
  /** Nanoseconds, as Go's time.Duration. */
  readonly Timeout: number;
}

/** cli/v1 input message. */
export interface CliInputMessage {
  readonly type: "cli/v1";
  readonly extraArgs: readonly string[];
}

/** getter/v1 input message. */
export interface GetterInputMessage {
  readonly type: "getter/v1";
  readonly href: string;
  readonly protocol: string;
  readonly options: GetterOptions;
}

/** postrenderer/v1 input message. */
export interface PostRendererInputMessage {
  readonly type: "postrenderer/v1";
  readonly manifests: Uint8Array;
  readonly extraArgs: readonly string[];
}

/** render/v1 input message: the JSON object the chart-defined renderer builds. */
export interface RenderInputMessage {
  readonly type: "render/v1";
  readonly payload: Readonly<Record<string, unknown>>;
}

/** Input messages, discriminated by plugin type. */
export type PluginInputMessage =
  | CliInputMessage
  | GetterInputMessage
  | PostRendererInputMessage
  | RenderInputMessage;

/** cli/v1 output (`data` is ignored by Helm). */
export interface CliOutputMessage {
  readonly type: "cli/v1";
  readonly data?: unknown;
}

/** getter/v1 output: the downloaded bytes. */
export interface GetterOutputMessage {
  readonly type: "getter/v1";
  readonly data: Uint8Array;
}

/** postrenderer/v1 output. */
export interface PostRendererOutputMessage {
  readonly type: "postrenderer/v1";
  readonly manifests: Uint8Array;
}

/** render/v1 output: the decoded JSON object the plugin returned. */
export interface RenderOutputMessage {
  readonly type: "render/v1";
  readonly payload: Readonly<Record<string, unknown>>;
}

/** Output messages, discriminated by plugin type. */
export type PluginOutputMessage =
  | CliOutputMessage
  | GetterOutputMessage
  | PostRendererOutputMessage
  | RenderOutputMessage;

/** Where a plugin's standard stream goes: hcp's own stream, nowhere, or a callback. */
export type PluginOutputStream = "inherit" | "ignore" | ((chunk: Uint8Array) => void);

/** What a plugin's standard input is: hcp's own stdin, empty, or these bytes. */
export type PluginInputStream = "inherit" | "ignore" | Uint8Array;

/** One invocation (Helm's `plugin.Input`). The caller decides the environment. */
export interface PluginInput {
  readonly message: PluginInputMessage;
  /** Complete environment of the invocation (process env + settings + HELM_PLUGIN_*). */
  readonly env?: Readonly<Record<string, string>>;
  readonly stdin?: PluginInputStream;
  readonly stdout?: PluginOutputStream;
  readonly stderr?: PluginOutputStream;
  /** Working directory for subprocesses (Helm's cwd); default the current one. */
  readonly cwd?: string;
}

/** An invocation's result (Helm's `plugin.Output`). */
export interface PluginOutput {
  readonly message: PluginOutputMessage;
}

/** Options for running a hook. */
export interface HookOptions {
  /** Environment of the hook (process env + HELM_PLUGIN_NAME/DIR only, as Helm). */
  readonly env: Readonly<Record<string, string>>;
  readonly stdout?: PluginOutputStream;
  readonly stderr?: PluginOutputStream;
}

/** A loaded plugin bound to its runtime. */
export interface Plugin extends PluginRecord {
  /** Runs the plugin once with one message. @throws InvokeExecError on a non-zero exit. */
  invoke(input: PluginInput): Promise<PluginOutput>;
  /** Runs the hook for `event`; a no-op when the plugin declares none. */
  invokeHook(event: HookEvent, options: HookOptions): Promise<void>;
}

/** Who is about to run a Wasm module, and the digest (`sha256:<hex>`) of its exact bytes. */
export interface WasmSubject {
  readonly name: string;
  readonly dir?: string;
  readonly digest: string;
}

/** The trust check run on the exact Wasm bytes before instantiation; throws to refuse. */
export type TrustGate = (wasm: Uint8Array, who: WasmSubject) => Promise<void>;

/** What a runtime needs besides the plugin itself. */
export interface RuntimeOptions {
  readonly log?: Logger;
  /** Required by extism/v1: the trust check every instantiation goes through. */
  readonly trustGate?: TrustGate;
  /** hcp's cache home (compiled-module cache and similar). */
  readonly cacheHome?: string;
  /** Absolute path of the running hcp executable (the Wasm sandbox re-executes it). */
  readonly execPath?: string;
}

/** A plugin runtime (Helm's `Runtime`): binds metadata + directory to an invocable Plugin. */
export interface Runtime {
  readonly name: PluginRuntimeName;
  create(dir: string, metadata: PluginMetadata, options?: RuntimeOptions): Plugin;
}

/** Runtimes by name: the composition root (action/) registers them. */
export type RuntimeRegistry = Readonly<Partial<Record<PluginRuntimeName, Runtime>>>;

/** Options of InvokeExecError. */
export interface InvokeExecErrorOptions {
  readonly cause?: unknown;
  /** Extra detail (an Extism plugin's error text) appended after the standard message. */
  readonly detail?: string;
}

/**
 * A plugin ran and exited non-zero. `exitCode` is passed through as hcp's exit code, and the
 * message is Helm's `plugin "<name>" exited with error`.
 */
export class InvokeExecError extends HcpError {
  readonly pluginName: string;

  constructor(pluginName: string, exitCode: number, options: InvokeExecErrorOptions = {}) {
    const base = `plugin "${pluginName}" exited with error`;
    super("PLUGIN_EXEC", options.detail ? `${base}: ${options.detail}` : base, {
      exitCode,
      cause: options.cause,
    });
    this.name = "InvokeExecError";
    this.pluginName = pluginName;
  }
}
