/**
 * Go's strconv float formatting ('e', 'f', 'g' with a precision or shortest) for float64.
 *
 * Digits come from an exact decimal expansion (BigInt) so rounding at a precision matches Go's
 * round-half-even on the exact binary value; the shortest digits come from JS, whose shortest
 * round-trip digits equal Go's.
 */

/** A decimal 0.d1d2d3… × 10^dp, digits without trailing zeros ("" means zero). */
interface Decimal {
  digits: string;
  dp: number;
}

const F64 = new DataView(new ArrayBuffer(8));

/** The exact decimal expansion of a finite, non-negative double. */
function exactDecimal(x: number): Decimal {
  if (x === 0) return { digits: "", dp: 0 };
  F64.setFloat64(0, x);
  const hi = F64.getUint32(0);
  const lo = F64.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exp: number;
  if (biased === 0) {
    exp = -1074;
  } else {
    mant |= 1n << 52n;
    exp = biased - 1075;
  }
  let s: string;
  let dp: number;
  if (exp >= 0) {
    s = (mant << BigInt(exp)).toString();
    dp = s.length;
  } else {
    s = (mant * 5n ** BigInt(-exp)).toString();
    dp = s.length + exp;
  }
  return trimDecimal(s, dp);
}

function trimDecimal(s: string, dp: number): Decimal {
  let start = 0;
  while (start < s.length && s[start] === "0") start++;
  let end = s.length;
  while (end > start && s[end - 1] === "0") end--;
  return { digits: s.slice(start, end), dp: dp - start };
}

/** The shortest digits that round-trip (JS and Go agree on these). */
function shortestDecimal(x: number): Decimal {
  if (x === 0) return { digits: "", dp: 0 };
  const e = x.toExponential();
  const at = e.indexOf("e");
  const mant = e.slice(0, at).replace(".", "");
  const exp = Number(e.slice(at + 1));
  return trimDecimal(mant, exp + 1);
}

/** Rounds d to nd digits, half to even on the exact value (Go's decimal.Round). */
function roundDecimal(d: Decimal, nd: number): Decimal {
  if (nd < 0 || nd >= d.digits.length) return d;
  const next = d.digits.charCodeAt(nd) - 48;
  let up: boolean;
  if (next === 5 && nd + 1 === d.digits.length) {
    up = nd > 0 && (d.digits.charCodeAt(nd - 1) - 48) % 2 === 1;
  } else {
    up = next >= 5;
  }
  if (!up) return trimDecimal(d.digits.slice(0, nd), d.dp);
  let i = nd - 1;
  while (i >= 0 && d.digits[i] === "9") i--;
  if (i < 0) return { digits: "1", dp: d.dp + 1 };
  const digit = String.fromCharCode(d.digits.charCodeAt(i) + 1);
  return { digits: d.digits.slice(0, i) + digit, dp: d.dp };
}

function formatE(d: Decimal, prec: number, letter: string): string {
  let out = d.digits.length === 0 ? "0" : d.digits[0]!;
  if (prec > 0) {
    out += ".";
    const frac = d.digits.slice(1, 1 + prec);
    out += frac + "0".repeat(prec - frac.length);
  }
  const exp = d.digits.length === 0 ? 0 : d.dp - 1;
  const sign = exp < 0 ? "-" : "+";
  const abs = Math.abs(exp);
  return `${out}${letter}${sign}${abs < 10 ? "0" : ""}${abs}`;
}

function formatF(d: Decimal, prec: number): string {
  let out: string;
  if (d.dp > 0) {
    const intDigits = d.digits.slice(0, d.dp);
    out = intDigits + "0".repeat(d.dp - intDigits.length);
  } else {
    out = "0";
  }
  if (prec > 0) {
    out += ".";
    for (let i = 1; i <= prec; i++) {
      const j = d.dp + i - 1;
      out += j >= 0 && j < d.digits.length ? d.digits[j] : "0";
    }
  }
  return out;
}

/**
 * Formats |x| like Go's strconv.FormatFloat(x, fmt, prec, 64) without the sign; `prec` < 0
 * means the shortest representation. `x` must be finite.
 */
