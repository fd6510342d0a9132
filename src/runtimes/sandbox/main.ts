/**
 * The sandbox child: `hcp __sandbox`. Reads invoke frames from stdin, compiles (cached per
 * digest and page limit), instantiates and calls the guest with @extism/extism in the
 * foreground, and answers with one result frame per call. Every host-reaching capability is
 * hcp's own (see wasi.ts, host.ts). The parent kills this process on timeout; the address
 * space limit is applied by the parent when spawning. Never writes to stdout except frames.
 */
import { createHostFunctions, HostLimitError } from "./host.ts";
import type { InvokeRequest, InvokeResult } from "./protocol.ts";
import { readFrameSync, writeFrameSync } from "./sync-io.ts";
import { WARM_UP_FLAG, warmUpWasm } from "./warm-up.ts";
import { CappedBuffer, createWasiImports, ProcExit } from "./wasi.ts";
import { clampMemoryLimits, WasmLimitError } from "./wasm-limits.ts";

const modules = new Map<string, WebAssembly.Module>();

function sha256(bytes: Uint8Array): string {
  return `sha256:${new Bun.CryptoHasher("sha256").update(bytes).digest("hex")}`;
}

/** Compiles the clamped module, or takes it from the per-process cache. */
function compile(
  request: Pick<InvokeRequest, "digest" | "maxPages">,
  wasm: Uint8Array | undefined,
): WebAssembly.Module {
  const key = `${request.digest}/${request.maxPages}`;
  const cached = modules.get(key);
  if (cached) return cached;
  if (wasm === undefined) throw new Error(`module ${request.digest} is not cached in the sandbox`);
  if (sha256(wasm) !== request.digest) throw new Error("module bytes do not match their digest");
  const { bytes } = clampMemoryLimits(wasm, request.maxPages);
  const module = new WebAssembly.Module(bytes);
  modules.set(key, module);
  return module;
}

/** Asks the parent for more of hcp's stdin; undefined at its end. */
function askStdin(max: number): Uint8Array | undefined {
  writeFrameSync({ op: "stdin", max });
  const answer = readFrameSync();
  if (answer === undefined || answer.header.op !== "stdin-data") {
    throw new HostLimitError("sandbox lost its parent while reading stdin");
  }
  return answer.header.eof && answer.body.length === 0 ? undefined : answer.body;
}

/** Engine messages in Helm's (wazero's) words where one exists, without JSC's source note. */
function describe(err: unknown): string {
  if (err instanceof RangeError && /call stack/i.test(err.message))
    return "wasm error: stack overflow";
  const text = (err instanceof Error ? err.message : String(err)).replace(
    / \(evaluating '.*'\)$/s,
    "",
  );
  if (err instanceof WebAssembly.RuntimeError) {
    return `wasm error: ${/^Unreachable code/.test(text) ? "unreachable" : text}`;
  }
  return text;
}

interface CallOutcome {
  status: InvokeResult["status"];
  rc: number;
  message?: string;
}

