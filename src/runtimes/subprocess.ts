/**
 * The subprocess runtime (Helm 4's `RuntimeSubprocess`): runs a plugin's platformCommand as a
 * child process without a shell. cli/v1 gets hcp's stdio and passes its exit code through;
 * getter/v1 and postrenderer/v1 exchange bytes on stdin/stdout; hooks run from the plugin
 * directory. The only importer of Bun.spawn for plugins.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { HcpError } from "../errors.ts";
import {
  type HookEvent,
  type HookOptions,
  InvokeExecError,
  type Plugin,
  type PluginInput,
  type PluginInputStream,
  type PluginMetadata,
  type PluginOutput,
  type PluginOutputStream,
  type PreparedCommand,
  prepareCommand,
  type Runtime,
  type SubprocessRuntimeConfig,
  selectPlatformCommand,
  toGoPlatform,
} from "../plugin/index.ts";

/** How one child process is run. */
interface SpawnOptions {
  readonly env: Readonly<Record<string, string>>;
  readonly cwd?: string;
  readonly stdin: PluginInputStream;
  readonly stdout: PluginOutputStream | "capture";
  readonly stderr: PluginOutputStream;
}

interface SpawnResult {
  readonly exitCode: number;
  readonly stdout: Uint8Array;
}

async function pump(
  stream: ReadableStream<Uint8Array>,
  sink: (chunk: Uint8Array) => void,
): Promise<void> {
  for await (const chunk of stream) sink(chunk);
}

/**
 * Runs a prepared command to completion.
 * @throws HcpError PLUGIN_START when the program cannot be started (Go's `fork/exec` error)
 */
