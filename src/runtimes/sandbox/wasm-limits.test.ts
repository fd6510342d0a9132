import { describe, expect, test } from "bun:test";
import wabt from "wabt";
import { clampMemoryLimits, encodeU, WasmLimitError } from "./wasm-limits.ts";

const tools = await wabt();
function wat(source: string): Uint8Array {
  const module = tools.parseWat("t.wat", source);
  try {
    return new Uint8Array(module.toBinary({}).buffer);
  } finally {
    module.destroy();
  }
}

describe("clampMemoryLimits()", () => {
  test.each([
    {
      name: "no maximum gets the limit",
      memory: '(memory (export "memory") 1)',
      limit: 50,
      want: { min: 1, max: 50 },
    },
    {
      name: "a larger maximum is lowered",
      memory: '(memory (export "memory") 1 100)',
      limit: 50,
      want: { min: 1, max: 50 },
    },
    {
      name: "a smaller maximum is kept",
      memory: '(memory (export "memory") 1 10)',
      limit: 50,
      want: { min: 1, max: 10 },
    },
    {
      name: "multi-byte LEB128 sizes",
      memory: '(memory (export "memory") 200 70000)',
      limit: 16384,
      want: { min: 200, max: 16384 },
    },
    {
      name: "an imported memory",
      memory: '(import "env" "memory" (memory 2))',
      limit: 8,
      want: { min: 2, max: 8 },
    },
  ])("$name", ({ memory, limit, want }) => {
    const source = `(module (import "extism:host/env" "alloc" (func (param i64) (result i64))) ${memory} (func (export "f") (result i32) (i32.const 0)))`;
    const { bytes, memories } = clampMemoryLimits(wat(source), limit);
    expect(memories).toHaveLength(1);
    expect(WebAssembly.validate(bytes)).toBe(true);
    const again = clampMemoryLimits(bytes, 1 << 30).memories[0];
    expect({ min: again?.min, max: again?.max }).toEqual(want);
  });

  test("the engine then refuses growth past the limit", () => {
    const { bytes } = clampMemoryLimits(wat('(module (memory (export "memory") 1))'), 3);
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes));
    const memory = instance.exports.memory as WebAssembly.Memory;
    expect(memory.grow(2)).toBe(1);
    expect(() => memory.grow(1)).toThrow();
  });

  test("other sections are copied byte for byte", () => {
    const original = wat('(module (func (export "f") (result i32) (i32.const 7)) (data "abc"))');
    expect(clampMemoryLimits(original, 4).bytes).toEqual(original);
  });

  test.each([
    {
      name: "initial size above the limit",
      bytes: () => wat("(module (memory 60))"),
      message: "module needs 60 pages of memory at start, over the limit of 50 pages",
    },
    {
      name: "not Wasm",
      bytes: () => new TextEncoder().encode("#!/bin/sh\n"),
      message: "not a WebAssembly module (bad magic number)",
    },
    {
      name: "truncated section",
      bytes: () => wat("(module (memory 1))").subarray(0, 10),
      message: "unexpected end of module",
    },
    {
      name: "unsupported version",
      bytes: () => Uint8Array.from([0, 0x61, 0x73, 0x6d, 2, 0, 0, 0]),
      message: "unsupported WebAssembly binary version",
    },
  ])("rejects: $name", ({ bytes, message }) => {
    expect(() => clampMemoryLimits(bytes(), 50)).toThrow(new WasmLimitError(message));
  });

  test.each([0, 1, 127, 128, 16384, 65536, 2 ** 32 - 1])(
    "LEB128 of %d round-trips through the reader",
    (n) => {
      // A memory section with one limits entry whose minimum is n (max absent), read back.
      const section = [0x01, 0x00, ...encodeU(n)];
      const module = Uint8Array.from([
        0,
        0x61,
        0x73,
        0x6d,
        1,
        0,
        0,
        0,
        5,
        ...encodeU(section.length),
        ...section,
      ]);
      const { memories } = clampMemoryLimits(module, 2 ** 32);
      expect(memories[0]?.min).toBe(n);
    },
  );
});
