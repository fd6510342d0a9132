import { afterAll, describe, expect, test } from "bun:test";
import { readdir } from "node:fs/promises";
import { assembleFixture } from "../../test/fixtures/wasm/assemble.ts";
import {
  createPluginDirs,
  metadataFor,
  recordingGate,
  recordingLogger,
} from "../../test/fixtures/wasm/harness.ts";
import { isHcpError } from "../errors.ts";
import { InvokeExecError, type PluginOutputMessage } from "../plugin/index.ts";
import { createExtismRuntime, wasmDigest } from "./extism.ts";

const decoder = new TextDecoder();
const log = recordingLogger();
const runtime = createExtismRuntime({ log });
const dirs = await createPluginDirs();
afterAll(async () => {
  await runtime.close();
  await dirs[Symbol.asyncDispose]();
});

/** Installs `fixture` as plugin `name` and runs it once with a cli/v1 message. */
async function runCli(
  name: string,
  fixture: string,
  runtimeConfig = "",
  extraArgs: string[] = [],
): Promise<{ message: PluginOutputMessage; stdout: string; stderr: string }> {
  const dir = await dirs.install(name, fixture, runtimeConfig);
  const plugin = runtime.create(dir, metadataFor(name, runtimeConfig), {
    trustGate: recordingGate(),
  });
  let stdout = "";
  let stderr = "";
  const { message } = await plugin.invoke({
    message: { type: "cli/v1", extraArgs },
    stdout: (b) => {
      stdout += decoder.decode(b);
    },
    stderr: (b) => {
      stderr += decoder.decode(b);
    },
  });
  return { message, stdout, stderr };
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error("expected the call to fail");
}

