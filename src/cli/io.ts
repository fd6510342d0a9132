/** The process edges the CLI talks to, injected so tests can run `run(argv, io)` in-process. */
import type { Env } from "../settings/index.ts";

/** Streams, environment and working directory of one hcp invocation. */
export interface Io {
  readonly stdout: (chunk: string | Uint8Array) => void;
  readonly stderr: (chunk: string | Uint8Array) => void;
  /** Reads all of standard input (for `-f -`, `--passphrase-file -`). */
  readonly readStdin: () => Promise<Uint8Array>;
  readonly env: Env;
  readonly cwd: string;
  /** argv[0] as invoked: exported to plugins as HELM_BIN. */
  readonly argv0: string;
  /** Absolute path of the running hcp executable (re-executed for the Wasm sandbox). */
  readonly execPath: string;
  readonly stdoutIsTTY: boolean;
  readonly stderrIsTTY: boolean;
  /** Sets the JIT tier-up scale (src/jit.ts); absent where the process is not hcp's own. */
  readonly setJitPolicy?: (scale: number) => void;
}

/** An Io that records output in memory (tests of `run`). */
export interface CapturedIo extends Io {
  readonly out: () => string;
  readonly err: () => string;
}

/** Creates an in-memory Io with the given env and stdin bytes. */
export function createCapturedIo(
  options: { env?: Env; cwd?: string; stdin?: string | Uint8Array } = {},
): CapturedIo {
  let out = "";
  let err = "";
  const decoder = new TextDecoder();
  const text = (chunk: string | Uint8Array): string =>
    typeof chunk === "string" ? chunk : decoder.decode(chunk);
  const stdin =
    typeof options.stdin === "string" ? new TextEncoder().encode(options.stdin) : options.stdin;
  return {
    stdout: (chunk) => {
      out += text(chunk);
    },
    stderr: (chunk) => {
      err += text(chunk);
    },
    readStdin: async () => stdin ?? new Uint8Array(),
    env: options.env ?? {},
    cwd: options.cwd ?? "/",
    argv0: "hcp",
    execPath: "hcp",
    stdoutIsTTY: false,
    stderrIsTTY: false,
    out: () => out,
    err: () => err,
  };
}