async function spawnCommand(command: PreparedCommand, options: SpawnOptions): Promise<SpawnResult> {
  const captured: Uint8Array[] = [];
  const mode = (s: PluginOutputStream | "capture") =>
    typeof s === "string" && s !== "capture" ? s : "pipe";
  let proc: ReturnType<typeof Bun.spawn>;
  try {
    proc = Bun.spawn([command.program, ...command.args], {
      env: { ...options.env },
      ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
      stdin: options.stdin,
      stdout: mode(options.stdout),
      stderr: mode(options.stderr),
    });
  } catch (err) {
    const reason =
      (err as NodeJS.ErrnoException).code === "EACCES"
        ? "permission denied"
        : "no such file or directory";
    throw new HcpError("PLUGIN_START", `fork/exec ${command.program}: ${reason}`, {
      cause: err,
      hint: "check the plugin's platformCommand and that the program exists and is executable",
    });
  }
  const pumps: Promise<void>[] = [];
  const out = options.stdout;
  if (proc.stdout instanceof ReadableStream) {
    const sink =
      out === "capture" ? (c: Uint8Array) => captured.push(c) : (out as (c: Uint8Array) => void);
    pumps.push(pump(proc.stdout, sink));
  }
  if (proc.stderr instanceof ReadableStream && typeof options.stderr === "function") {
    pumps.push(pump(proc.stderr, options.stderr));
  }
  const [exitCode] = await Promise.all([proc.exited, ...pumps]);
  return { exitCode: exitCode ?? 1, stdout: concat(captured) };
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const total = chunks.reduce((n, c) => n + c.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** The Go name of the platform hcp runs on. */
const HOST = toGoPlatform(process.platform, process.arch);

class SubprocessPlugin implements Plugin {
  readonly dir: string;
  readonly metadata: PluginMetadata;
  readonly #config: SubprocessRuntimeConfig;

  constructor(dir: string, metadata: PluginMetadata) {
    if (metadata.runtimeConfig.runtime !== "subprocess") {
      throw new HcpError(
        "PLUGIN_RUNTIME_MISMATCH",
        `plugin ${JSON.stringify(metadata.name)} is not a subprocess plugin`,
      );
    }
    this.dir = dir;
    this.metadata = metadata;
    this.#config = metadata.runtimeConfig;
  }

  async invoke(input: PluginInput): Promise<PluginOutput> {
    const env = input.env ?? {};
    const message = input.message;
    switch (message.type) {
      case "cli/v1": {
        const config = this.metadata.config;
        const ignore = config.type === "cli/v1" && config.ignoreFlags;
        const entry = selectPlatformCommand(this.#config.platformCommand, HOST);
        const cmd = prepareCommand(entry, {
          expand: true,
          env,
          extraArgs: ignore ? [] : message.extraArgs,
        });
        const result = await spawnCommand(cmd, {
          env,
          ...(input.cwd === undefined ? {} : { cwd: input.cwd }),
          stdin: input.stdin ?? "inherit",
          stdout: input.stdout ?? "inherit",
          stderr: input.stderr ?? "inherit",
        });
        this.#check(result.exitCode);
        return { message: { type: "cli/v1" } };
      }
      case "getter/v1": {
        const scheme = message.protocol;
        const match = this.#config.protocolCommands.find((p) => p.protocols.includes(scheme));
        if (!match) {
          throw new HcpError(
            "PLUGIN_NO_DOWNLOADER",
            `no downloader found for protocol ${JSON.stringify(scheme)}`,
          );
        }
        const entry = selectPlatformCommand(match.platformCommand, HOST);
        const o = message.options;
        const getterEnv = {
          ...env,
          HELM_PLUGIN_USERNAME: o.Username,
          HELM_PLUGIN_PASSWORD: o.Password,
          HELM_PLUGIN_PASS_CREDENTIALS_ALL: String(o.PassCredentialsAll),
        };
        const prepared = prepareCommand(entry, {
          expand: false,
          env: getterEnv,
          extraArgs: [o.CertFile, o.KeyFile, o.CAFile, message.href],
        });
        // Matches Helm: a getter's program is always joined onto the plugin directory.
        const cmd = { program: join(this.dir, prepared.program), args: prepared.args };
        const result = await spawnCommand(cmd, {
          env: getterEnv,
          ...(input.cwd === undefined ? {} : { cwd: input.cwd }),
          stdin: "ignore",
          stdout: "capture",
          stderr: input.stderr ?? "inherit",
        });
        this.#check(result.exitCode);
        return { message: { type: "getter/v1", data: result.stdout } };
      }
      case "postrenderer/v1": {
        const entry = selectPlatformCommand(this.#config.platformCommand, HOST);
        const cmd = prepareCommand(entry, { expand: true, env, extraArgs: message.extraArgs });
        const result = await spawnCommand(cmd, {
          env,
          ...(input.cwd === undefined ? {} : { cwd: input.cwd }),
          stdin: message.manifests,
          stdout: "capture",
          // hcp passes a post-renderer's stderr through (Helm swallows it).
          stderr: input.stderr ?? "inherit",
        });
        this.#check(result.exitCode);
        return { message: { type: "postrenderer/v1", manifests: result.stdout } };
      }
      default:
        throw new HcpError(
          "PLUGIN_UNSUPPORTED",
          `plugin ${JSON.stringify(this.metadata.name)}: the subprocess runtime cannot run ${message.type} plugins`,
          { hint: "render/v1 plugins need runtime extism/v1" },
        );
    }
  }

  async invokeHook(event: HookEvent, options: HookOptions): Promise<void> {
    const commands = this.#config.platformHooks[event];
    if (!commands || commands.length === 0) return;
    const entry = selectPlatformCommand(commands, HOST);
    const cmd = prepareCommand(entry, { expand: this.#config.expandHookArgs, env: options.env });
    const result = await spawnCommand(cmd, {
      env: options.env,
      // Hooks run from the plugin dir; the delete hook runs after it is gone (as Helm).
      ...(existsSync(this.dir) ? { cwd: this.dir } : {}),
      stdin: "ignore",
      stdout: options.stdout ?? "inherit",
      stderr: options.stderr ?? "inherit",
    });
    if (result.exitCode !== 0) {
      throw new HcpError(
        "PLUGIN_HOOK_FAILED",
        `plugin ${event} hook for ${JSON.stringify(this.metadata.name)} exited with error`,
        { exitCode: 1 },
      );
    }
  }

  #check(exitCode: number): void {
    if (exitCode !== 0) throw new InvokeExecError(this.metadata.name, exitCode);
  }
}

/** Creates the subprocess runtime. */
export function createSubprocessRuntime(): Runtime {
  return {
    name: "subprocess",
    create: (dir, metadata) => new SubprocessPlugin(dir, metadata),
  };
}
