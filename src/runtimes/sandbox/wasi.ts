/**
 * The guest's `wasi_snapshot_preview1`, built on Bun's node:wasi (filesystem calls under the
 * optional /tmp preopen, clocks, random) with hcp's own handling of everything that could
 * reach the host process: fds 0-2 never touch the child's real stdio (which is the protocol
 * pipe), stdout/stderr writes are captured with a byte cap, `proc_exit` unwinds the call
 * instead of ending the process, and sockets are refused.
 */
import { WASI } from "node:wasi";

const ERRNO_SUCCESS = 0;
const ERRNO_BADF = 8;
const ERRNO_NOTSUP = 58;

/** Thrown from `proc_exit`: unwinds the Wasm stack back to the sandbox. */
export class ProcExit extends Error {
  override readonly name = "ProcExit";
  constructor(readonly code: number) {
    super(`module closed with exit_code(${code})`);
  }
}

/** An append-only byte buffer that keeps at most `cap` bytes and remembers the overflow. */
export class CappedBuffer {
  readonly #chunks: Uint8Array[] = [];
  #size = 0;
  truncated = false;

  /** With `forward`, bytes are handed on at once (streamed) instead of kept. */
  constructor(
    readonly cap: number,
    readonly forward?: (bytes: Uint8Array) => void,
  ) {}

  /** Appends (or forwards) a copy of `bytes`, cutting at the cap. */
  push(bytes: Uint8Array): void {
    const room = this.cap - this.#size;
    if (bytes.length > room) this.truncated = true;
    const take = Math.min(room, bytes.length);
    if (take <= 0) return;
    this.#size += take;
    if (this.forward) this.forward(bytes.slice(0, take));
    else this.#chunks.push(bytes.slice(0, take));
  }

  /** The bytes kept so far (none when forwarding). */
  bytes(): Uint8Array {
    if (this.forward) return new Uint8Array();
    const out = new Uint8Array(this.#size);
    let at = 0;
    for (const c of this.#chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}

/** What the guest's WASI sees. */
export interface WasiOptions {
  readonly env: Readonly<Record<string, string>>;
  /** Host dir mounted read-write at guest /tmp. */
  readonly tmpDir?: string;
  readonly stdin: Uint8Array;
  /** Called when the guest has read all of `stdin`: more bytes, or undefined at the end. */
  readonly moreStdin?: (max: number) => Uint8Array | undefined;
  readonly stdout: CappedBuffer;
  readonly stderr: CappedBuffer;
}

// biome-ignore lint/suspicious/noExplicitAny: host functions take Wasm numbers of any width
type HostFunction = (context: unknown, ...args: any[]) => unknown;

/** The import namespace plus the hook that tells it which memory the guest exported. */
export interface WasiImports {
  readonly functions: Record<string, HostFunction>;
  bindMemory(memory: WebAssembly.Memory): void;
}

/** Functions whose first argument is an fd and that must never act on the host's fds 0-2. */
function isFdFunction(name: string): boolean {
  return name.startsWith("fd_") || name.startsWith("sock_");
}

/** Builds the `wasi_snapshot_preview1` namespace for one call (a fresh instance each time). */
export function createWasiImports(options: WasiOptions): WasiImports {
  const wasi = new WASI({
    version: "preview1",
    args: [],
    env: { ...options.env },
    preopens: options.tmpDir === undefined ? {} : { "/tmp": options.tmpDir },
  });
  const base = wasi.wasiImport as Record<string, (...args: unknown[]) => unknown>;
  let memory: WebAssembly.Memory | undefined;
  let stdinAt = 0;

  const view = (): DataView => {
    if (!memory) throw new Error("WASI call before the module's memory was bound");
    return new DataView(memory.buffer);
  };

  /** Walks an iovec array: calls `each(ptr, len)` and returns the bytes handled. */
  const walkIovs = (iovs: number, count: number, each: (p: number, l: number) => number) => {
    const dv = view();
    let total = 0;
    for (let i = 0; i < count; i++) {
      const ptr = dv.getUint32(iovs + i * 8, true);
      const len = dv.getUint32(iovs + i * 8 + 4, true);
      const done = each(ptr, len);
      total += done;
      if (done < len) break;
    }
    return total;
  };

  const writeStd = (fd: number, iovs: number, count: number, nwritten: number): number => {
    const sink = fd === 1 ? options.stdout : options.stderr;
    const total = walkIovs(iovs, count, (ptr, len) => {
      sink.push(new Uint8Array(view().buffer, ptr, len));
      return len;
    });
    view().setUint32(nwritten, total, true);
    return ERRNO_SUCCESS;
  };

  let pending = options.stdin;
  let stdinEnded = options.moreStdin === undefined;
  const readStdin = (iovs: number, count: number, nread: number): number => {
    if (stdinAt >= pending.length && !stdinEnded) {
      // Like a blocking read(2): wait for at least one byte (or the end) from the parent.
      const first = view().getUint32(iovs + 4, true);
      const more = options.moreStdin?.(Math.max(1, first));
      if (more === undefined || more.length === 0) stdinEnded = true;
      else {
        pending = more;
        stdinAt = 0;
      }
    }
    const total = walkIovs(iovs, count, (ptr, len) => {
      const chunk = pending.subarray(stdinAt, stdinAt + len);
      new Uint8Array(view().buffer, ptr, chunk.length).set(chunk);
      stdinAt += chunk.length;
      return chunk.length;
    });
    view().setUint32(nread, total, true);
    return ERRNO_SUCCESS;
  };

  const functions: Record<string, HostFunction> = {};
  for (const name of Object.keys(base)) {
    const original = base[name] as (...args: unknown[]) => unknown;
    functions[name] = (_context, ...args) => {
      const fd = args[0];
      if (name.startsWith("sock_")) return ERRNO_NOTSUP;
      if (isFdFunction(name) && typeof fd === "number" && fd >= 0 && fd <= 2) {
        if (name === "fd_write" && fd > 0) return writeStd(fd, args[1], args[2], args[3]);
        if (name === "fd_read" && fd === 0) return readStdin(args[1], args[2], args[3]);
        if (name === "fd_fdstat_get") return original(...args);
        return ERRNO_BADF;
      }
      if (name === "fd_renumber" && typeof args[1] === "number" && args[1] <= 2) return ERRNO_BADF;
      return original(...args);
    };
  }
  functions.proc_exit = (_context, code: number) => {
    throw new ProcExit(code);
  };
  functions.proc_raise = (_context, signal: number) => {
    throw new ProcExit(128 + signal);
  };
  return {
    functions,
    bindMemory(m) {
      memory = m;
      (wasi as unknown as { setMemory(m: WebAssembly.Memory): void }).setMemory(m);
    },
  };
}
