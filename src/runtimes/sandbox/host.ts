/**
 * hcp's replacements for the Extism kernel functions the JS SDK leaves unguarded: `alloc`
 * with a byte and block budget, `output_set`/`error_set` recorded here (so a proc_exit(0)
 * keeps its output and the output cap is checked), `var_set` under `maxVarBytes`, guest logs
 * into a capped list, and `http_request` answered by the parent, which owns the host policy.
 */
import type { HttpResponseFrame, LogEntry } from "./protocol.ts";

/** A host-side refusal: the guest call traps with this message. */
export class HostLimitError extends Error {
  override readonly name = "HostLimitError";
}

/** The part of the SDK's CallContext hcp uses (its public methods). */
export interface KernelContext {
  alloc(size: bigint | number): bigint;
  read(addr: bigint | number): { bytes(): Uint8Array; text(): string } | null;
  store(input: string | Uint8Array): bigint;
  setVariable(name: string, value: string | Uint8Array): bigint;
}

/** Limits and channels for one call. */
export interface HostOptions {
  readonly maxHostAllocBytes: number;
  readonly maxVarBytes: number;
  readonly maxHttpResponseBytes: number;
  readonly maxOutputBytes: number;
  readonly maxLogBytes: number;
  readonly httpEnabled: boolean;
  /** Sends an HTTP request to the parent and blocks for its answer. */
  readonly requestHttp: (
    request: { method: string; url: string; headers: Record<string, string> },
    body: Uint8Array,
  ) => { header: HttpResponseFrame; body: Uint8Array };
}

/** What the guest produced through the kernel during one call. */
export interface HostState {
  output: Uint8Array | undefined;
  error: string | undefined;
  readonly logs: LogEntry[];
  logsTruncated: boolean;
}

/** Extism blocks are addressed as index << 48 in the SDK; past 65,535 they wrap. */
const MAX_BLOCKS = 60_000;
const MAX_ERROR_BYTES = 64 * 1024;

// biome-ignore lint/suspicious/noExplicitAny: host functions take Wasm numbers of any width
type KernelFunction = (context: KernelContext, ...args: any[]) => unknown;

/** Builds the `extism:host/env` overrides and the state they fill. */
export function createHostFunctions(options: HostOptions): {
  functions: Record<string, KernelFunction>;
  state: HostState;
  logger: Console;
} {
  const state: HostState = { output: undefined, error: undefined, logs: [], logsTruncated: false };
  let allocated = 0;
  let blocks = 0;
  let varBytes = 0;
  let logBytes = 0;
  let lastStatus = 0;

  const log = (level: string, text: string) => {
    if (logBytes + text.length > options.maxLogBytes) {
      state.logsTruncated = true;
      return;
    }
    logBytes += text.length;
    state.logs.push({ level, text });
  };
  const logAt = (level: string) => (context: KernelContext, addr: bigint) => {
    log(level, context.read(addr)?.text() ?? "");
  };

  const functions: Record<string, KernelFunction> = {
    alloc(context, size: bigint) {
      const n = Number(size);
      allocated += n;
      blocks += 1;
      if (allocated > options.maxHostAllocBytes) {
        throw new HostLimitError(
          `host memory limit exceeded: the plugin allocated more than ${options.maxHostAllocBytes} bytes`,
        );
      }
      if (blocks > MAX_BLOCKS) {
        throw new HostLimitError(`host memory limit exceeded: more than ${MAX_BLOCKS} blocks`);
      }
      return context.alloc(size);
    },
    output_set(context, addr: bigint, length: bigint) {
      const n = Number(length);
      if (n > options.maxOutputBytes) {
        throw new HostLimitError(
          `plugin output of ${n} bytes exceeds the ${options.maxOutputBytes} byte limit`,
        );
      }
      const bytes = context.read(addr)?.bytes() ?? new Uint8Array();
      state.output = bytes.slice(0, n);
    },
    error_set(context, addr: bigint) {
      const bytes = context.read(addr)?.bytes() ?? new Uint8Array();
      state.error = new TextDecoder().decode(bytes.subarray(0, MAX_ERROR_BYTES));
    },
    var_set(context, keyAddr: bigint, valueAddr: bigint) {
      if (options.maxVarBytes <= 0) {
        throw new HostLimitError("Extism vars are disabled (memory.maxVarBytes is 0)");
      }
      const key = context.read(keyAddr)?.text() ?? "";
      const value =
        valueAddr === 0n
          ? new Uint8Array()
          : (context.read(valueAddr)?.bytes() ?? new Uint8Array());
      varBytes += key.length + value.length;
      if (varBytes > options.maxVarBytes) {
        throw new HostLimitError(`Extism vars exceed memory.maxVarBytes (${options.maxVarBytes})`);
      }
      context.setVariable(key, value);
    },
    http_request(context, requestAddr: bigint, bodyAddr: bigint) {
      const text = context.read(requestAddr)?.text() ?? "";
      let request: { url?: unknown; method?: unknown; headers?: unknown };
      try {
        request = JSON.parse(text) as typeof request;
      } catch {
        throw new HostLimitError("http_request: the request is not valid JSON");
      }
      const url = typeof request.url === "string" ? request.url : "";
      if (!options.httpEnabled) {
        throw new HostLimitError(`HTTP request to "${url}" is not allowed (no allowedHosts)`);
      }
      const headers: Record<string, string> = {};
      if (typeof request.headers === "object" && request.headers !== null) {
        for (const [k, v] of Object.entries(request.headers)) {
          if (typeof v === "string") headers[k] = v;
        }
      }
      const body =
        bodyAddr === 0n ? new Uint8Array() : (context.read(bodyAddr)?.bytes() ?? new Uint8Array());
      const method = typeof request.method === "string" ? request.method : "GET";
      const answer = options.requestHttp({ method, url, headers }, body);
      if (answer.header.error !== undefined) throw new HostLimitError(answer.header.error);
      lastStatus = answer.header.status;
      if (answer.body.length > options.maxHttpResponseBytes) {
        throw new HostLimitError(
          `HTTP response of ${answer.body.length} bytes exceeds memory.maxHttpResponseBytes (${options.maxHttpResponseBytes})`,
        );
      }
      return answer.body.length === 0 ? 0n : context.store(answer.body);
    },
    http_status_code() {
      return lastStatus;
    },
    log_trace: logAt("trace"),
    log_debug: logAt("debug"),
    log_info: logAt("info"),
    log_warn: logAt("warn"),
    log_error: logAt("error"),
    get_log_level() {
      return 0;
    },
  };

  // The SDK's own logger is used by its default log_* functions; route it here too.
  const sink =
    (level: string) =>
    (...parts: unknown[]) =>
      log(level, parts.map(String).join(" "));
  const logger = {
    trace: sink("trace"),
    debug: sink("debug"),
    info: sink("info"),
    log: sink("info"),
    warn: sink("warn"),
    error: sink("error"),
  } as unknown as Console;
  return { functions, state, logger };
}
