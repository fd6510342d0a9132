/** Go's time.Duration: ParseDuration and String, over bigint nanoseconds. */
import { quoteTime } from "./time-layout.ts";

const NS_PER_S = 1_000_000_000n;

/** time.Duration.String(): "1h2m3.5s", "150ms", "0s". */
export function formatDuration(d: bigint): string {
  if (d === 0n) return "0s";
  const neg = d < 0n;
  let u = neg ? -d : d;
  let out: string;
  if (u < NS_PER_S) {
    let unit: string;
    let prec: number;
    if (u < 1000n) return `${neg ? "-" : ""}${u}ns`;
    if (u < 1_000_000n) {
      unit = "µs";
      prec = 3;
    } else {
      unit = "ms";
      prec = 6;
    }
    out = fracString(u, prec) + unit;
  } else {
    const h = u / 3_600_000_000_000n;
    u -= h * 3_600_000_000_000n;
    const m = u / 60_000_000_000n;
    u -= m * 60_000_000_000n;
    out = `${fracString(u, 9)}s`;
    if (h > 0n) out = `${h}h${m}m${out}`;
    else if (m > 0n) out = `${m}m${out}`;
  }
  return (neg ? "-" : "") + out;
}

function fracString(v: bigint, prec: number): string {
  const p = 10n ** BigInt(prec);
  const int = v / p;
  const frac = (v % p).toString().padStart(prec, "0").replace(/0+$/, "");
  return frac === "" ? `${int}` : `${int}.${frac}`;
}

const UNITS: Record<string, bigint> = {
  ns: 1n,
  us: 1000n,
  µs: 1000n,
  μs: 1000n,
  ms: 1_000_000n,
  s: NS_PER_S,
  m: 60n * NS_PER_S,
  h: 3600n * NS_PER_S,
};

/** time.ParseDuration with Go's error messages. */
export function parseDuration(text: string): bigint {
  const bad = () => new Error(`time: invalid duration ${quoteTime(text)}`);
  let s = text;
  let neg = false;
  if (s.startsWith("-") || s.startsWith("+")) {
    neg = s[0] === "-";
    s = s.slice(1);
  }
  if (s === "0") return 0n;
  if (s === "") throw bad();
  let total = 0n;
  while (s !== "") {
    const m = /^([0-9]*)(\.([0-9]*))?/.exec(s)!;
    if ((m[1] ?? "") === "" && (m[3] ?? "") === "") throw bad();
    s = s.slice(m[0].length);
    const u = /^[^0-9.]*/.exec(s)![0];
    if (u === "") throw new Error(`time: missing unit in duration ${quoteTime(text)}`);
    const unit = UNITS[u];
    if (unit === undefined) {
      throw new Error(`time: unknown unit ${quoteTime(u)} in duration ${quoteTime(text)}`);
    }
    s = s.slice(u.length);
    const whole = BigInt(m[1] || "0") * unit;
    const fracDigits = m[3] ?? "";
    const frac =
      fracDigits === "" ? 0n : (BigInt(fracDigits) * unit) / 10n ** BigInt(fracDigits.length);
    total += whole + frac;
    if (total > (1n << 63n) - (neg ? 0n : 1n)) throw bad();
  }
  return neg ? -total : total;
}
