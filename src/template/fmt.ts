/**
 * Go's fmt for the value model (value.ts): Sprintf, Sprint, Sprintln and %v formatting, with
 * Go's verbs, flags, width/precision and its in-band error shapes (`%!d(string=x)`,
 * `%!(EXTRA …)`, `%!s(MISSING)`).
 */
import { formatFloatAbs, formatFloatBinary, formatFloatHex } from "./fmt-float.ts";
import { goFuncTypeName, goTypeName, isGoFuncValue, sortedKeys } from "./go-types.ts";
import { utf8 } from "./gostring.ts";
import { canBackquote, goQuote, isPrintRune, quoteRune } from "./quote.ts";
import { GoComplex, type GoFunc, GoInt, GoStruct, isGoMap } from "./value.ts";

export { compareGoStrings, goKind, goTypeName, isGoFuncValue, sortedKeys } from "./go-types.ts";
export { goQuote, isPrintRune } from "./quote.ts";

/** Formatting state for one verb (Go's fmt.fmtFlags plus width/precision). */
interface Spec {
  minus: boolean;
  plus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  plusV: boolean;
  sharpV: boolean;
  width: number;
  prec: number;
}

function resetSpec(sp: Spec): void {
  sp.minus = sp.plus = sp.sharp = sp.space = sp.zero = sp.plusV = sp.sharpV = false;
  sp.width = -1;
  sp.prec = -1;
}

function newSpec(): Spec {
  return {
    minus: false,
    plus: false,
    sharp: false,
    space: false,
    zero: false,
    plusV: false,
    sharpV: false,
    width: -1,
    prec: -1,
  };
}

function isStringer(v: GoStruct): GoFunc | undefined {
  const m = v.valueMethod("String") ?? v.valueMethod("Error");
  return m !== undefined && m.params.length === 0 && m.variadic === undefined ? m : undefined;
}

/**
 * One printer kept between calls (Go keeps a sync.Pool of pp for the same reason). A String
 * method called while printing may format re-entrantly; that call simply makes its own.
 */
let sparePrinter: Printer | undefined;

function takePrinter(): Printer {
  const p = sparePrinter;
  if (p === undefined) return new Printer();
  sparePrinter = undefined;
  p.out = "";
  resetSpec(p.spec);
  return p;
}

/** Returns the printer's output and keeps the printer for the next call. */
function finish(p: Printer): string {
  const out = p.out;
  p.out = "";
  sparePrinter = p;
  return out;
}

/** A fmt printer: Go's pp, writing into a string. */
class Printer {
  out = "";
  spec: Spec = newSpec();

  pad(s: string): void {
    const sp = this.spec;
    if (sp.width < 0) {
      this.out += s;
      return;
    }
    const n = runeCount(s);
    if (n >= sp.width) {
      this.out += s;
      return;
    }
    const fill = (sp.zero && !sp.minus ? "0" : " ").repeat(sp.width - n);
    this.out += sp.minus ? s + fill : fill + s;
  }

  /** Pads a number: with the zero flag the zeros go after the sign. */
  padNumber(sign: string, body: string): void {
    const sp = this.spec;
    if (sp.zero && !sp.minus && sp.width > 0) {
      const n = sign.length + runeCount(body);
      const zeros = sp.width > n ? "0".repeat(sp.width - n) : "";
      this.out += sign + zeros + body;
      return;
    }
    this.pad(sign + body);
  }

  badVerb(verb: string, arg: unknown): void {
    // Go keeps the verb's flags, width and precision while printing the operand with %v.
    this.out += `%!${verb}(`;
    if (arg === null || arg === undefined) {
      this.out += "<nil>";
    } else {
      this.out += goTypeName(arg) + "=";
      this.printArg(arg, "v", 0);
    }
    this.out += ")";
  }