async function invoke(request: InvokeRequest, body: Uint8Array): Promise<void> {
  let at = 0;
  // Copies: the SDK stores an input view's whole underlying buffer, ignoring its offset.
  const take = (n: number) => {
    const part = body.slice(at, at + n);
    at += n;
    return part;
  };
  const wasm = request.wasmLength > 0 ? take(request.wasmLength) : undefined;
  const input = take(request.inputLength);
  const stdin = take(request.stdinLength);
  // Streamed stdio goes to the parent as it is written (a CLI plugin's progress shows live).
  const forward = (fd: 1 | 2) =>
    request.streamStdio ? (b: Uint8Array) => writeFrameSync({ op: "stdio", fd }, b) : undefined;
  const stdout = new CappedBuffer(request.maxStdioBytes, forward(1));
  const stderr = new CappedBuffer(request.maxStdioBytes, forward(2));
  const host = createHostFunctions({
    ...request,
    requestHttp(http, requestBody) {
      writeFrameSync({ op: "http", ...http }, requestBody);
      const answer = readFrameSync();
      if (answer === undefined || answer.header.op !== "http-response") {
        throw new HostLimitError("sandbox lost its parent during an HTTP request");
      }
      return { header: answer.header, body: answer.body };
    },
  });
  const outcome = await run(request, wasm, input, { stdin, stdout, stderr }, host);
  const output = host.state.output ?? new Uint8Array();
  const out = stdout.bytes();
  const err = stderr.bytes();
  const result: InvokeResult = {
    op: "result",
    ...outcome,
    outputSet: host.state.output !== undefined,
    outputLength: output.length,
    stdoutLength: out.length,
    stderrLength: err.length,
    logs: host.state.logs,
    truncated: {
      stdout: stdout.truncated,
      stderr: stderr.truncated,
      logs: host.state.logsTruncated,
    },
  };
  const all = new Uint8Array(output.length + out.length + err.length);
  all.set(output, 0);
  all.set(out, output.length);
  all.set(err, output.length + out.length);
  writeFrameSync(result, all);
}

async function run(
  request: InvokeRequest,
  wasm: Uint8Array | undefined,
  input: Uint8Array,
  stdio: { stdin: Uint8Array; stdout: CappedBuffer; stderr: CappedBuffer },
  host: ReturnType<typeof createHostFunctions>,
): Promise<CallOutcome> {
  const { createPlugin } = await import("@extism/extism");
  let wasi: ReturnType<typeof createWasiImports>;
  try {
    wasi = createWasiImports({
      env: request.env,
      ...(request.tmpDir === undefined ? {} : { tmpDir: request.tmpDir }),
      ...(request.stdinLive ? { moreStdin: askStdin } : {}),
      ...stdio,
    });
  } catch (err) {
    return { status: "load", rc: 1, message: `WASI preview1 is unavailable: ${describe(err)}` };
  }
  let plugin: Awaited<ReturnType<typeof createPlugin>>;
  let rc = 0;
  try {
    const module = compile(request, wasm);
    // WASI is hcp's own namespace (useWasi stays off so the SDK neither builds its own nor
    // runs initialisers before hcp has bound the memory); the reactor initialiser runs below.
    plugin = await withEntryWrapped(
      request.entry,
      (code) => (rc = code),
      () =>
        createPlugin(
          { wasm: [{ module }] },
          {
            useWasi: false,
            config: { ...request.config },
            logger: host.logger,
            functions: {
              wasi_snapshot_preview1: wasi.functions,
              "extism:host/env": host.functions,
            },
          },
        ),
    );
    const instance = await plugin.getInstance();
    const memory = instance.exports.memory;
    if (memory instanceof WebAssembly.Memory) wasi.bindMemory(memory);
    const init = instance.exports._initialize;
    if (typeof init === "function") init();
  } catch (err) {
    if (err instanceof ProcExit) return exitOutcome(err);
    const reason = err instanceof WasmLimitError ? err.message : describe(err);
    return { status: "load", rc: 1, message: reason };
  }
  try {
    if (!(await plugin.functionExists(request.entry))) {
      return { status: "trap", rc: 1, message: `unknown function: ${request.entry}` };
    }
    await plugin.call(request.entry, input);
    if (host.state.error !== undefined)
      return { status: "plugin-error", rc, message: host.state.error };
    return { status: "ok", rc };
  } catch (err) {
    if (err instanceof ProcExit) return exitOutcome(err);
    if (host.state.error !== undefined)
      return { status: "plugin-error", rc: 1, message: host.state.error };
    return { status: "trap", rc: 1, message: describe(err) };
  } finally {
    await plugin.close();
  }
}

function exitOutcome(err: ProcExit): CallOutcome {
  return err.code === 0
    ? { status: "ok", rc: 0 }
    : { status: "exit", rc: err.code, message: err.message };
}

