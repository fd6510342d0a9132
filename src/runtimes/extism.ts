/**
 * The extism/v1 runtime (Helm's `RuntimeExtismV1`) on hcp's own sandbox. Every Wasm call goes
 * through one guarded entry point, `invokeWasm`: it copies the bytes, hashes them, asks the
 * TrustGate, and only then hands those exact bytes to a sandbox child process (see
 * sandbox/client.ts) that enforces the timeout, memory, output and host limits the JS Extism
 * SDK does not. Results map to Helm's contract (sandbox/outcome.ts): an Extism error, a trap
 * or proc_exit(n≠0) → `plugin error: …`, exit 1; a non-zero return → InvokeExecError with that
 * code and any errors the plugin reported (Helm 4.1.4 panics there; hcp does not).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { HcpError } from "../errors.ts";
import { type Logger, NULL_LOGGER } from "../log.ts";
import type {
  ExtismRuntimeConfig,
  Plugin,
  PluginInput,
  PluginMetadata,
  PluginOutput,
  PluginOutputStream,
  Runtime,
  RuntimeOptions,
  TrustGate,
  WasmSubject,
} from "../plugin/index.ts";
import { SandboxClient, SandboxError, type SandboxOutcome } from "./sandbox/client.ts";
import { createMessageCodec } from "./sandbox/messages.ts";
import { checkConfig, errorFor } from "./sandbox/outcome.ts";
import {
  defaultSandboxCommand,
  SANDBOX_ADDRESS_SPACE_BYTES,
  takeEarlySandbox,
} from "./sandbox/start.ts";
import { escapeControl, isLive, readProcessStdin, relay } from "./sandbox/stdio.ts";

export { EXTISM_KERNEL_PAGES } from "./sandbox/outcome.ts";
export { defaultSandboxCommand, SANDBOX_ADDRESS_SPACE_BYTES } from "./sandbox/start.ts";
export { escapeControl } from "./sandbox/stdio.ts";

/** Page ceiling for any module (1 GiB); a plugin's memory.maxPages can only lower it. */
export const MAX_MEMORY_PAGES = 16_384;
/** Deadline of a call whose plugin sets no timeout (Helm has none; hcp always has one). */
export const DEFAULT_TIMEOUT_MS = 60_000;
/** Largest output a plugin may set. */
export const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;
/** Largest stdout/stderr kept per call (the rest is dropped with a warning). */
export const MAX_STDIO_BYTES = 16 * 1024 * 1024;
/** Largest total of guest log text kept per call. */
export const MAX_LOG_BYTES = 1024 * 1024;
/** Entry function when runtimeConfig.entryFuncName is empty. */
export const DEFAULT_ENTRY = "helm_plugin_main";

/** Settings of the runtime itself (not of one plugin). */
export interface ExtismRuntimeOptions {
  /** argv that starts the sandbox child; default: this hcp in `__sandbox` mode. */
  readonly sandboxCommand?: readonly string[];
  readonly defaultTimeoutMs?: number;
  readonly maxMemoryPages?: number;
  /** RLIMIT_AS of the child; 0 = none. */
  readonly addressSpaceBytes?: number;
  readonly log?: Logger;
  /** fetch used for the guest's allowed HTTP requests (injected; default global fetch). */
  readonly fetch?: typeof fetch;
  /** Root for the per-call temp dirs mounted at guest /tmp; default the OS temp dir. */
  readonly tempRoot?: string;
  /**
   * Let guests reach loopback/private/link-local addresses their allowedHosts name (default
   * false: the plugin author, not the user, writes allowedHosts).
   */
  readonly allowNonPublicHosts?: boolean;
  /** Start the sandbox child when a plugin is bound (default true). */
  readonly prestart?: boolean;
  /** An already started sandbox (startSandbox) to use; the runtime then owns it. */
  readonly sandbox?: SandboxClient;
}

/** Who runs, with what; the input of the guarded entry point. */
export interface WasmCall {
  readonly wasm: Uint8Array;
  readonly name: string;
  readonly dir?: string;
  readonly trustGate: TrustGate;
  readonly runtimeConfig: ExtismRuntimeConfig;
  readonly input: Uint8Array;
  /** WASI environment (the caller decides; HELM_PLUGIN_NAME/DIR are dropped, as Helm). */
  readonly env?: Readonly<Record<string, string>>;
  /** Guest stdin: these bytes, or hcp's own stdin read lazily as the guest reads ("inherit"). */
  readonly stdin?: Uint8Array | "inherit";
  readonly stdout?: PluginOutputStream;
  readonly stderr?: PluginOutputStream;
  readonly log?: Logger;
}

