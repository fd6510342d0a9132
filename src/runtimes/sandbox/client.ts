/**
 * The parent side of the Wasm sandbox: one child process (hcp re-executed as `__sandbox`),
 * started on first use and reused for every call of this hcp run, calls serialised, SIGKILLed
 * when a call outlives its deadline (the next call starts a fresh child), spawned under an
 * address-space limit, its stderr routed to the debug log. It answers the guest's HTTP
 * requests with the exact-origin policy in http-policy.ts.
 */
import type { Subprocess } from "bun";
import type { Logger } from "../../log.ts";
import type { HttpPolicy } from "./http-policy.ts";
import {
  encodeFrame,
  type Frame,
  type HttpRequestFrame,
  type InvokeRequest,
  type InvokeResult,
  parseFrameHeader,
  readFramePrefix,
} from "./protocol.ts";

/** How a call failed without producing a result frame. */
export class SandboxError extends Error {
  override readonly name = "SandboxError";
  constructor(
    message: string,
    readonly reason: "timeout" | "crash" | "protocol",
  ) {
    super(message);
  }
}

/** How to start and limit the child. */
export interface SandboxClientOptions {
  /** argv that starts the child (e.g. `[execPath, "__sandbox"]`). */
  readonly command: readonly string[];
  /** RLIMIT_AS for the child in bytes; 0 = none. */
  readonly addressSpaceBytes: number;
  readonly log: Logger;
  readonly fetch?: typeof fetch;
}

/** One call, as the runtime hands it over. */
export interface SandboxCall {
  readonly request: Omit<
    InvokeRequest,
    "op" | "wasmLength" | "inputLength" | "stdinLength" | "stdinLive" | "streamStdio"
  >;
  readonly wasm: Uint8Array;
  readonly input: Uint8Array;
  readonly stdin: Uint8Array;
  /** Supplies more stdin when the guest reads past `stdin` (undefined = the end). */
  readonly readStdin?: (max: number) => Promise<Uint8Array | undefined>;
  /** Receives guest stdout/stderr while the call runs (else they come with the result). */
  readonly onStdio?: (fd: 1 | 2, bytes: Uint8Array) => Promise<void>;
  /** Wall-clock deadline for compile + instantiate + call. */
  readonly timeoutMs: number;
  readonly http: HttpPolicy;
}

/** A finished call: the result header and its byte sections. */
export interface SandboxOutcome {
  readonly result: InvokeResult;
  readonly output: Uint8Array;
  readonly stdout: Uint8Array;
  readonly stderr: Uint8Array;
}

/** Incremental frame parser over a byte stream; copies each byte once into its frame. */
class FrameReader {
  readonly #reader: { read(): Promise<{ done: boolean; value?: Uint8Array | undefined }> };
  /** Bytes received but not yet consumed, in arrival order. */
  readonly #chunks: Uint8Array[] = [];
  #buffered = 0;

  constructor(stream: ReadableStream<Uint8Array>) {
    this.#reader = stream.getReader();
  }

