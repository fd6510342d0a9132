/**
 * plugin: Helm 4's plugin model. Owns plugin.yaml (legacy + v1) parsing and validation into
 * one PluginMetadata, the type and runtime registry, discovery over the plugins directories,
 * and the Plugin/Runtime interfaces. It never imports runtimes/, cli/ or action/: the
 * composition root (action/) registers runtimes and binds records to them.
 */

export {
  expandEnv,
  formatEnv,
  type GoPlatform,
  type PrepareCommandOptions,
  type PreparedCommand,
  parseEnv,
  prepareCommand,
  selectPlatformCommand,
  toGoPlatform,
} from "./command.ts";
export { keptArchivePaths } from "./kept-archive.ts";
export {
  type FindPluginsOptions,
  findPlugin,
  findPlugins,
  isArchivePluginYaml,
  loadPluginDir,
  PLUGIN_YAML,
} from "./load.ts";
export {
  isStrictSemver,
  isValidPluginName,
  type ParseMetadataOptions,
  PLUGIN_NAME_PATTERN,
  parseMetadata,
  sanitizeHelp,
  validateMetadata,
} from "./metadata.ts";
export type {
  CliConfig,
  CliInputMessage,
  CliOutputMessage,
  ExtismRuntimeConfig,
  GetterConfig,
  GetterInputMessage,
  GetterOptions,
  GetterOutputMessage,
  HookEvent,
  HookOptions,
  InvokeExecErrorOptions,
  PlatformCommand,
  Plugin,
  PluginApiVersion,
  PluginConfig,
  PluginInput,
  PluginInputMessage,
  PluginInputStream,
  PluginMetadata,
  PluginOutput,
  PluginOutputMessage,
  PluginOutputStream,
  PluginRecord,
  PluginRuntimeName,
  PluginType,
  PostRendererConfig,
  PostRendererInputMessage,
  PostRendererOutputMessage,
  ProtocolCommand,
  RenderConfig,
  RenderInputMessage,
  RenderOutputMessage,
  Runtime,
  RuntimeConfig,
  RuntimeOptions,
  RuntimeRegistry,
  SubprocessRuntimeConfig,
  TestConfig,
  TrustGate,
  WasmSubject,
} from "./types.ts";
export { InvokeExecError, PLUGIN_RUNTIMES, PLUGIN_TYPES } from "./types.ts";
