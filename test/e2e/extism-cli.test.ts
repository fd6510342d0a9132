/**
 * extism/v1 cli/v1 plugins run as `dist/hcp <name>`, installed the way users install them
 * (`hcp plugin install <dir>`, a local development install). Each hostile fixture from
 * test/fixtures/wasm is one plugin; every test checks hcp's exit code and both streams.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { assembleFixture } from "../fixtures/wasm/assemble.ts";
import { pluginYaml } from "../fixtures/wasm/harness.ts";
import {
  createTestEnv,
  HCP_BIN,
  hasHcpBinary,
  type ProcessResult,
  runProcess,
  type TestEnv,
} from "../helpers/env.ts";

const binary = hasHcpBinary("extism CLI e2e");

/** name → [fixture, runtimeConfig] */
const PLUGINS: Record<string, [string, string]> = {
  "wasm-echo": ["echo", "config:\n  greeting: hola"],
  "wasm-exit": ["exit-code", ""],
  "wasm-fail": ["exit-code", "entryFuncName: fail"],
  "wasm-trap": ["exit-code", "entryFuncName: trap"],
  "wasm-loop": ["loop", "timeout: 300"],
  "wasm-wasi": ["wasi", ""],
  "wasm-exit7": ["wasi", "entryFuncName: exit7"],
  "wasm-memory": ["memory", "memory:\n  maxPages: 20"],
  "wasm-http": ["http", 'allowedHosts: ["https://example.invalid"]'],
  "wasm-noisy": ["log-spam", ""],
  "wasm-stdin": ["wasi", "entryFuncName: read_stdin"],
  "wasm-progress": ["write-then-loop", "timeout: 300"],
};

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv({ prefix: "hcp-extism-e2e-" });
  if (!binary) return;
  for (const [name, [fixture, runtimeConfig]] of Object.entries(PLUGINS)) {
    const dir = join(env.work, name);
    await mkdir(dir, { recursive: true });
    await Bun.write(join(dir, "plugin.yaml"), pluginYaml(name, runtimeConfig));
    await Bun.write(join(dir, "plugin.wasm"), await assembleFixture(fixture));
    const installed = await runProcess([HCP_BIN, "plugin", "install", dir], { env: env.env });
    if (installed.exitCode !== 0) throw new Error(`install ${name}: ${installed.stderr}`);
  }
});
afterAll(() => env[Symbol.asyncDispose]());

const hcp = (...args: string[]): Promise<ProcessResult> =>
  runProcess([HCP_BIN, ...args], { env: env.env });

/** stderr without the local-development warning every dev-installed plugin prints. */
const errors = (r: ProcessResult) =>
  r.stderr
    .split("\n")
    .filter((l) => l !== "" && !l.startsWith("WARNING: running plugin"))
    .join("\n");

describe.skipIf(!binary)("dist/hcp <extism cli plugin>", () => {
  test("echo: WASI stdout is the command's output; config reaches the plugin", async () => {
    const r = await hcp("wasm-echo", "a", "--b=c");
    expect(r).toMatchObject({ exitCode: 0, stdout: '{"extraArgs":["a","--b=c"]}' });
    expect(errors(r)).toBe("hola");
  });

  test("guest logs appear only with --debug, on stderr", async () => {
    expect((await hcp("wasm-echo")).stderr).not.toContain("echo called");
    const r = await hcp("wasm-echo", "--debug");
    expect(r.stdout).toBe('{"extraArgs":[]}');
    expect(r.stderr).toContain("echo called");
  });

  test.each([
    { name: "wasm-exit", code: 3, err: 'Error: plugin "wasm-exit" exited with error' },
    {
      name: "wasm-fail",
      code: 1,
      err: "Error: plugin error: boom from wasm",
    },
    {
      name: "wasm-exit7",
      code: 1,
      err: "Error: plugin error: module closed with exit_code(7)",
    },
    {
      name: "wasm-trap",
      code: 1,
      err: "Error: plugin error: wasm error: unreachable",
    },
  ])("$name exits $code with Helm 4.1.4's error line", async ({ name, code, err }) => {
    const r = await hcp(name);
    expect(r.exitCode).toBe(code);
    expect(r.stdout).toBe("");
    expect(errors(r)).toBe(err);
  });

  test("an infinite loop is killed at runtimeConfig.timeout", async () => {
    const r = await hcp("wasm-loop");
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe("");
    expect(errors(r)).toStartWith(
      "Error: plugin error: module closed with context deadline exceeded",
    );
  });

  test("stdout is streamed: output written before a timeout still reaches the user", async () => {
    const r = await hcp("wasm-progress");
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe("progress: step 1 of 2\n");
    expect(errors(r)).toStartWith(
      "Error: plugin error: module closed with context deadline exceeded",
    );
  });

  test("proc_exit(0) after writing to WASI stdout: hcp finishes normally (exit 0)", async () => {
    const r = await hcp("wasm-wasi");
    expect(r).toMatchObject({ exitCode: 0, stdout: "kind: Secret # injected by wasi\n" });
    expect(errors(r)).toBe("wasi stderr line");
  });

  test("memory growth stops at maxPages and fails cleanly (the output is not a cli/v1 message)", async () => {
    const r = await hcp("wasm-memory");
    expect(r.exitCode).toBe(1);
    expect(errors(r)).toContain("failed to json marshal plugin output message");
  });

  test("a request to a host not in allowedHosts is refused", async () => {
    const r = await hcp("wasm-http");
    expect(r.exitCode).toBe(1);
    expect(errors(r)).toContain('plugin error: HTTP request to "" is not allowed by allowedHosts');
  });

  test.each([
    { stdin: '{"data":{"from":"stdin"}}', code: 0, err: "" },
    {
      stdin: "not json",
      code: 1,
      err: "Error: failed to json marshal plugin output message: reflect.Value:",
    },
  ])("hcp's stdin reaches the guest when it reads fd 0 ($stdin)", async ({ stdin, code, err }) => {
    const r = await runProcess([HCP_BIN, "wasm-stdin"], { env: env.env, stdin });
    expect(r.exitCode).toBe(code);
    expect(errors(r)).toStartWith(err);
  });

  test("a plugin that never reads stdin does not wait for an open stdin pipe", async () => {
    const proc = Bun.spawn([HCP_BIN, "wasm-echo"], {
      env: env.env,
      stdin: "pipe",
      stdout: "pipe",
      stderr: "pipe",
    });
    const stdout = await new Response(proc.stdout).text();
    expect(await proc.exited).toBe(0);
    expect(stdout).toBe('{"extraArgs":[]}');
    proc.stdin.end();
  });

  test("log spam stays off stderr; relayed stdout is capped with a warning", async () => {
    const r = await hcp("wasm-noisy");
    expect(r.exitCode).toBe(0);
    expect(r.stderr).not.toContain("spam spam");
    expect(r.stdout.length).toBe(16 * 1024 * 1024);
    expect(errors(r)).toBe(
      `WARNING: plugin "wasm-noisy": output beyond ${16 * 1024 * 1024} bytes on stdout/stderr was dropped`,
    );
  });
});
