/**
 * Attack: a Wasm guest exhausts memory — growing linear memory to 4 GiB, allocating host
 * blocks without end, or returning a huge output. hcp clamps the module's declared memory to
 * the page limit before compiling, budgets host allocations, and caps the output.
 */
import { describe, expect, test } from "bun:test";
import { runHarness } from "../fixtures/wasm/harness.ts";
import { hasHcpBinary } from "../helpers/env.ts";

const binary = hasHcpBinary("wasm memory tests");

describe.skipIf(!binary)("wasm guest that exhausts memory", () => {
  test.each([
    { maxPages: 16, want: "16" },
    { maxPages: 100, want: "100" },
  ])("linear memory stops growing at memory.maxPages = $maxPages", async ({ maxPages, want }) => {
    const run = await runHarness({
      fixture: "memory",
      runtimeConfig: `memory:\n  maxPages: ${maxPages}`,
    });
    expect(run.result?.output).toBe(want);
    expect(run.exitCode).toBe(0);
  });

  test("without memory.maxPages, hcp's own ceiling applies", async () => {
    const run = await runHarness({ fixture: "memory", maxMemoryPages: 256 });
    expect(run.result?.output).toBe("256");
  });

  test("host allocations beyond the page budget trap cleanly", async () => {
    const run = await runHarness({
      fixture: "memory",
      runtimeConfig: "entryFuncName: host_alloc\nmemory:\n  maxPages: 64",
    });
    expect(run.error?.code).toBe("PLUGIN_WASM_TRAP");
    expect(run.error?.message).toContain("host memory limit exceeded");
    expect(run.exitCode).toBe(0);
  });

  test("an output over the cap is refused, not returned", async () => {
    const run = await runHarness({ fixture: "huge-output" });
    expect(run.error?.code).toBe("PLUGIN_WASM_TRAP");
    expect(run.error?.message).toContain("exceeds the 67108864 byte limit");
  });
});
