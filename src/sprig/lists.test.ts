import { describe, expect, test } from "bun:test";
import { goInt } from "../template/value.ts";
import { untilStep } from "./lists.ts";

describe("untilStep", () => {
  test.each([
    [0, 5, 2, [0, 2, 4]],
    [5, 0, -2, [5, 3, 1]],
    [0, 5, -1, []],
    [5, 0, 1, []],
    [0, 5, 0, []],
  ])("untilStep(%p, %p, %p)", (a, b, s, want) => {
    expect(untilStep(a, b, s).map((x) => Number(x.value))).toEqual(want);
    expect(untilStep(a, b, s).every((x) => x.kind === goInt(0).kind)).toBe(true);
  });
  test("refuses lists beyond hcp's limit instead of exhausting memory", () => {
    expect(() => untilStep(0, 1e9, 1)).toThrow("untilStep: 1000000000 elements exceed hcp's limit");
  });
});
