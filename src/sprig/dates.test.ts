import { describe, expect, test } from "bun:test";
import { formatValue } from "../template/fmt.ts";
import { type GoFunc, goInt } from "../template/value.ts";
import { dateFuncs, durationRound } from "./dates.ts";
import { formatDuration, formatTime, parseDuration, parseTime } from "./go-time.ts";

const NOW = new Date("2024-02-29T13:04:05.123Z");
const funcs = dateFuncs({ now: () => NOW, localZone: "UTC" });

function call(name: string, ...args: unknown[]): unknown {
  const f: GoFunc | undefined = funcs[name];
  if (f === undefined) throw new Error(`missing ${name}`);
  return (f.fn as (...a: unknown[]) => unknown)(...args);
}

describe("date functions with an injected clock", () => {
  test("now is the injected instant", () => {
    expect(formatValue(call("now"))).toBe("2024-02-29 13:04:05.123 +0000 UTC");
  });
  test("date without a time formats now", () => {
    expect(call("date", "2006-01-02 15:04:05.000", "not a time")).toBe("2024-02-29 13:04:05.123");
  });
  test("ago measures from the injected clock, rounded to seconds", () => {
    expect(call("ago", goInt(Math.floor(NOW.getTime() / 1000) - 3661))).toBe("1h1m1s");
  });
  test("durationRound of a time counts from now", () => {
    expect(call("durationRound", call("toDate", "2006-01-02", "2023-02-28"))).toBe("1y");
  });
  test("dateInZone uses the zone's offset and abbreviation", () => {
    expect(call("dateInZone", "2006-01-02 15:04 MST", goInt(1700000000), "America/New_York")).toBe(
      "2023-11-14 17:13 EST",
    );
  });
  test("the local zone is injectable", () => {
    const paris = dateFuncs({ now: () => NOW, localZone: "Asia/Tokyo" });
    const f = paris["date"]!.fn as (...a: unknown[]) => unknown;
    expect(f("15:04 -07:00", goInt(0))).toBe("09:00 +09:00");
  });
});

describe("Go time layouts and durations", () => {
  test.each([
    ["Mon Jan _2 15:04:05 2006", "Thu Feb 29 13:04:05 2024"],
    ["3:04PM .000 .999 ,9", "1:04PM .123 .123 ,1"],
    ["Z07:00 -0700 002 __2", "Z +0000 060  60"],
  ])("formatTime(%p)", (layout, want) => {
    expect(formatTime({ ns: BigInt(NOW.getTime()) * 1_000_000n, zone: "UTC" }, layout)).toBe(want);
  });
  test("parseTime() reports Go's errors", () => {
    expect(() => parseTime("2006-01-02", "2024-1-02", "UTC")).toThrow(
      'parsing time "2024-1-02" as "2006-01-02": cannot parse "1-02" as "01"',
    );
  });
  test.each([
    [0n, "0s"],
    [1500n, "1.5µs"],
    [1_500_000n, "1.5ms"],
    [90_000_000_000n, "1m30s"],
    [-3_723_000_000_000n, "-1h2m3s"],
  ])("formatDuration(%p) = %p", (d, want) => {
    expect(formatDuration(d)).toBe(want);
  });
  test("parseDuration() accepts Go's units and fractions", () => {
    expect(parseDuration("1h30m")).toBe(5_400_000_000_000n);
    expect(parseDuration("-1.5s")).toBe(-1_500_000_000n);
    expect(parseDuration("2µs")).toBe(2000n);
    expect(() => parseDuration("1d")).toThrow('time: unknown unit "d" in duration "1d"');
  });
  test("durationRound() picks the largest unit", () => {
    expect(durationRound(3_600_000_000_001n)).toBe("1h");
    expect(durationRound(3_600_000_000_000n)).toBe("60m");
  });
});
