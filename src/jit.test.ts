import { expect, test } from "bun:test";
import { TEMPLATE_START_JIT_POLICY, templateJitPolicy } from "./jit.ts";

test("templateJitPolicy keeps the start policy for ordinary charts and nears 1 for huge ones", () => {
  expect(templateJitPolicy(0)).toBe(TEMPLATE_START_JIT_POLICY);
  expect(templateJitPolicy(40)).toBe(TEMPLATE_START_JIT_POLICY);
  expect(templateJitPolicy(500)).toBe(TEMPLATE_START_JIT_POLICY);
  expect(templateJitPolicy(1000)).toBe(10);
  expect(templateJitPolicy(3000)).toBe(3);
  expect(templateJitPolicy(100_000)).toBe(1);
  // Never increasing with the count.
  let last = Number.POSITIVE_INFINITY;
  for (let n = 0; n <= 20_000; n += 250) {
    const p = templateJitPolicy(n);
    expect(p).toBeLessThanOrEqual(last);
    expect(p).toBeGreaterThanOrEqual(1);
    last = p;
  }
});