  printArg(arg: unknown, verb: string, depth: number): void {
    if (arg === null || arg === undefined) {
      if (verb === "T" || verb === "v") this.pad("<nil>");
      else this.badVerb(verb, arg);
      return;
    }
    if (verb === "T") {
      // Go prints the type name with fmtS, so a precision truncates it.
      this.pad(truncate(goTypeName(arg), this.spec.prec));
      return;
    }
    switch (typeof arg) {
      case "boolean":
        this.fmtBool(arg, verb);
        return;
      case "number":
        this.fmtFloat(arg, verb);
        return;
      case "bigint":
        this.fmtInteger(arg, true, verb, arg);
        return;
      case "string":
        this.fmtString(arg, verb);
        return;
    }
    if (arg instanceof GoInt) {
      this.fmtInteger(arg.value, !arg.kind.startsWith("u"), verb, arg);
      return;
    }
    if (arg instanceof Uint8Array) {
      this.fmtBytes(arg, verb, depth);
      return;
    }
    if (arg instanceof GoComplex) {
      if (!"vbgGxXfFeE".includes(verb)) {
        this.badVerb(verb, arg);
        return;
      }
      // Go's fmtComplex: "(" real imag "i)", the imaginary part always signed.
      const plus = this.spec.plus;
      this.out += "(";
      this.fmtFloat(arg.re, verb);
      this.spec.plus = true;
      this.fmtFloat(arg.im, verb);
      this.out += "i)";
      this.spec.plus = plus;
      return;
    }
    if (arg instanceof GoStruct) {
      const stringer = isStringer(arg);
      if (stringer !== undefined && !this.spec.sharpV && "vsxXq".includes(verb)) {
        let s: string;
        try {
          s = String((stringer.fn as () => unknown)());
        } catch (err) {
          this.out += `%!${verb}(PANIC=String method: ${err instanceof Error ? err.message : String(err)})`;
          return;
        }
        this.fmtString(s, verb);
        return;
      }
    }
    if (Array.isArray(arg) || isGoMap(arg) || arg instanceof GoStruct || isGoFuncValue(arg)) {
      this.printValue(arg, verb, depth);
      return;
    }
    // A JS object outside the value model: print something rather than recurse forever.
    this.pad(String(arg));
  }

  printValue(v: unknown, verb: string, depth: number): void {
    if (depth > 0 && (v === null || v === undefined)) {
      this.out += this.spec.sharpV ? "interface {}(nil)" : "<nil>";
      return;
    }
    const plainStruct = v instanceof GoStruct && isStringer(v) === undefined;
    if (depth > 0 && !(Array.isArray(v) || isGoMap(v) || plainStruct)) {
      this.printArg(v, verb, depth);
      return;
    }
    if (Array.isArray(v)) {
      if (this.spec.sharpV) {
        this.out += goTypeName(v) + "{";
        v.forEach((e, i) => {
          if (i > 0) this.out += ", ";
          this.printValue(e, verb, depth + 1);
        });
        this.out += "}";
        return;
      }
      this.out += "[";
      v.forEach((e, i) => {
        if (i > 0) this.out += " ";
        this.printValue(e, verb, depth + 1);
      });
      this.out += "]";
      return;
    }
    if (isGoMap(v)) {
      const keys = sortedKeys(v);
      this.out += this.spec.sharpV ? `${goTypeName(v)}{` : "map[";
      keys.forEach((k, i) => {
        if (i > 0) this.out += this.spec.sharpV ? ", " : " ";
        this.printValue(k, verb, depth + 1);
        this.out += ":";
        this.printValue(v[k], verb, depth + 1);
      });
      this.out += this.spec.sharpV ? "}" : "]";
      return;
    }
    if (v instanceof GoStruct) {
      const ptr = v.typeName.startsWith("*");
      if (this.spec.sharpV) {
        this.out += (ptr ? "&" + v.typeName.slice(1) : v.typeName) + "{";
      } else {
        this.out += ptr ? "&{" : "{";
      }
      v.fieldOrder.forEach((name, i) => {
        if (i > 0) this.out += this.spec.sharpV ? ", " : " ";
        if (this.spec.plusV || this.spec.sharpV) this.out += name + ":";
        this.printValue(v.fields[name], verb, depth + 1);
      });
      this.out += "}";
      return;
    }
    if (isGoFuncValue(v)) {
      this.pad(this.spec.sharpV ? `(${goFuncTypeName(v)})(0xc000010000)` : "0xc000010000");
      return;
    }
    this.printArg(v, verb, depth);
  }

  fmtBool(b: boolean, verb: string): void {
    if (verb === "t" || verb === "v") this.pad(b ? "true" : "false");
    else this.badVerb(verb, b);
  }

