/**
 * Go's float64 formatting as Helm's serialisers produce it: strconv.FormatFloat(f, 'g', -1, 64)
 * (the YAML encoders) and encoding/json's float encoding.
 */

/** Shortest decimal digits and decimal-point position of a finite non-zero |f| (Go's decimal). */
function shortestDigits(f: number): { digits: string; dp: number } {
  const [mant = "", expText = "0"] = Math.abs(f).toExponential().split("e");
  const digits = mant.replace(".", "");
  return { digits, dp: Number(expText) + 1 };
}

/** strconv.FormatFloat(f, 'g', -1, 64): shortest repr, %e when exp < -4 or exp >= 6. */
export function formatFloatG(f: number): string {
  if (Number.isNaN(f)) return "NaN";
  if (f === Infinity) return "+Inf";
  if (f === -Infinity) return "-Inf";
  if (f === 0) return Object.is(f, -0) ? "-0" : "0";
  const sign = f < 0 ? "-" : "";
  const { digits, dp } = shortestDigits(f);
  const exp = dp - 1;
  // Go: with the shortest precision, %e is chosen when exp < -4 || exp >= 6 (strconv ftoa.go).
  const eprec = 6;
  if (exp < -4 || exp >= eprec) {
    const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const e = Math.abs(exp);
    return `${sign}${mant}e${exp < 0 ? "-" : "+"}${e < 10 ? "0" : ""}${e}`;
  }
  if (dp <= 0) return `${sign}0.${"0".repeat(-dp)}${digits}`;
  if (dp >= digits.length) return `${sign}${digits}${"0".repeat(dp - digits.length)}`;
  return `${sign}${digits.slice(0, dp)}.${digits.slice(dp)}`;
}

/** encoding/json's float64 text: like JS for finite values, but -0 stays "-0". */
export function formatJsonFloat(f: number): string {
  if (Object.is(f, -0)) return "-0";
  return String(f);
}