export function formatFloatAbs(x: number, fmt: "e" | "E" | "f" | "g" | "G", prec: number): string {
  const abs = Math.abs(x);
  const shortest = prec < 0;
  let d: Decimal;
  if (shortest) {
    d = shortestDecimal(abs);
  } else {
    d = exactDecimal(abs);
    if (fmt === "e" || fmt === "E") d = roundDecimal(d, prec + 1);
    else if (fmt === "f") d = roundDecimal(d, d.dp + prec);
    else d = roundDecimal(d, prec === 0 ? 1 : prec);
  }
  switch (fmt) {
    case "e":
    case "E":
      return formatE(d, shortest ? Math.max(d.digits.length - 1, 0) : prec, fmt);
    case "f":
      return formatF(d, shortest ? Math.max(d.digits.length - d.dp, 0) : prec);
    default: {
      let p = shortest ? d.digits.length : prec === 0 ? 1 : prec;
      const nd = d.digits.length;
      let eprec = p;
      if (eprec > nd && nd >= d.dp) eprec = nd;
      if (shortest) eprec = 6;
      const exp = d.dp - 1;
      if (nd === 0 ? false : exp < -4 || exp >= eprec) {
        if (p > nd) p = nd;
        return formatE(d, p - 1, fmt === "g" ? "e" : "E");
      }
      if (p > d.dp) p = nd;
      return formatF(d, Math.max(p - d.dp, 0));
    }
  }
}

function floatBits(x: number): { mant: bigint; exp: number } {
  F64.setFloat64(0, Math.abs(x));
  const hi = F64.getUint32(0);
  const lo = F64.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  const frac = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (biased === 0) return { mant: frac, exp: -1074 };
  return { mant: frac | (1n << 52n), exp: biased - 1075 };
}

/** Go's %b for a finite float64 without the sign: decimal mantissa "p" binary exponent. */
export function formatFloatBinary(x: number): string {
  const { mant, exp } = floatBits(x);
  return `${mant}p${exp < 0 ? "-" : "+"}${Math.abs(exp)}`;
}

/**
 * Go's %x/%X for a finite float64 without the sign (strconv's fmtX): 0x1.8p+01, with `prec`
 * hex digits after the point (rounded half to even) or the shortest when prec < 0.
 */
export function formatFloatHex(x: number, upper: boolean, prec = -1): string {
  const MASK64 = (1n << 64n) - 1n;
  let { mant, exp } = floatBits(x);
  // floatBits gives value = mant * 2^exp; Go's fmtX works with the binary exponent of 1.xxx.
  exp += 52;
  if (mant === 0n) exp = 0;
  mant <<= 8n;
  while (mant !== 0n && (mant & (1n << 60n)) === 0n) {
    mant <<= 1n;
    exp--;
  }
  if (prec >= 0 && prec < 15) {
    const shift = BigInt(prec * 4);
    const extra = (mant << shift) & ((1n << 60n) - 1n);
    mant >>= 60n - shift;
    if ((extra | (mant & 1n)) > 1n << 59n) mant++;
    mant <<= 60n - shift;
    if ((mant & (1n << 61n)) !== 0n) {
      mant >>= 1n;
      exp++;
    }
  }
  const hex = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  let out = `0${upper ? "X" : "x"}${(mant >> 60n) & 1n}`;
  mant = (mant << 4n) & MASK64;
  if (prec < 0 && mant !== 0n) {
    out += ".";
    while (mant !== 0n) {
      out += hex[Number((mant >> 60n) & 15n)];
      mant = (mant << 4n) & MASK64;
    }
  } else if (prec > 0) {
    out += ".";
    for (let i = 0; i < prec; i++) {
      out += hex[Number((mant >> 60n) & 15n)];
      mant = (mant << 4n) & MASK64;
    }
  }
  const abs = Math.abs(exp);
  return `${out}${upper ? "P" : "p"}${exp < 0 ? "-" : "+"}${abs < 10 ? "0" : ""}${abs}`;
}