  async #fill(n: number): Promise<boolean> {
    while (this.#buffered < n) {
      const { value, done } = await this.#reader.read();
      if (done || value === undefined) return false;
      this.#chunks.push(value);
      this.#buffered += value.length;
    }
    return true;
  }

  /** Removes and returns the next `n` buffered bytes (one allocation). */
  #take(n: number): Uint8Array {
    const out = new Uint8Array(n);
    let at = 0;
    while (at < n) {
      const chunk = this.#chunks[0] as Uint8Array;
      const part = Math.min(chunk.length, n - at);
      out.set(chunk.subarray(0, part), at);
      at += part;
      if (part === chunk.length) this.#chunks.shift();
      else this.#chunks[0] = chunk.subarray(part);
    }
    this.#buffered -= n;
    return out;
  }

  async next(): Promise<Frame | undefined> {
    if (!(await this.#fill(8))) return undefined;
    const { headerLength, bodyLength } = readFramePrefix(this.#take(8));
    if (!(await this.#fill(headerLength + bodyLength))) return undefined;
    const header = parseFrameHeader(this.#take(headerLength));
    return { header, body: this.#take(bodyLength) };
  }
}

interface Child {
  readonly proc: Subprocess<"pipe", "pipe", "pipe">;
  readonly frames: FrameReader;
  readonly cached: Set<string>;
}

/**
 * CPU seconds the child may use in total (RLIMIT_CPU). A backstop only: if hcp itself is
 * killed while a guest spins, nobody is left to enforce the call's deadline, and the orphan
 * would otherwise burn a core forever.
 */
export const SANDBOX_CPU_SECONDS = 600;

/** Wraps the child argv with address-space and CPU limits (prlimit, else sh's ulimit). */
function limitedCommand(command: readonly string[], bytes: number): string[] {
  if (bytes <= 0) return [...command];
  const cpu = SANDBOX_CPU_SECONDS;
  const prlimit = Bun.which("prlimit");
  if (prlimit) return [prlimit, `--as=${bytes}`, `--cpu=${cpu}:${cpu + 10}`, "--", ...command];
  const sh = Bun.which("sh");
  if (!sh) return [...command];
  const kib = Math.floor(bytes / 1024);
  return [sh, "-c", `ulimit -v ${kib} && ulimit -t ${cpu} && exec "$0" "$@"`, ...command];
}

/** A reusable sandbox child; calls are queued one at a time. */
export class SandboxClient implements AsyncDisposable {
  readonly #options: SandboxClientOptions;
  #child: Child | undefined;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: SandboxClientOptions) {
    this.#options = options;
  }

  /** Runs one call in the child (starting it if needed). */
  invoke(call: SandboxCall): Promise<SandboxOutcome> {
    const run = this.#queue.then(() => this.#invoke(call));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Sends a module the trust gate has passed to be compiled ahead of its call (queued like a
   * call, no answer). The later invoke still sends the bytes; the child then finds the
   * compiled module under the same digest and page limit.
   */
  precompile(digest: string, maxPages: number, wasm: Uint8Array): Promise<void> {
    const run = this.#queue.then(async () => {
      const child = this.#live();
      this.#options.log.debug("precompiling module in wasm sandbox", { digest });
      child.proc.stdin.write(encodeFrame({ op: "compile", digest, maxPages }, wasm));
      await child.proc.stdin.flush();
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** The running child, started anew when there is none or it has exited. */
  #live(): Child {
    let child = this.#child;
    if (!child || child.proc.exitCode !== null || child.proc.signalCode !== null) {
      child = this.#spawn();
      this.#child = child;
    }
    return child;
  }

  /** Starts the child now (its startup then overlaps the caller's own work). */
  prestart(): void {
    if (!this.#child) this.#child = this.#spawn();
  }

  #spawn(): Child {
    const cmd = limitedCommand(this.#options.command, this.#options.addressSpaceBytes);
    const proc = Bun.spawn(cmd, {
      stdin: "pipe",
      stdout: "pipe",
      stderr: "pipe",
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin", NO_COLOR: "1" },
    });
    proc.unref();
    void this.#drainStderr(proc.stderr);
    const child: Child = { proc, frames: new FrameReader(proc.stdout), cached: new Set() };
    this.#options.log.debug("started wasm sandbox", { pid: proc.pid });
    return child;
  }

  async #drainStderr(stream: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let budget = 64 * 1024;
    try {
      for await (const chunk of stream) {
        if (budget <= 0) continue;
        budget -= chunk.length;
        this.#options.log.debug("wasm sandbox stderr", { text: decoder.decode(chunk).trimEnd() });
      }
    } catch {
      // the child is gone; nothing to report beyond its exit
    }
  }

  #kill(child: Child): void {
    if (this.#child === child) this.#child = undefined;
    child.proc.kill("SIGKILL");
  }

  async #invoke(call: SandboxCall): Promise<SandboxOutcome> {
    const child = this.#live();
    const sendWasm = !child.cached.has(call.request.digest);
    if (sendWasm) {
      this.#options.log.debug("sending module to wasm sandbox", {
        plugin: call.request.pluginName,
        digest: call.request.digest,
      });
    }
    const header: InvokeRequest = {
      ...call.request,
      op: "invoke",
      wasmLength: sendWasm ? call.wasm.length : 0,
      inputLength: call.input.length,
      stdinLength: call.stdin.length,
      stdinLive: call.readStdin !== undefined,
      streamStdio: call.onStdio !== undefined,
    };
    const body = new Uint8Array(header.wasmLength + call.input.length + call.stdin.length);
    if (sendWasm) body.set(call.wasm, 0);
    body.set(call.input, header.wasmLength);
    body.set(call.stdin, header.wasmLength + call.input.length);

    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        abort.abort();
        this.#kill(child);
        reject(new SandboxError("module closed with context deadline exceeded", "timeout"));
      }, call.timeoutMs);
    });
    try {
      const work = this.#exchange(child, header, body, call, abort.signal);
      const outcome = await Promise.race([work, deadline]);
      if (sendWasm) child.cached.add(call.request.digest);
      return outcome;
    } finally {
      clearTimeout(timer);
    }
  }

  async #exchange(
    child: Child,
    header: InvokeRequest,
    body: Uint8Array,
    call: SandboxCall,
    signal: AbortSignal,
  ): Promise<SandboxOutcome> {
    child.proc.stdin.write(encodeFrame(header, body));
    await child.proc.stdin.flush();
    for (;;) {
      let frame: Frame | undefined;
      try {
        frame = await child.frames.next();
      } catch (err) {
        this.#kill(child);
        throw new SandboxError(`sandbox protocol error: ${(err as Error).message}`, "protocol");
      }
      if (frame === undefined) {
        if (this.#child === child) this.#child = undefined;
        const code = await child.proc.exited;
        const how = child.proc.signalCode ? `signal ${child.proc.signalCode}` : `exit code ${code}`;
        throw new SandboxError(`wasm sandbox died (${how})`, "crash");
      }
      if (frame.header.op === "stdio") {
        await call.onStdio?.(frame.header.fd, frame.body);
        continue;
      }
      if (frame.header.op === "stdin") {
        const data = (await call.readStdin?.(frame.header.max)) ?? new Uint8Array();
        child.proc.stdin.write(encodeFrame({ op: "stdin-data", eof: data.length === 0 }, data));
        await child.proc.stdin.flush();
        continue;
      }
      if (frame.header.op === "http") {
        // Loaded on a guest's first request: http-policy pulls in node:net (and node streams),
        // which the sandbox started first thing in `hcp template` should not wait for.
        const { performGuestRequest } = await import("./http-policy.ts");
        const answer = await performGuestRequest(
          frame.header as HttpRequestFrame,
          frame.body,
          call.http,
          this.#options.fetch ?? fetch,
          signal,
        );
        child.proc.stdin.write(encodeFrame(answer.header, answer.body));
        await child.proc.stdin.flush();
        continue;
      }
      if (frame.header.op !== "result") {
        this.#kill(child);
        throw new SandboxError(`unexpected sandbox frame "${frame.header.op}"`, "protocol");
      }
      const result = frame.header;
      const b = frame.body;
      const o = result.outputLength;
      const s = result.stdoutLength;
      return {
        result,
        output: b.subarray(0, o),
        stdout: b.subarray(o, o + s),
        stderr: b.subarray(o + s, o + s + result.stderrLength),
      };
    }
  }

  /**
   * Stops the child once the calls already queued have finished (it would also exit by itself
   * when hcp exits and its stdin closes). The child is idle then, so it is SIGKILLed rather
   * than left to run its runtime's exit path, and not waited for: after SIGKILL it runs no
   * more code, and waiting for the kernel to tear it down cost ~3-5 ms on every
   * `hcp <wasm-plugin>` (bench/plugin.sh). Bun reaps it.
   */
  async close(): Promise<void> {
    await this.#queue;
    const child = this.#child;
    this.#child = undefined;
    if (!child) return;
    child.proc.stdin.end();
    child.proc.kill("SIGKILL");
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
