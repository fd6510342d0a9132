/**
 * Sprig's math and number conversion functions. Integer math is Go int64 (wrapping, truncating
 * division, divide-by-zero panics); the *f variants go through exact decimals like Sprig.
 */
import { formatValue } from "../template/fmt.ts";
import { type FuncMap, goFunc, goInt } from "../template/value.ts";
import { intArg, parseGoIntBase, toFloat64, toInt64 } from "./cast.ts";
import {
  type Decimal,
  decimalAdd,
  decimalDiv,
  decimalFromFloat,
  decimalMul,
  decimalSub,
  decimalToFloat,
} from "./decimal.ts";
import { untilStep } from "./lists.ts";

const wrap = (x: bigint): bigint => BigInt.asIntN(64, x);

function divZero(): Error {
  return new Error("runtime error: integer divide by zero");
}

/** strconv.Atoi with the error ignored (Sprig's atoi): 0 on bad syntax, clamped on overflow. */
export function atoi(s: string): bigint {
  const m = /^[+-]?[0-9]+$/.exec(s);
  if (m === null) return 0n;
  const v = BigInt(s);
  const max = (1n << 63n) - 1n;
  if (v > max) return max;
  if (v < -max - 1n) return -max - 1n;
  return v;
}

function decimalOp(first: unknown, rest: unknown[], op: (a: Decimal, b: Decimal) => Decimal) {
  let acc = decimalFromFloat(toFloat64(first));
  for (const x of rest) acc = op(acc, decimalFromFloat(toFloat64(x)));
  return decimalToFloat(acc);
}

/** Sprig's round(a, places, roundOn = .5). */
export function round(a: unknown, places: number, roundOn = 0.5): number {
  const val = toFloat64(a);
  const pow = 10 ** places;
  const digit = pow * val;
  const frac = digit - Math.trunc(digit);
  const r = frac >= roundOn ? Math.ceil(digit) : Math.floor(digit);
  return r / pow;
}

/** Sprig's seq: like the Unix seq command, as a space-separated string. */
export function seq(params: number[]): string {
  let inc = 1;
  let list: { value: bigint }[];
  if (params.length === 1) {
    const end = params[0]!;
    if (end < 1) inc = -1;
    list = untilStep(1, end + inc, inc);
  } else if (params.length === 2) {
    const [start, end] = params as [number, number];
    const step = end < start ? -1 : 1;
    list = untilStep(start, end + step, step);
  } else if (params.length === 3) {
    const [start, step, end] = params as [number, number, number];
    if (end < start) {
      inc = -1;
      if (step > 0) return "";
    }
    list = untilStep(start, end + inc, step);
  } else {
    return "";
  }
  return list.map((x) => x.value.toString()).join(" ");
}

/** The math and conversion functions; `random` drives randInt. */
export function mathFuncs(random: () => number): FuncMap {
  const I = "interface {}" as const;
  const v = { variadic: I } as const;
  const maxInt = goFunc(
    [I],
    (a: unknown, ...rest: unknown[]) => {
      let acc = toInt64(a);
      for (const b of rest) {
        const x = toInt64(b);
        if (x > acc) acc = x;
      }
      return acc;
    },
    v,
  );
  return {
    atoi: goFunc(["string"], (s: string) => goInt(atoi(s))),
    int64: goFunc([I], (x: unknown) => toInt64(x)),
    int: goFunc([I], (x: unknown) => goInt(toInt64(x))),
    float64: goFunc([I], (x: unknown) => toFloat64(x)),
    toDecimal: goFunc([I], (x: unknown) => parseGoIntBase(formatValue(x), 8) ?? 0n),
    seq: goFunc([], (...ps: unknown[]) => seq(ps.map(intArg)), { variadic: "int" }),
    add1: goFunc([I], (x: unknown) => wrap(toInt64(x) + 1n)),
    add: goFunc([], (...xs: unknown[]) => xs.reduce<bigint>((a, x) => wrap(a + toInt64(x)), 0n), v),
    sub: goFunc([I, I], (a: unknown, b: unknown) => wrap(toInt64(a) - toInt64(b))),
    div: goFunc([I, I], (a: unknown, b: unknown) => {
      const d = toInt64(b);
      if (d === 0n) throw divZero();
      return wrap(toInt64(a) / d);
    }),
    mod: goFunc([I, I], (a: unknown, b: unknown) => {
      const d = toInt64(b);
      if (d === 0n) throw divZero();
      return wrap(toInt64(a) % d);
    }),
    mul: goFunc(
      [I],
      (a: unknown, ...rest: unknown[]) =>
        rest.reduce<bigint>((acc, x) => wrap(acc * toInt64(x)), toInt64(a)),
      v,
    ),
    randInt: goFunc(["int", "int"], (lo: unknown, hi: unknown) => {
      const min = intArg(lo);
      const n = intArg(hi) - min;
      if (n <= 0) throw new Error("invalid argument to Intn");
      return goInt(Math.floor(random() * n) + min);
    }),
    add1f: goFunc([I], (x: unknown) => decimalOp(x, [goInt(1)], decimalAdd)),
    addf: goFunc([], (...xs: unknown[]) => decimalOp(0, xs, decimalAdd), v),
    subf: goFunc([I], (a: unknown, ...xs: unknown[]) => decimalOp(a, xs, decimalSub), v),
    divf: goFunc([I], (a: unknown, ...xs: unknown[]) => decimalOp(a, xs, decimalDiv), v),
    mulf: goFunc([I], (a: unknown, ...xs: unknown[]) => decimalOp(a, xs, decimalMul), v),
    biggest: maxInt,
    max: maxInt,
    min: goFunc(
      [I],
      (a: unknown, ...rest: unknown[]) => {
        let acc = toInt64(a);
        for (const b of rest) {
          const x = toInt64(b);
          if (x < acc) acc = x;
        }
        return acc;
      },
      v,
    ),
    maxf: goFunc(
      [I],
      (a: unknown, ...rest: unknown[]) =>
        rest.reduce<number>((acc, x) => goMax(acc, toFloat64(x)), toFloat64(a)),
      v,
    ),
    minf: goFunc(
      [I],
      (a: unknown, ...rest: unknown[]) =>
        rest.reduce<number>((acc, x) => goMin(acc, toFloat64(x)), toFloat64(a)),
      v,
    ),
    ceil: goFunc([I], (x: unknown) => Math.ceil(toFloat64(x))),
    floor: goFunc([I], (x: unknown) => Math.floor(toFloat64(x))),
    round: goFunc(
      [I, "int"],
      (a: unknown, p: unknown, ...opt: unknown[]) =>
        round(a, intArg(p), opt.length > 0 ? (opt[0] as number) : 0.5),
      { variadic: "float64" },
    ),
  };
}

/** Go's math.Max (NaN wins, +0 beats -0). */
function goMax(a: number, b: number): number {
  return Math.max(a, b);
}

/** Go's math.Min. */
function goMin(a: number, b: number): number {
  return Math.min(a, b);
}