  fmtInteger(n: bigint, signed: boolean, verb: string, arg: unknown): void {
    const sp = this.spec;
    if ((verb === "d" || (verb === "v" && !sp.sharpV)) && sp.width < 0 && sp.prec < 0) {
      if (!sp.plus && !sp.space) {
        this.out += n.toString();
        return;
      }
    }
    switch (verb) {
      case "v":
        if (sp.sharpV && !signed) this.fmtIntBase(n, 16, "x", true);
        else this.fmtIntBase(n, 10, "d", false);
        return;
      case "d":
        this.fmtIntBase(n, 10, verb, false);
        return;
      case "b":
        this.fmtIntBase(n, 2, verb, false);
        return;
      case "o":
      case "O":
        this.fmtIntBase(n, 8, verb, false);
        return;
      case "x":
      case "X":
        this.fmtIntBase(n, 16, verb, false);
        return;
      case "c":
        this.pad(runeString(n));
        return;
      case "q":
        this.pad(quoteRune(n, sp.plus));
        return;
      case "U":
        this.fmtUnicode(n);
        return;
      default:
        this.badVerb(verb, arg);
    }
  }

  fmtIntBase(n: bigint, base: number, verb: string, forceSharp: boolean): void {
    const sp = this.spec;
    const neg = n < 0n;
    let digits = (neg ? -n : n).toString(base);
    if (verb === "X") digits = digits.toUpperCase();
    if (sp.prec >= 0) {
      if (sp.prec === 0 && n === 0n) digits = "";
      else if (digits.length < sp.prec) digits = "0".repeat(sp.prec - digits.length) + digits;
    }
    let prefix = "";
    if (sp.sharp || forceSharp) {
      if (base === 2) prefix = "0b";
      else if (base === 8 && digits[0] !== "0") prefix = "0";
      else if (base === 16) prefix = verb === "X" ? "0X" : "0x";
    }
    if (verb === "O") prefix = "0o";
    const sign = neg ? "-" : sp.plus ? "+" : sp.space ? " " : "";
    if (sp.prec >= 0) {
      const saved = sp.zero;
      sp.zero = false;
      this.pad(sign + prefix + digits);
      sp.zero = saved;
      return;
    }
    this.padNumber(sign + prefix, digits);
  }

  fmtUnicode(n: bigint): void {
    let hex = BigInt.asUintN(64, n).toString(16).toUpperCase();
    const digits = Math.max(4, this.spec.prec);
    if (hex.length < digits) hex = "0".repeat(digits - hex.length) + hex;
    let s = `U+${hex}`;
    if (this.spec.sharp && n >= 0n && n <= 0x10ffffn && isPrintRune(Number(n))) {
      s += ` '${String.fromCodePoint(Number(n))}'`;
    }
    const saved = this.spec.zero;
    this.spec.zero = false;
    this.pad(s);
    this.spec.zero = saved;
  }

  fmtFloat(x: number, verb: string): void {
    const sp = this.spec;
    if (verb === "v" && sp.width < 0 && sp.prec < 0 && !sp.plus && !sp.space && !sp.sharp) {
      const abs = Math.abs(x);
      if (abs >= 1e-4 && abs < 1e6) {
        this.out += String(x);
        return;
      }
    }
    let fmtChar: "e" | "E" | "f" | "g" | "G";
    let prec = sp.prec;
    switch (verb) {
      case "v":
        fmtChar = "g";
        break;
      case "e":
      case "E":
      case "g":
      case "G":
        fmtChar = verb;
        if (prec < 0 && verb !== "g" && verb !== "G") prec = 6;
        break;
      case "f":
      case "F":
        fmtChar = "f";
        if (prec < 0) prec = 6;
        break;
      case "x":
      case "X":
      case "b":
        if (Number.isFinite(x)) {
          const neg = x < 0 || Object.is(x, -0);
          let body = verb === "b" ? formatFloatBinary(x) : formatFloatHex(x, verb === "X", sp.prec);
          if (sp.sharp && verb !== "b") body = sharpFloat(body, verb, sp.prec);
          this.padNumber(neg ? "-" : sp.plus ? "+" : sp.space ? " " : "", body);
          return;
        }
        fmtChar = "g";
        break;
      default:
        this.badVerb(verb, x);
        return;
    }
    const neg = x < 0 || Object.is(x, -0);
    if (!Number.isFinite(x)) {
      const body = Number.isNaN(x) ? "NaN" : "Inf";
      let sign = "";
      if (Number.isNaN(x)) sign = sp.plus ? "+" : sp.space ? " " : "";
      else sign = neg ? "-" : sp.plus || !sp.space ? "+" : " ";
      const saved = sp.zero;
      sp.zero = false;
      this.pad(sign + body);
      sp.zero = saved;
      return;
    }
    let body = formatFloatAbs(x, fmtChar, prec);
    if (sp.sharp) body = sharpFloat(body, verb === "v" ? "g" : fmtChar, sp.prec);
    const sign = neg ? "-" : sp.plus ? "+" : sp.space ? " " : "";
    this.padNumber(sign, body);
  }

