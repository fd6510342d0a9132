import { describe, expect, test } from "bun:test";
import { createSprigFuncs } from "./index.ts";

describe("createSprigFuncs", () => {
  test("rejects unknown options", () => {
    const options = { now: () => new Date(0), random: () => 0, clock: 1 };
    expect(() => createSprigFuncs(options)).toThrow('unknown createSprigFuncs option "clock"');
  });
});
