/**
 * The wire protocol between hcp (parent) and its Wasm sandbox child: length-prefixed frames
 * over the child's stdin (parent → child) and stdout (child → parent). A frame is
 * `u32le headerLength, u32le bodyLength, header (UTF-8 JSON), body (bytes)`. Pure.
 */

/** Largest header a peer accepts (JSON: config, env, logs). */
export const MAX_FRAME_HEADER_BYTES = 16 * 1024 * 1024;
/** Largest body a peer accepts (module bytes, input, output, captured stdio). */
export const MAX_FRAME_BODY_BYTES = 1024 * 1024 * 1024;

/** One invocation, parent → child. Body = wasm (if wasmLength > 0) + input + stdin. */
export interface InvokeRequest {
  readonly op: "invoke";
  /** `sha256:<hex>` of the original (unclamped) module bytes. */
  readonly digest: string;
  /** 0 when the child already holds this digest compiled. */
  readonly wasmLength: number;
  readonly inputLength: number;
  readonly stdinLength: number;
  readonly pluginName: string;
  readonly entry: string;
  readonly config: Readonly<Record<string, string>>;
  /** Effective page limit for linear memory (already clamped to hcp's ceiling). */
  readonly maxPages: number;
  /** Bytes the guest may allocate through the host `alloc` during one call. */
  readonly maxHostAllocBytes: number;
  readonly maxVarBytes: number;
  readonly maxHttpResponseBytes: number;
  readonly maxOutputBytes: number;
  readonly maxStdioBytes: number;
  readonly maxLogBytes: number;
  /** Whether any host is allowed (the parent checks each request again). */
  readonly httpEnabled: boolean;
  readonly env: Readonly<Record<string, string>>;
  /** Host directory mounted at guest /tmp, if any. */
  readonly tmpDir?: string;
  /** After the stdin bytes in the body, ask the parent for more (hcp's own stdin, read lazily). */
  readonly stdinLive: boolean;
  /** Send guest stdout/stderr as StdioFrames while the call runs instead of in the result. */
  readonly streamStdio: boolean;
}

/**
 * Compile a module ahead of its call, parent → child; no answer. Body = the module bytes. Sent
 * only after the trust gate has passed these bytes; the child compiles (never instantiates)
 * and caches the module for a later invoke of the same digest and page limit. A failure is
 * dropped: the invoke compiles again and reports it.
 */
export interface CompileRequest {
  readonly op: "compile";
  readonly digest: string;
  readonly maxPages: number;
}

/** Guest output on fd 1 or 2, child → parent (mid-call, when streaming). Body = the bytes. */
export interface StdioFrame {
  readonly op: "stdio";
  readonly fd: 1 | 2;
}

/** The guest read past the stdin it was given, child → parent (mid-call). */
export interface StdinRequestFrame {
  readonly op: "stdin";
  /** Most bytes the guest can take now. */
  readonly max: number;
}

/** The parent's answer: up to `max` bytes of its stdin (empty body + eof at the end). */
export interface StdinDataFrame {
  readonly op: "stdin-data";
  readonly eof: boolean;
}

/** An HTTP request from the guest, child → parent (mid-call). Body = request body. */
export interface HttpRequestFrame {
  readonly op: "http";
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** The parent's answer to an HttpRequestFrame. Body = response body. */
export interface HttpResponseFrame {
  readonly op: "http-response";
  readonly status: number;
  /** Set when the request was refused or failed; the guest call then traps. */
  readonly error?: string;
}

/** One captured guest log line. */
export interface LogEntry {
  readonly level: string;
  readonly text: string;
}

/** How a call ended, child → parent. Body = output + stdout + stderr. */
export interface InvokeResult {
  readonly op: "result";
  /**
   * `ok`: the entry returned (rc says what); `plugin-error`: the guest set an Extism error;
   * `exit`: WASI proc_exit; `trap`: a Wasm trap or host-side refusal; `load`: the module did
   * not compile or instantiate.
   */
  readonly status: "ok" | "plugin-error" | "exit" | "trap" | "load";
  readonly rc: number;
  readonly message?: string;
  readonly outputSet: boolean;
  readonly outputLength: number;
  readonly stdoutLength: number;
  readonly stderrLength: number;
  readonly logs: readonly LogEntry[];
  readonly truncated: {
    readonly stdout: boolean;
    readonly stderr: boolean;
    readonly logs: boolean;
  };
}

/** Any header a frame may carry. */
export type FrameHeader =
  | InvokeRequest
  | CompileRequest
  | HttpRequestFrame
  | HttpResponseFrame
  | StdinRequestFrame
  | StdinDataFrame
  | StdioFrame
  | InvokeResult;

/** A decoded frame. */
export interface Frame<H = FrameHeader> {
  readonly header: H;
  readonly body: Uint8Array;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Encodes a frame: 8-byte prefix, header JSON, body. */
export function encodeFrame(header: FrameHeader, body: Uint8Array = new Uint8Array()): Uint8Array {
  const head = encoder.encode(JSON.stringify(header));
  const out = new Uint8Array(8 + head.length + body.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, head.length, true);
  view.setUint32(4, body.length, true);
  out.set(head, 8);
  out.set(body, 8 + head.length);
  return out;
}

/** Reads the two lengths of a frame prefix and checks them against the caps. */
export function readFramePrefix(prefix: Uint8Array): { headerLength: number; bodyLength: number } {
  const view = new DataView(prefix.buffer, prefix.byteOffset, 8);
  const headerLength = view.getUint32(0, true);
  const bodyLength = view.getUint32(4, true);
  if (headerLength > MAX_FRAME_HEADER_BYTES || bodyLength > MAX_FRAME_BODY_BYTES) {
    throw new Error(`sandbox frame too large (header ${headerLength}, body ${bodyLength} bytes)`);
  }
  return { headerLength, bodyLength };
}

/** Parses a frame header; rejects anything without a known `op`. */
export function parseFrameHeader(bytes: Uint8Array): FrameHeader {
  const value: unknown = JSON.parse(decoder.decode(bytes));
  if (typeof value !== "object" || value === null || !("op" in value)) {
    throw new Error("sandbox frame without an op");
  }
  const op = (value as { op: unknown }).op;
  const known = [
    "invoke",
    "compile",
    "http",
    "http-response",
    "stdin",
    "stdin-data",
    "stdio",
    "result",
  ];
  if (typeof op !== "string" || !known.includes(op)) {
    throw new Error(`unknown sandbox frame op ${JSON.stringify(op)}`);
  }
  return value as FrameHeader;
}