  fmtString(s: string, verb: string): void {
    const sp = this.spec;
    switch (verb) {
      case "v":
        if (sp.sharpV) this.pad(goQuote(s, false));
        else this.pad(truncate(s, sp.prec));
        return;
      case "s":
        this.pad(truncate(s, sp.prec));
        return;
      case "q":
        s = truncate(s, sp.prec);
        if (sp.sharp && canBackquote(s)) this.pad("`" + s + "`");
        else this.pad(goQuote(s, sp.plus));
        return;
      case "x":
      case "X":
        this.fmtHex(utf8(truncate(s, sp.prec)), verb);
        return;
      default:
        this.badVerb(verb, s);
    }
  }

  fmtBytes(b: Uint8Array, verb: string, depth: number): void {
    switch (verb) {
      case "s":
      case "q":
        this.fmtString(new TextDecoder().decode(b), verb);
        return;
      case "x":
      case "X":
        this.fmtHex(b, verb);
        return;
      case "v":
      case "d":
        if (this.spec.sharpV) {
          this.out += "[]byte{";
          b.forEach((x, i) => {
            this.out += (i > 0 ? ", " : "") + "0x" + x.toString(16);
          });
          this.out += "}";
          return;
        }
        this.out += "[";
        b.forEach((x, i) => {
          if (i > 0) this.out += " ";
          this.printArg(new GoInt(x, "uint8"), verb, depth + 1);
        });
        this.out += "]";
        return;
      default:
        this.printValue(
          Array.from(b, (x) => new GoInt(x, "uint8")),
          verb,
          depth,
        );
    }
  }

  fmtHex(bytes: Uint8Array, verb: string): void {
    const sp = this.spec;
    const upper = verb === "X";
    const parts: string[] = [];
    for (const byte of bytes) {
      let h = byte.toString(16).padStart(2, "0");
      if (upper) h = h.toUpperCase();
      if (sp.sharp && (sp.space || parts.length === 0)) h = (upper ? "0X" : "0x") + h;
      parts.push(h);
    }
    this.pad(parts.join(sp.space ? " " : ""));
  }
}

/** Go's fmt.fmtFloat handling of the '#' flag: keep a decimal point and trailing zeros. */
function sharpFloat(body: string, verb: string, prec: number): string {
  let digits = 0;
  if (verb === "v" || verb === "g" || verb === "G" || verb === "x") digits = prec === -1 ? 6 : prec;
  let num = "+" + body;
  let tail = "";
  let hasDecimalPoint = false;
  let sawNonzeroDigit = false;
  for (let i = 1; i < num.length; i++) {
    const c = num[i]!;
    if (c === ".") {
      hasDecimalPoint = true;
      continue;
    }
    if (c === "p" || c === "P" || ((c === "e" || c === "E") && verb !== "x" && verb !== "X")) {
      tail = num.slice(i);
      num = num.slice(0, i);
      break;
    }
    if (c !== "0") sawNonzeroDigit = true;
    if (sawNonzeroDigit) digits--;
  }
  if (!hasDecimalPoint) {
    if (num.length === 2 && num[1] === "0") digits--;
    num += ".";
  }
  if (digits > 0) num += "0".repeat(digits);
  return num.slice(1) + tail;
}

/** Go's %v for a float64 (shortest digits; exponent form below 1e-4 and from 1e+06). */
export function formatFloatV(x: number): string {
  const abs = Math.abs(x);
  // Here JS's shortest decimal form equals Go's; elsewhere use the general path.
  if (abs >= 1e-4 && abs < 1e6) return String(x);
  if (x === 0 && !Object.is(x, -0)) return "0";
  const p = takePrinter();
  p.fmtFloat(x, "v");
  return finish(p);
}

function runeCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) i++;
    n++;
  }
  return n;
}

function truncate(s: string, prec: number): string {
  if (prec < 0) return s;
  let n = 0;
  let i = 0;
  while (i < s.length && n < prec) {
    const c = s.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
    n++;
  }
  return s.slice(0, i);
}

function runeString(n: bigint): string {
  if (n < 0n || n > 0x10ffffn || (n >= 0xd800n && n <= 0xdfffn)) return "\ufffd";
  return String.fromCodePoint(Number(n));
}

const TOO_LARGE = 1e6;

/** Go's parsenum: digits in format[start:end); an absurd number swallows the rest. */
function parseNum(format: string, start: number, end: number): [number, boolean, number] {
  if (start >= end) return [0, false, end];
  let num = 0;
  let isNum = false;
  let i = start;
  for (; i < end; i++) {
    const c = format.charCodeAt(i);
    if (c < 48 || c > 57) break;
    if (num > TOO_LARGE || num < -TOO_LARGE) return [0, false, end];
    num = num * 10 + (c - 48);
    isNum = true;
  }
  return [num, isNum, i];
}

/** Go's parseArgNumber: "[n]" at format[i:] → [index, bytes consumed, ok]. */
function parseArgNumber(format: string, i: number): [number, number, boolean] {
  if (format.length - i < 3) return [0, 1, false];
  for (let j = i + 1; j < format.length; j++) {
    if (format[j] === "]") {
      const [width, ok, next] = parseNum(format, i + 1, j);
      if (!ok || next !== j) return [0, j - i + 1, false];
      return [width - 1, j - i + 1, true];
    }
  }
  return [0, 1, false];
}

/** Go's intFromArg for '*': the operand must be an integer that fits. */
function intFromArg(args: readonly unknown[], argNum: number): [number, boolean, number] {
  if (argNum >= args.length) return [0, false, argNum];
  const a = args[argNum];
  let num = 0;
  let isInt = false;
  if (a instanceof GoInt || typeof a === "bigint") {
    const n = typeof a === "bigint" ? a : a.value;
    if (n >= -(1n << 63n) && n < 1n << 63n) {
      num = Number(n);
      isInt = true;
    }
  }
  if (num > TOO_LARGE || num < -TOO_LARGE) return [0, false, argNum + 1];
  return [num, isInt, argNum + 1];
}