/**
 * The SDK calls the entry export and drops its i32 result (Helm's exit code). While the SDK
 * instantiates, hand it an instance whose entry export records that result. Scoped to one
 * createPlugin call in this single-purpose process.
 */
async function withEntryWrapped<T>(
  entry: string,
  record: (code: number) => void,
  create: () => Promise<T>,
): Promise<T> {
  const original = WebAssembly.instantiate;
  const instantiate = original as (
    m: WebAssembly.Module,
    i?: object,
  ) => Promise<WebAssembly.Instance>;
  const patched = async (module: WebAssembly.Module, imports?: object) => {
    const instance = await instantiate(module, imports);
    const exports: Record<string, unknown> = { ...instance.exports };
    const fn = instance.exports[entry];
    if (typeof fn === "function") {
      exports[entry] = () => {
        const code = Number((fn as () => unknown)()) | 0;
        record(code);
        return code;
      };
    }
    return { exports } as unknown as WebAssembly.Instance;
  };
  (WebAssembly as { instantiate: unknown }).instantiate = patched;
  try {
    return await create();
  } finally {
    (WebAssembly as { instantiate: unknown }).instantiate = original;
  }
}

/**
 * Runs hcp's own warm-up module once through the same path as a call (compile, SDK, WASI, host
 * functions, entry), with small limits and no HTTP, and forgets its compiled module. What
 * matters is the side effect: the code a first plugin call runs has run before. Returns the
 * call's status ("ok" unless something is broken). Never writes frames.
 */
export async function warmUp(): Promise<InvokeResult["status"]> {
  const wasm = warmUpWasm();
  const input = new TextEncoder().encode('{"warm":true}');
  const request: InvokeRequest = {
    op: "invoke",
    digest: sha256(wasm),
    wasmLength: wasm.length,
    inputLength: input.length,
    stdinLength: 0,
    pluginName: "hcp-warm-up",
    entry: "helm_plugin_main",
    config: {},
    maxPages: 1,
    maxHostAllocBytes: 65_536,
    maxVarBytes: 1024,
    maxHttpResponseBytes: 0,
    maxOutputBytes: 4096,
    maxStdioBytes: 4096,
    maxLogBytes: 1024,
    httpEnabled: false,
    env: {},
    stdinLive: false,
    streamStdio: false,
  };
  const host = createHostFunctions({
    ...request,
    requestHttp() {
      throw new HostLimitError("the warm-up module makes no HTTP requests");
    },
  });
  const stdio = {
    stdin: new Uint8Array(),
    stdout: new CappedBuffer(request.maxStdioBytes),
    stderr: new CappedBuffer(request.maxStdioBytes),
  };
  const outcome = await run(request, wasm, input, stdio, host);
  modules.delete(`${request.digest}/${request.maxPages}`);
  return outcome.status;
}

/** Runs the frame loop until the parent closes stdin; returns the exit code. */
export async function runSandbox(): Promise<number> {
  // Load the SDK before blocking on the first frame: the parent is still busy with its
  // trust check, so this overlaps.
  await import("@extism/extism");
  if (process.argv.includes(WARM_UP_FLAG)) {
    // Started early for a render (the parent is still loading the chart): use the wait.
    Bun.unsafe.setJITPolicy(1);
    try {
      await warmUp();
    } catch {
      // Only a head start: the real call reports its own errors.
    }
  }
  for (;;) {
    const frame = readFrameSync();
    if (frame === undefined) return 0;
    if (frame.header.op === "compile") {
      try {
        compile(frame.header, frame.body);
      } catch {
        // The invoke that follows compiles again and reports the error.
      }
      continue;
    }
    if (frame.header.op !== "invoke") return 2;
    // Calls run with the normal JIT policy (hcp's main.ts raised it for startup only).
    Bun.unsafe.setJITPolicy(1);
    await invoke(frame.header, frame.body);
  }
}
