/**
 * The slice of shopspring/decimal that Sprig's float math (addf, subf, mulf, divf, add1f) uses:
 * exact decimal arithmetic on the shortest decimal form of each float64, division rounded half
 * away from zero at 16 places, and conversion back to the nearest float64.
 */

/** A decimal coef × 10^exp. */
export interface Decimal {
  readonly coef: bigint;
  readonly exp: number;
}

const DIVISION_PRECISION = 16;

/** decimal.NewFromFloat: the shortest decimal that round-trips to f. */
export function decimalFromFloat(f: number): Decimal {
  if (!Number.isFinite(f)) throw new Error(`Cannot create a Decimal from ${formatSpecial(f)}`);
  if (f === 0) return { coef: 0n, exp: 0 };
  const e = f.toExponential();
  const at = e.indexOf("e");
  const mant = e.slice(0, at);
  const exp10 = Number(e.slice(at + 1));
  const neg = mant.startsWith("-");
  const digits = mant.replace("-", "").replace(".", "");
  const coef = BigInt(digits) * (neg ? -1n : 1n);
  return { coef, exp: exp10 - (digits.length - 1) };
}

function formatSpecial(f: number): string {
  if (Number.isNaN(f)) return "NaN";
  return f > 0 ? "+Inf" : "-Inf";
}

function align(a: Decimal, b: Decimal): [bigint, bigint, number] {
  const exp = Math.min(a.exp, b.exp);
  return [a.coef * 10n ** BigInt(a.exp - exp), b.coef * 10n ** BigInt(b.exp - exp), exp];
}

/** a + b. */
export function decimalAdd(a: Decimal, b: Decimal): Decimal {
  const [x, y, exp] = align(a, b);
  return { coef: x + y, exp };
}

/** a - b. */
export function decimalSub(a: Decimal, b: Decimal): Decimal {
  const [x, y, exp] = align(a, b);
  return { coef: x - y, exp };
}

/** a × b. */
export function decimalMul(a: Decimal, b: Decimal): Decimal {
  return { coef: a.coef * b.coef, exp: a.exp + b.exp };
}

function abs(x: bigint): bigint {
  return x < 0n ? -x : x;
}

/** a ÷ b rounded half away from zero to 16 decimal places (decimal.Div). */
export function decimalDiv(a: Decimal, b: Decimal): Decimal {
  if (b.coef === 0n) throw new Error("decimal division by 0");
  const k = a.exp + DIVISION_PRECISION - b.exp;
  let num = a.coef;
  let den = b.coef;
  if (k >= 0) num *= 10n ** BigInt(k);
  else den *= 10n ** BigInt(-k);
  let q = num / den;
  const r = num - q * den;
  if (2n * abs(r) >= abs(den)) q += a.coef < 0n !== b.coef < 0n ? -1n : 1n;
  return { coef: q, exp: -DIVISION_PRECISION };
}

/** The float64 nearest to d (decimal.Float64). */
export function decimalToFloat(d: Decimal): number {
  return Number(`${d.coef}e${d.exp}`);
}