/** Formats like Go's fmt.Sprintf(format, args...) (a port of doPrintf's control flow). */
export function sprintf(format: string, args: readonly unknown[]): string {
  const p = takePrinter();
  const end = format.length;
  let argNum = 0;
  let afterIndex = false;
  let reordered = false;
  let goodArgNum = true;
  let i = 0;
  const argNumber = (at: number): [number, number, boolean] => {
    if (at >= end || format[at] !== "[") return [argNum, at, false];
    reordered = true;
    const [index, wid, ok] = parseArgNumber(format, at);
    if (ok && index >= 0 && index < args.length) return [index, at + wid, true];
    goodArgNum = false;
    return [argNum, at + wid, ok];
  };
  formatLoop: while (i < end) {
    goodArgNum = true;
    const lasti = i;
    while (i < end && format.charCodeAt(i) !== 37) i++;
    if (i > lasti) p.out += format.slice(lasti, i);
    if (i >= end) break;
    i++;
    const sp = p.spec;
    resetSpec(sp);
    simple: for (; i < end; i++) {
      const c = format[i]!;
      switch (c) {
        case "#":
          sp.sharp = true;
          break;
        case "0":
          sp.zero = true;
          break;
        case "+":
          sp.plus = true;
          break;
        case "-":
          sp.minus = true;
          break;
        case " ":
          sp.space = true;
          break;
        default:
          // Fast path: a lower-case verb right after the flags.
          if (c >= "a" && c <= "z" && argNum < args.length) {
            if (c === "w") p.badVerb(c, args[argNum]);
            else {
              if (c === "v") {
                sp.sharpV = sp.sharp;
                sp.sharp = false;
                sp.plusV = sp.plus;
                sp.plus = false;
              }
              p.printArg(args[argNum], c, 0);
            }
            argNum++;
            i++;
            continue formatLoop;
          }
          break simple;
      }
    }
    // argNumber changes nothing but afterIndex unless an explicit index "[n]" follows.
    if (format.charCodeAt(i) === 0x5b) [argNum, i, afterIndex] = argNumber(i);
    else afterIndex = false;
    if (i < end && format[i] === "*") {
      i++;
      let ok: boolean;
      [sp.width, ok, argNum] = intFromArg(args, argNum);
      if (!ok) {
        sp.width = -1;
        p.out += "%!(BADWIDTH)";
      } else if (sp.width < 0) {
        sp.width = -sp.width;
        sp.minus = true;
        sp.zero = false;
      }
      afterIndex = false;
    } else {
      const [w, present, next] = parseNum(format, i, end);
      i = next;
      if (present) {
        sp.width = w;
        if (afterIndex) goodArgNum = false;
      }
    }
    if (i + 1 < end && format[i] === ".") {
      i++;
      if (afterIndex) goodArgNum = false;
      // argNumber changes nothing but afterIndex unless an explicit index "[n]" follows.
      if (format.charCodeAt(i) === 0x5b) [argNum, i, afterIndex] = argNumber(i);
      else afterIndex = false;
      if (i < end && format[i] === "*") {
        i++;
        let ok: boolean;
        [sp.prec, ok, argNum] = intFromArg(args, argNum);
        if (sp.prec < 0) {
          sp.prec = -1;
          ok = false;
        }
        if (!ok) {
          sp.prec = -1;
          p.out += "%!(BADPREC)";
        }
        afterIndex = false;
      } else {
        const [pr, present, next] = parseNum(format, i, end);
        i = next;
        sp.prec = present ? pr : 0;
      }
    }
    if (!afterIndex) {
      if (format.charCodeAt(i) === 0x5b) [argNum, i, afterIndex] = argNumber(i);
      else afterIndex = false;
    }
    if (i >= end) {
      p.out += "%!(NOVERB)";
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(i)!);
    i += verb.length;
    if (verb === "%") {
      p.out += "%";
    } else if (!goodArgNum) {
      p.out += `%!${verb}(BADINDEX)`;
    } else if (argNum >= args.length) {
      p.out += `%!${verb}(MISSING)`;
    } else if (verb === "w") {
      p.badVerb(verb, args[argNum]);
      argNum++;
    } else {
      if (verb === "v") {
        sp.sharpV = sp.sharp;
        sp.sharp = false;
        sp.plusV = sp.plus;
        sp.plus = false;
      }
      p.printArg(args[argNum], verb, 0);
      argNum++;
    }
  }
  if (!reordered && argNum < args.length) {
    p.spec = newSpec();
    p.out += "%!(EXTRA ";
    for (let k = argNum; k < args.length; k++) {
      if (k > argNum) p.out += ", ";
      const a = args[k];
      if (a === null || a === undefined) p.out += "<nil>";
      else {
        p.out += goTypeName(a) + "=";
        p.printArg(a, "v", 0);
      }
    }
    p.out += ")";
  }
  return finish(p);
}

/** Formats like Go's fmt.Sprint: spaces between operands when neither side is a string. */
export function sprint(args: readonly unknown[]): string {
  const p = takePrinter();
  let prevString = false;
  args.forEach((arg, k) => {
    const isString = typeof arg === "string";
    if (k > 0 && !isString && !prevString) p.out += " ";
    p.spec = newSpec();
    p.printArg(arg, "v", 0);
    prevString = isString;
  });
  return finish(p);
}

/** Formats like Go's fmt.Sprintln: always spaces between operands, then a newline. */
export function sprintln(args: readonly unknown[]): string {
  const p = takePrinter();
  args.forEach((arg, k) => {
    if (k > 0) p.out += " ";
    p.spec = newSpec();
    p.printArg(arg, "v", 0);
  });
  return finish(p) + "\n";
}

/** Formats one value like Go's %v (nil and missing values print `<nil>`). */
export function formatValue(v: unknown): string {
  if (typeof v === "string") return v;
  if (typeof v === "number") return formatFloatV(v);
  // Integers and booleans print plainly with %v; skip building a printer.
  if (v instanceof GoInt || typeof v === "bigint") return v.toString();
  if (typeof v === "boolean") return v ? "true" : "false";
  const p = takePrinter();
  p.printArg(v, "v", 0);
  return finish(p);
}