/** What a successful guarded call returns: exit code 0 and the output bytes. */
export interface WasmCallResult {
  readonly output: Uint8Array;
  readonly outputSet: boolean;
  readonly digest: string;
}

/** The extism/v1 Runtime plus the guarded entry point and the sandbox's lifetime. */
export interface ExtismRuntime extends Runtime, AsyncDisposable {
  /** The one path by which hcp runs Wasm. @throws HcpError PLUGIN_WASM_*, InvokeExecError */
  invokeWasm(call: WasmCall): Promise<WasmCallResult>;
  /**
   * A Plugin whose module is given as bytes (a chart-defined plugin read from the content
   * cache); `dir`, when known, is only reported to the trust gate. The bytes are copied now.
   */
  createFromWasm(
    wasm: Uint8Array,
    metadata: PluginMetadata,
    options?: RuntimeOptions & { readonly dir?: string },
  ): Plugin;
  /**
   * Starts the sandbox child ahead of the first call, so its startup overlaps the caller's
   * own work (discovery, trust check). No Wasm is sent by this.
   */
  prestart(execPath?: string): void;
  /**
   * Prepares a plugin that is likely to be called soon: reads its plugin.wasm, asks the trust
   * gate (the verdict is kept for the call of the same bytes), and only when the gate passes
   * has the sandbox compile the module, overlapping the caller's own work. Never
   * instantiates and never throws: the call itself reports any problem.
   */
  warm(dir: string, metadata: PluginMetadata, options: RuntimeOptions): Promise<void>;
  /** Stops the sandbox child. */
  close(): Promise<void>;
}

/** `sha256:<hex>` of bytes. */
export function wasmDigest(bytes: Uint8Array): string {
  return `sha256:${new Bun.CryptoHasher("sha256").update(bytes).digest("hex")}`;
}

