/**
 * Attack: a Wasm guest pins a CPU forever (in its entry function, or in its start function
 * before any call handle exists). The JS SDK cannot stop either under Bun; hcp's sandbox child
 * (dist/hcp __sandbox) is SIGKILLed at the deadline and the next call gets a fresh child; a
 * CPU-time limit stops an orphaned child if hcp itself dies first.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { isHcpError } from "../../src/errors.ts";
import { createExtismRuntime } from "../../src/runtimes/extism.ts";
import { assembleFixture } from "../fixtures/wasm/assemble.ts";
import { isAlive, metadataFor, recordingLogger, sandboxPids } from "../fixtures/wasm/harness.ts";
import { HCP_BIN, hasHcpBinary } from "../helpers/env.ts";

const binary = hasHcpBinary("wasm timeout tests");

const log = recordingLogger();
const runtime = createExtismRuntime({
  log,
  sandboxCommand: [HCP_BIN, "__sandbox"],
});
afterAll(() => runtime.close());

async function call(fixture: string, runtimeConfig: string): Promise<unknown> {
  const meta = metadataFor(fixture, runtimeConfig);
  if (meta.runtimeConfig.runtime !== "extism/v1") throw new Error("not extism");
  try {
    return await runtime.invokeWasm({
      wasm: await assembleFixture(fixture),
      name: fixture,
      trustGate: async () => {},
      runtimeConfig: meta.runtimeConfig,
      input: new TextEncoder().encode("{}"),
    });
  } catch (err) {
    return err;
  }
}

async function waitDead(pid: number): Promise<boolean> {
  for (let i = 0; i < 100 && isAlive(pid); i++) await Bun.sleep(20);
  return !isAlive(pid);
}

describe.skipIf(!binary)("wasm guest that never returns", () => {
  test.each([
    { name: "loop in the entry function", fixture: "loop" },
    { name: "loop in the start function (during instantiation)", fixture: "loop-start" },
  ])("$name is killed at runtimeConfig.timeout", async ({ fixture }) => {
    const before = sandboxPids(log.lines).length;
    const err = await call(fixture, "timeout: 300");
    expect(isHcpError(err, "PLUGIN_WASM_TIMEOUT")).toBe(true);
    expect((err as Error).message).toBe(
      "plugin error: module closed with context deadline exceeded",
    );
    const pids = sandboxPids(log.lines);
    const killed = pids[pids.length - 1];
    expect(pids.length).toBe(before + 1);
    expect(killed).toBeDefined();
    expect(await waitDead(killed as number)).toBe(true);
  });

  test("the next call after a kill runs in a fresh sandbox and succeeds", async () => {
    await call("loop", "timeout: 200");
    const result = await call("echo", "");
    expect(result).toMatchObject({ outputSet: true });
    const pids = sandboxPids(log.lines);
    expect(isAlive(pids[pids.length - 1] as number)).toBe(true);
  });

  test("the sandbox runs under an address-space and a CPU-time limit", async () => {
    await call("echo", "");
    const pid = sandboxPids(log.lines).at(-1);
    const limits = await Bun.file(`/proc/${pid}/limits`).text();
    expect(limits).toMatch(/Max cpu time\s+600\s+610\s+seconds/);
    expect(limits).toMatch(/Max address space\s+4294967296\s+4294967296\s+bytes/);
  });

  test("calls share one sandbox process while nothing goes wrong", async () => {
    const start = sandboxPids(log.lines).length;
    await call("echo", "");
    await call("echo", "");
    await call("exit-code", "entryFuncName: fail");
    expect(sandboxPids(log.lines).length - start).toBeLessThanOrEqual(1);
  });
});