describe("extism/v1 runtime", () => {
  test("echo: input JSON in, output back, stdout and stderr captured, config passed", async () => {
    const got = await runCli("echo", "echo", "config:\n  greeting: hola", ["a", "--b"]);
    expect(got.message).toEqual({ type: "cli/v1", data: undefined });
    expect(got.stdout).toBe('{"extraArgs":["a","--b"]}');
    expect(got.stderr).toBe("hola");
  });

  test("guest logs go to the debug log, never to a stream", async () => {
    await runCli("echo-log", "echo");
    expect(log.lines.some((l) => l.includes("plugin log") && l.includes("echo called"))).toBe(true);
  });

  test("the trust gate sees the exact bytes and their sha256 before the sandbox does", async () => {
    const dir = await dirs.install("gated", "echo");
    const gate = recordingGate();
    await runtime
      .create(dir, metadataFor("gated"), { trustGate: gate })
      .invoke({ message: { type: "cli/v1", extraArgs: [] } });
    const wasm = await assembleFixture("echo");
    expect(gate.seen).toHaveLength(1);
    expect(gate.seen[0]?.bytes).toEqual(wasm);
    expect(gate.seen[0]?.who).toEqual({ name: "gated", dir, digest: wasmDigest(wasm) });
  });

  test("a refusing gate stops the call before any Wasm reaches the sandbox", async () => {
    const dir = await dirs.install("refused", "echo");
    const quiet = recordingLogger();
    const isolated = createExtismRuntime({ log: quiet });
    const refuse = async () => {
      throw new Error("not signed");
    };
    const err = await failure(
      isolated.create(dir, metadataFor("refused"), { trustGate: refuse }).invoke({
        message: { type: "cli/v1", extraArgs: [] },
      }),
    );
    expect(err.message).toBe("not signed");
    expect(quiet.lines.filter((l) => l.includes("sending module to wasm sandbox"))).toEqual([]);
    await isolated.close();
  });

  test("warm() asks the gate once for the call too and precompiles only what it passed", async () => {
    const dir = await dirs.install("warmed", "echo");
    const quiet = recordingLogger();
    const isolated = createExtismRuntime({ log: quiet });
    const gate = recordingGate();
    const metadata = metadataFor("warmed", "config:\n  greeting: warm");
    await isolated.warm(dir, metadata, { trustGate: gate });
    expect(quiet.lines.filter((l) => l.includes("precompiling module"))).toHaveLength(1);
    let stderr = "";
    await isolated.create(dir, metadata, { trustGate: gate }).invoke({
      message: { type: "cli/v1", extraArgs: [] },
      stderr: (b) => {
        stderr += decoder.decode(b);
      },
    });
    expect(stderr).toBe("warm");
    expect(gate.seen).toHaveLength(1);
    await isolated.close();
  });

  test("warm() with a refusing gate sends nothing; the call reports the one refusal", async () => {
    const dir = await dirs.install("warm-refused", "echo");
    const quiet = recordingLogger();
    const isolated = createExtismRuntime({ log: quiet });
    let asked = 0;
    const refuse = async () => {
      asked++;
      throw new Error("not signed");
    };
    await isolated.warm(dir, metadataFor("warm-refused"), { trustGate: refuse });
    const err = await failure(
      isolated.create(dir, metadataFor("warm-refused"), { trustGate: refuse }).invoke({
        message: { type: "cli/v1", extraArgs: [] },
      }),
    );
    expect(err.message).toBe("not signed");
    expect(asked).toBe(1);
    const sent = quiet.lines.filter((l) => /precompiling module|sending module/.test(l));
    expect(sent).toEqual([]);
    await isolated.close();
  });

  test("createFromWasm: a render/v1 plugin from bytes in memory, gate told no dir", async () => {
    const gate = recordingGate();
    const wasm = await assembleFixture("echo");
    const plugin = runtime.createFromWasm(wasm, metadataFor("from-bytes", "", "render/v1"), {
      trustGate: gate,
    });
    wasm.fill(0); // the runtime copied the bytes when the plugin was created
    const payload = { renderedFiles: { "templates/x.yaml": "ünïcødé: ✓\n" } };
    const { message } = await plugin.invoke({ message: { type: "render/v1", payload } });
    expect(message).toEqual({ type: "render/v1", payload });
    expect(gate.seen[0]?.who.dir).toBeUndefined();
    expect(gate.seen[0]?.who.digest).toBe(wasmDigest(await assembleFixture("echo")));
  });

  test("no trust gate: refused", async () => {
    const dir = await dirs.install("ungated", "echo");
    const err = await failure(
      runtime
        .create(dir, metadataFor("ungated"))
        .invoke({ message: { type: "cli/v1", extraArgs: [] } }),
    );
    expect(isHcpError(err, "PLUGIN_NO_TRUST_GATE")).toBe(true);
  });

  test("non-zero return without an error → InvokeExecError with that exit code", async () => {
    const err = await failure(runCli("exit-code", "exit-code"));
    expect(err).toBeInstanceOf(InvokeExecError);
    expect((err as InvokeExecError).exitCode).toBe(3);
    expect(err.message).toBe('plugin "exit-code" exited with error');
  });

  test.each([
    { entry: "fail", code: "PLUGIN_WASM_ERROR", text: "plugin error: boom from wasm" },
    { entry: "trap", code: "PLUGIN_WASM_TRAP", text: "plugin error: wasm error: unreachable" },
    { entry: "nosuch", code: "PLUGIN_WASM_TRAP", text: "plugin error: unknown function: nosuch" },
  ])("entry $entry → $code with Helm's message", async ({ entry, code, text }) => {
    const err = await failure(runCli(`exit-code-${entry}`, "exit-code", `entryFuncName: ${entry}`));
    expect(isHcpError(err, code)).toBe(true);
    expect(err.message).toBe(text);
    expect(isHcpError(err) && err.exitCode).toBe(1);
  });

  test.each([
    {
      maxVarBytes: 0,
      want: "error: plugin error: Extism vars are disabled (memory.maxVarBytes is 0)",
    },
    { maxVarBytes: 8, want: "error: plugin error: Extism vars exceed memory.maxVarBytes (8)" },
    { maxVarBytes: 64, want: "ok: value-0123456789" },
  ])("Extism vars under memory.maxVarBytes = $maxVarBytes", async ({ maxVarBytes, want }) => {
    const dir = await dirs.install(`vars-${maxVarBytes}`, "vars");
    const got = await runtimeOutput(
      runtime,
      dir,
      "vars",
      `memory:\n  maxVarBytes: ${maxVarBytes}`,
    ).then(
      (out) => `ok: ${out}`,
      (err: Error) => `error: ${err.message}`,
    );
    expect(got).toBe(want);
  });

  test("a module is sent to the sandbox once and reused from its cache", async () => {
    const quiet = recordingLogger();
    const isolated = createExtismRuntime({ log: quiet });
    const dir = await dirs.install("cached", "echo");
    const plugin = isolated.create(dir, metadataFor("cached"), { trustGate: recordingGate() });
    for (let i = 0; i < 3; i++) await plugin.invoke({ message: { type: "cli/v1", extraArgs: [] } });
    expect(quiet.lines.filter((l) => l.includes("sending module to wasm sandbox"))).toHaveLength(1);
    await isolated.close();
  });

  test("memory.maxPages below the kernel's 16 pages fails as in Helm", async () => {
    const err = await failure(runCli("tiny", "echo", "memory:\n  maxPages: 8"));
    expect(err.message).toBe(
      "failed to create existing plugin: instantiating extism module: section memory: min 16 pages (1 Mi) over limit of 8 pages (512 Ki)",
    );
  });

  test("hostFunctions: Helm registers none, so any entry fails", async () => {
    const err = await failure(runCli("hostfn", "echo", "hostFunctions: [kube_get]"));
    expect(err.message).toBe('plugin requested host function "kube_get" not found');
  });

  test("plugin.wasm missing → PLUGIN_WASM_MISSING naming the file", async () => {
    const dir = await dirs.install("nowasm", "echo");
    await Bun.file(`${dir}/plugin.wasm`).delete();
    const err = await failure(
      runtime.create(dir, metadataFor("nowasm"), { trustGate: recordingGate() }).invoke({
        message: { type: "cli/v1", extraArgs: [] },
      }),
    );
    expect(isHcpError(err, "PLUGIN_WASM_MISSING")).toBe(true);
  });

  test("not Wasm → a load error, not a crash", async () => {
    const dir = await dirs.install("garbage", "echo");
    await Bun.write(`${dir}/plugin.wasm`, "#!/bin/sh\necho hi\n");
    const err = await failure(
      runtime.create(dir, metadataFor("garbage"), { trustGate: recordingGate() }).invoke({
        message: { type: "cli/v1", extraArgs: [] },
      }),
    );
    expect(isHcpError(err, "PLUGIN_WASM_LOAD")).toBe(true);
    expect(err.message).toContain("not a WebAssembly module");
  });

  test("WASI stdin: bytes given by the caller are readable through fd_read", async () => {
    const dir = await dirs.install("stdin", "wasi", "entryFuncName: read_stdin");
    const meta = metadataFor("stdin", "entryFuncName: read_stdin");
    const plugin = runtime.create(dir, meta, { trustGate: recordingGate() });
    const { message } = await plugin.invoke({
      message: { type: "cli/v1", extraArgs: [] },
      stdin: new TextEncoder().encode('{"data":{"from":"stdin"}}'),
    });
    expect(message).toEqual({ type: "cli/v1", data: { from: "stdin" } });
  });

  test("fileSystem.createTempDir: a fresh /tmp, writable, no escape, removed afterwards", async () => {
    const root = await dirs.install("tmproot", "echo");
    const scoped = createExtismRuntime({ log, tempRoot: root });
    const dir = await dirs.install("tmpfile", "tmpfile", "fileSystem:\n  createTempDir: true");
    // WASI errno as two digits: 00 = success, 76 = ENOTCAPABLE.
    const run = await runtimeOutput(scoped, dir, "tmpfile", "fileSystem:\n  createTempDir: true");
    expect(run).toBe('{"create":00,"escape":76}');
    expect((await readdir(root)).filter((n) => n.startsWith("helm-plugin-"))).toEqual([]);
    await scoped.close();
  });

  test("without createTempDir the guest has no filesystem at all", async () => {
    const dir = await dirs.install("nofs", "tmpfile");
    const run = await runtimeOutput(runtime, dir, "nofs", "");
    // 08 = EBADF: there is no preopened directory.
    expect(run).toBe('{"create":08,"escape":08}');
  });
});

/** Runs a plugin through the guarded entry point and returns its raw output as text. */
async function runtimeOutput(
  rt: ReturnType<typeof createExtismRuntime>,
  dir: string,
  name: string,
  runtimeConfig: string,
): Promise<string> {
  const meta = metadataFor(name, runtimeConfig);
  if (meta.runtimeConfig.runtime !== "extism/v1") throw new Error("not extism");
  const result = await rt.invokeWasm({
    wasm: new Uint8Array(await Bun.file(`${dir}/plugin.wasm`).arrayBuffer()),
    name,
    dir,
    trustGate: recordingGate(),
    runtimeConfig: meta.runtimeConfig,
    input: new TextEncoder().encode("{}"),
  });
  return decoder.decode(result.output);
}