/** Creates the extism/v1 runtime; one sandbox child serves all its plugins. */
export function createExtismRuntime(options: ExtismRuntimeOptions = {}): ExtismRuntime {
  const log = options.log ?? NULL_LOGGER;
  const maxPagesCeiling = options.maxMemoryPages ?? MAX_MEMORY_PAGES;
  let client: SandboxClient | undefined = options.sandbox;
  const sandbox = (execPath?: string): SandboxClient => {
    client ??= new SandboxClient({
      command: options.sandboxCommand ?? defaultSandboxCommand(execPath),
      addressSpaceBytes: options.addressSpaceBytes ?? SANDBOX_ADDRESS_SPACE_BYTES,
      log,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    return client;
  };

  // Verdicts of this runtime's gates, by subject and digest: warm() and the call of the same
  // bytes share one check (and its warnings), and the call still waits for it.
  const verdicts = new WeakMap<TrustGate, Map<string, Promise<void>>>();
  const checkTrust = (gate: TrustGate, wasm: Uint8Array, subject: WasmSubject): Promise<void> => {
    const byKey = verdicts.get(gate) ?? new Map<string, Promise<void>>();
    verdicts.set(gate, byKey);
    const key = JSON.stringify([subject.name, subject.dir ?? null, subject.digest]);
    const verdict = byKey.get(key) ?? gate(wasm, subject);
    byKey.set(key, verdict);
    return verdict;
  };
  const pagesFor = (config: ExtismRuntimeConfig) =>
    Math.min(config.memory.maxPages || maxPagesCeiling, maxPagesCeiling);

  async function invokeWasm(call: WasmCall, execPath?: string): Promise<WasmCallResult> {
    const callLog = call.log ?? log;
    const config = call.runtimeConfig;
    checkConfig(call.name, config);
    // Copy first: the gate and the sandbox see the same bytes, whatever the caller does next.
    const wasm = call.wasm.slice();
    const digest = wasmDigest(wasm);
    await checkTrust(call.trustGate, wasm, {
      name: call.name,
      digest,
      ...(call.dir === undefined ? {} : { dir: call.dir }),
    });
    const maxPages = pagesFor(config);
    const origins: string[] = [];
    if (config.allowedHosts.length > 0) {
      // Loaded only for plugins that ask for HTTP: http-policy.ts brings node:net with it.
      const { normaliseAllowedHost } = await import("./sandbox/http-policy.ts");
      for (const h of config.allowedHosts) {
        const origin = normaliseAllowedHost(h);
        if (origin !== undefined) origins.push(origin);
        else {
          callLog.warn(
            `plugin "${call.name}": allowedHosts entry "${h}" is ignored (hcp needs an exact host, optionally with scheme and port)`,
          );
        }
      }
    }
    const env = { ...(call.env ?? {}) };
    delete env.HELM_PLUGIN_NAME;
    delete env.HELM_PLUGIN_DIR;
    const tmp = config.fileSystem.createTempDir ? await makeTempDir(options.tempRoot) : undefined;
    let outcome: SandboxOutcome;
    try {
      outcome = await sandbox(execPath).invoke({
        request: {
          digest,
          pluginName: call.name,
          entry: config.entryFuncName || DEFAULT_ENTRY,
          config: config.config,
          maxPages,
          maxHostAllocBytes: maxPages * 65_536,
          maxVarBytes: config.memory.maxVarBytes,
          maxHttpResponseBytes: config.memory.maxHttpResponseBytes,
          maxOutputBytes: MAX_OUTPUT_BYTES,
          maxStdioBytes: MAX_STDIO_BYTES,
          maxLogBytes: MAX_LOG_BYTES,
          httpEnabled: origins.length > 0,
          env,
          ...(tmp === undefined ? {} : { tmpDir: tmp.path }),
        },
        wasm,
        input: call.input,
        stdin: call.stdin instanceof Uint8Array ? call.stdin : new Uint8Array(),
        ...(call.stdin === "inherit" ? { readStdin: readProcessStdin } : {}),
        ...(isLive(call.stdout) || isLive(call.stderr)
          ? {
              onStdio: (fd: 1 | 2, bytes: Uint8Array) =>
                fd === 1
                  ? relay(call.stdout, bytes, "stdout", callLog, call.name)
                  : relay(call.stderr, bytes, "stderr", callLog, call.name),
            }
          : {}),
        timeoutMs:
          config.timeout > 0 ? config.timeout : (options.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS),
        http: {
          origins,
          maxResponseBytes: config.memory.maxHttpResponseBytes,
          allowNonPublic: options.allowNonPublicHosts === true,
        },
      });
    } catch (err) {
      if (err instanceof SandboxError && err.reason === "timeout") {
        throw new HcpError("PLUGIN_WASM_TIMEOUT", `plugin error: ${err.message}`, {
          hint: `plugin "${call.name}" ran longer than its runtimeConfig.timeout (or hcp's default of ${(options.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000}s)`,
          cause: err,
        });
      }
      throw new HcpError("PLUGIN_WASM_SANDBOX", `plugin error: ${(err as Error).message}`, {
        cause: err,
        hint: `the sandbox running Wasm plugin "${call.name}" failed`,
      });
    } finally {
      await tmp?.remove();
    }
    const { result } = outcome;
    await relay(call.stdout, outcome.stdout, "stdout", callLog, call.name);
    await relay(call.stderr, outcome.stderr, "stderr", callLog, call.name);
    for (const entry of callLog.debugEnabled ? result.logs : []) {
      callLog.debug("plugin log", {
        plugin: call.name,
        level: entry.level,
        text: escapeControl(entry.text),
      });
    }
    if (result.truncated.stdout || result.truncated.stderr) {
      callLog.warn(
        `plugin "${call.name}": output beyond ${MAX_STDIO_BYTES} bytes on stdout/stderr was dropped`,
      );
    }
    const failure = errorFor(call.name, outcome);
    if (failure) throw failure;
    return { output: outcome.output, outputSet: result.outputSet, digest };
  }

  const runtime: ExtismRuntime = {
    name: "extism/v1",
    invokeWasm: (call) => invokeWasm(call),
    create(dir: string, metadata: PluginMetadata, runtimeOptions: RuntimeOptions = {}): Plugin {
      const plugin = createWasmPlugin({ dir }, metadata, runtimeOptions, invokeWasm);
      // A bound plugin is about to run: start the sandbox now so its startup overlaps the
      // trust check and file reads. No Wasm reaches it before the gate has passed.
      if (options.prestart !== false) sandbox(runtimeOptions.execPath).prestart();
      return plugin;
    },
    createFromWasm(wasm, metadata, runtimeOptions = {}) {
      const plugin = createWasmPlugin(
        {
          wasm: wasm.slice(),
          ...(runtimeOptions.dir === undefined ? {} : { dir: runtimeOptions.dir }),
        },
        metadata,
        runtimeOptions,
        invokeWasm,
      );
      if (options.prestart !== false) sandbox(runtimeOptions.execPath).prestart();
      return plugin;
    },
    prestart(execPath?: string) {
      sandbox(execPath).prestart();
    },
    async warm(dir, metadata, runtimeOptions) {
      const config = metadata.runtimeConfig;
      const gate = runtimeOptions.trustGate;
      if (config.runtime !== "extism/v1" || !gate) return;
      try {
        checkConfig(metadata.name, config);
        const wasm = await loadWasm({ dir }, metadata.name);
        const digest = wasmDigest(wasm);
        await checkTrust(gate, wasm, { name: metadata.name, digest, dir });
        await sandbox(runtimeOptions.execPath).precompile(digest, pagesFor(config), wasm);
      } catch (err) {
        log.debug("could not prepare wasm plugin ahead of its call", {
          plugin: metadata.name,
          error: (err as Error).message,
        });
      }
    },
    close: async () => {
      await client?.close();
      client = undefined;
    },
    async [Symbol.asyncDispose]() {
      await runtime.close();
    },
  };
  return runtime;
}

async function makeTempDir(root?: string): Promise<{ path: string; remove(): Promise<void> }> {
  const { mkdtemp, rm } = await import("node:fs/promises");
  const { tmpdir } = await import("node:os");
  const path = await mkdtemp(join(root ?? tmpdir(), "helm-plugin-"));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/** Where a plugin's module comes from: plugin.wasm in its dir, or bytes already in memory. */
type WasmSource = { readonly dir: string } | { readonly dir?: string; readonly wasm: Uint8Array };

async function loadWasm(source: WasmSource, name: string): Promise<Uint8Array> {
  if ("wasm" in source) return source.wasm;
  const file = join(source.dir, "plugin.wasm");
  try {
    // Sync on purpose: one local file on the critical path of `hcp <plugin>`, where a
    // thread-pool round trip only adds latency.
    return new Uint8Array(readFileSync(file));
  } catch (err) {
    throw new HcpError("PLUGIN_WASM_MISSING", `failed to read plugin.wasm of plugin "${name}"`, {
      file,
      cause: err,
    });
  }
}

function createWasmPlugin(
  source: WasmSource,
  metadata: PluginMetadata,
  runtimeOptions: RuntimeOptions,
  invokeWasm: (call: WasmCall, execPath?: string) => Promise<WasmCallResult>,
): Plugin {
  const dir = source.dir;
  const config = metadata.runtimeConfig;
  if (config.runtime !== "extism/v1") {
    throw new HcpError(
      "PLUGIN_RUNTIME",
      `plugin "${metadata.name}" does not use the extism/v1 runtime`,
    );
  }
  const codec = createMessageCodec(metadata.name, metadata.type);
  return {
    metadata,
    dir: dir ?? "",
    async invoke(input: PluginInput): Promise<PluginOutput> {
      const trustGate = runtimeOptions.trustGate;
      if (!trustGate) {
        throw new HcpError(
          "PLUGIN_NO_TRUST_GATE",
          `refusing to run Wasm plugin "${metadata.name}" without a trust check`,
        );
      }
      const wasm = await loadWasm(source, metadata.name);
      const result = await invokeWasm(
        {
          wasm,
          name: metadata.name,
          ...(dir === undefined ? {} : { dir }),
          trustGate,
          runtimeConfig: config,
          input: codec.encode(input.message),
          ...(input.env ? { env: input.env } : {}),
          ...(input.stdin instanceof Uint8Array || input.stdin === "inherit"
            ? { stdin: input.stdin }
            : {}),
          ...(input.stdout ? { stdout: input.stdout } : {}),
          ...(input.stderr ? { stderr: input.stderr } : {}),
          ...(runtimeOptions.log ? { log: runtimeOptions.log } : {}),
        },
        runtimeOptions.execPath,
      );
      return { message: codec.decode(result.output) };
    },
    async invokeHook(): Promise<void> {
      // Helm's extism runtime has no hooks.
    },
  };
}

let shared: ExtismRuntime | undefined;

/**
 * The process-wide extism/v1 runtime: one sandbox child serves every Wasm call of this hcp
 * run (startup paid once). Options apply on first use only.
 */
export function getExtismRuntime(options: ExtismRuntimeOptions = {}): ExtismRuntime {
  if (shared) return shared;
  // A sandbox main.ts started before the CLI loaded (startEarlySandbox) serves this run, unless
  // the caller asks for its own sandbox, command, limit or fetch.
  const ownChild =
    options.sandboxCommand !== undefined ||
    options.addressSpaceBytes !== undefined ||
    options.fetch !== undefined;
  const sandbox =
    options.sandbox ?? (ownChild ? undefined : takeEarlySandbox(options.log ?? NULL_LOGGER));
  shared = createExtismRuntime(sandbox === undefined ? options : { ...options, sandbox });
  return shared;
}
