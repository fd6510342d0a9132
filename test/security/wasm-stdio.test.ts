/**
 * Attack: a Wasm guest writes to hcp's stdout (WASI fd 1, log_info), ends hcp with
 * proc_exit(0), or floods logs with terminal escapes. Under the JS SDK all of these reach the
 * host process; in hcp the sandbox captures them and the parent decides where they go.
 */
import { describe, expect, test } from "bun:test";
import { runHarness } from "../fixtures/wasm/harness.ts";
import { hasHcpBinary } from "../helpers/env.ts";

const binary = hasHcpBinary("wasm stdio tests");

describe.skipIf(!binary)("wasm guest that reaches for hcp's process", () => {
  test("WASI stdout never reaches the host's stdout unless relayed on purpose", async () => {
    const run = await runHarness({ fixture: "wasi", stdout: "ignore" });
    expect(run.stdout).toBe('RESULT {"output":"{}","length":2}\n');
    expect(run.stderr).not.toContain("kind: Secret");
  });

  test("a CLI plugin's stdout is relayed by the parent when asked (inherit)", async () => {
    const run = await runHarness({ fixture: "wasi", stdout: "inherit" });
    expect(run.stdout).toBe('kind: Secret # injected by wasi\nRESULT {"output":"{}","length":2}\n');
  });

  test("proc_exit(0) does not end hcp and keeps the output set before it", async () => {
    const run = await runHarness({ fixture: "wasi" });
    expect(run.exitCode).toBe(0);
    expect(run.result).toEqual({ output: "{}", length: 2 });
  });

  test("proc_exit(7) becomes Helm's plugin error; hcp keeps running", async () => {
    const run = await runHarness({ fixture: "wasi", runtimeConfig: "entryFuncName: exit7" });
    expect(run.exitCode).toBe(0);
    expect(run.error).toEqual({
      code: "PLUGIN_WASM_EXIT",
      exitCode: 1,
      message: "plugin error: module closed with exit_code(7)",
    });
  });

  test("log spam and 32 MiB of stdout stay off hcp's streams", async () => {
    const run = await runHarness({ fixture: "log-spam", stdout: "ignore" });
    expect(run.stdout).toBe('RESULT {"output":"{}","length":2}\n');
    expect(run.stderr).not.toContain("spam");
    expect(run.stderr).not.toContain("\u001b[31m");
  });

  test("relayed stdout is capped at 16 MiB", async () => {
    const run = await runHarness({ fixture: "log-spam", stdout: "inherit" });
    expect(run.stdout.length).toBe(16 * 1024 * 1024 + 'RESULT {"output":"{}","length":2}\n'.length);
  });
});
