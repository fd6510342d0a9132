import { describe, expect, test } from "bun:test";
import type { GoFunc } from "../template/value.ts";
import { goInt } from "../template/value.ts";
import { randomFuncs, uuidV4 } from "./random.ts";

function sequence(values: number[]): () => number {
  let i = 0;
  return () => values[i++ % values.length]!;
}

function call(f: GoFunc | undefined, ...args: unknown[]): unknown {
  if (f === undefined) throw new Error("missing function");
  return (f.fn as (...a: unknown[]) => unknown)(...args);
}

describe("random functions with an injected source", () => {
  const funcs = randomFuncs(sequence([0, 0.5, 0.999]));
  test.each([
    ["randAlpha", "aAZ"],
    ["randNumeric", "059"],
    ["randAlphaNum", "aF9"],
    ["randAscii", " O~"],
  ])("%s picks characters by the source", (name, want) => {
    const f = randomFuncs(sequence([0, 0.5, 0.999]))[name];
    expect(call(f, goInt(3))).toBe(want);
  });

  test("counts below one give the empty string", () => {
    expect(call(funcs["randAlpha"], goInt(0))).toBe("");
    expect(call(funcs["randAlpha"], goInt(-4))).toBe("");
  });

  test("randBytes is base64 of the source's bytes", () => {
    const f = randomFuncs(sequence([0, 1 / 256, 255 / 256]))["randBytes"];
    expect(call(f, goInt(3))).toBe(Buffer.from([0, 1, 255]).toString("base64"));
  });

  test("uuidV4() sets the version and variant bits", () => {
    expect(uuidV4(() => 0)).toBe("00000000-0000-4000-8000-000000000000");
    expect(uuidV4(() => 0.999)).toBe("ffffffff-ffff-4fff-bfff-ffffffffffff");
  });
});
