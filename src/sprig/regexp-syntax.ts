/**
 * Go regexp syntax (RE2) translated to an equivalent JS pattern (v flag), with Go's compile
 * errors for the common mistakes. Go's capture names live beside the pattern (JS forbids the
 * repeated names Go allows), so JS groups stay unnamed.
 */
import { goQuote } from "../template/fmt.ts";

/** A compiled Go regexp. */
export interface GoRegexp {
  readonly source: string;
  readonly re: RegExp;
  readonly names: readonly (string | undefined)[];
}

const SPACE = "\\t\\n\\f\\r ";
const POSIX: Record<string, string> = {
  alnum: "0-9A-Za-z",
  alpha: "A-Za-z",
  ascii: "\\x00-\\x7f",
  blank: "\\t ",
  cntrl: "\\x00-\\x1f\\x7f",
  digit: "0-9",
  graph: "!-~",
  lower: "a-z",
  print: " -~",
  punct: "!-\\/:-@\\[-`\\{-~",
  space: "\\t\\n\\v\\f\\r ",
  upper: "A-Z",
  word: "0-9A-Za-z_",
  xdigit: "0-9A-Fa-f",
};
const JS_SYNTAX = new Set(Array.from("^$\\.*+?()[]{}|/"));
/** Characters a JS v-mode class needs escaped (syntax characters and reserved punctuators). */
const CLASS_ESCAPE = new Set(Array.from("^$\\.*+?()[]{}|/&-!#%,:;<=>@`~"));

function parseError(code: string, arg: string): Error {
  return new Error(`error parsing regexp: ${code}: \`${arg}\``);
}

/** Escapes one literal code point for a JS v-mode pattern (inside or outside a class). */
function literal(c: string, inClass: boolean): string {
  if (inClass ? CLASS_ESCAPE.has(c) : JS_SYNTAX.has(c)) return `\\${c}`;
  const cp = c.codePointAt(0)!;
  if (cp < 0x20 || cp === 0x7f) return `\\x${cp.toString(16).padStart(2, "0")}`;
  return c;
}

function unicodeClass(name: string, negate: boolean): string {
  const p = negate ? "P" : "p";
  if (name === "Any") return negate ? "[^\\s\\S]" : "[\\s\\S]";
  if (/^[A-Z][a-z]?$/.test(name)) return `\\${p}{${name}}`;
  return `\\${p}{Script=${name}}`;
}

class Translator {
  readonly #src: string;
  #i = 0;
  #out = "";
  readonly names: (string | undefined)[] = [undefined];
  #dotAll = false;
  #multi = false;
  #ungreedy = false;

  constructor(src: string) {
    this.#src = src;
  }

  translate(): string {
    this.#alternation(0);
    if (this.#i < this.#src.length) throw parseError("unexpected )", this.#src);
    return this.#out;
  }

  #peek(off = 0): string {
    return this.#src[this.#i + off] ?? "";
  }

  /** alternation := concat ('|' concat)* ; stops at ')' (depth > 0) or end. */
  #alternation(depth: number): void {
    // Go's bare flag groups like (?i) last to the end of the enclosing group, across `|`; in
    // JS each alternative after one is wrapped in its own modifier group.
    const openers: string[] = [];
    const saved = [this.#dotAll, this.#multi, this.#ungreedy] as const;
    let lastAtomStart = -1;
    let canRepeat = false;
    let justRepeated = false;
    while (this.#i < this.#src.length) {
      const c = this.#peek();
      if (c === ")") {
        if (depth === 0) throw parseError("unexpected )", this.#src);
        break;
      }
      if (c === "|") {
        this.#out += `${")".repeat(openers.length)}|${openers.join("")}`;
        this.#i++;
        canRepeat = false;
        justRepeated = false;
        continue;
      }
      if (c === "*" || c === "+" || c === "?" || (c === "{" && this.#isRepeat())) {
        const op = this.#repeatOp();
        if (justRepeated) {
          const prev = this.#src.slice(lastAtomStart, this.#i);
          throw parseError("invalid nested repetition operator", prev);
        }
        if (!canRepeat) throw parseError("missing argument to repetition operator", op.text);
        this.#out += op.js;
        justRepeated = true;
        continue;
      }
      lastAtomStart = this.#i;
      const flagsOnly = this.#atom(depth);
      if (flagsOnly !== undefined) {
        if (flagsOnly !== "") {
          this.#out += flagsOnly;
          openers.push(flagsOnly);
        }
        canRepeat = false;
      } else {
        canRepeat = true;
      }
      justRepeated = false;
      // The repetition text for nested-repetition errors starts at the repeated operator.
      if (canRepeat) lastAtomStart = this.#i;
    }
    this.#out += ")".repeat(openers.length);
    [this.#dotAll, this.#multi, this.#ungreedy] = saved;
  }

  #isRepeat(): boolean {
    return /^\{\d+(,\d*)?\}/.test(this.#src.slice(this.#i));
  }

  #repeatOp(): { text: string; js: string } {
    const start = this.#i;
    let js: string;
    if (this.#peek() === "{") {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.#src.slice(this.#i))!;
      const min = Number(m[1]);
      const max = m[3] === undefined || m[3] === "" ? min : Number(m[3]);
      if (min > 1000 || max > 1000 || (m[3] !== undefined && m[3] !== "" && max < min)) {
        throw parseError("invalid repeat count", m[0]);
      }
      js = m[0];
      this.#i += m[0].length;
    } else {
      js = this.#peek();
      this.#i++;
    }
    let lazy = false;
    if (this.#peek() === "?") {
      lazy = true;
      this.#i++;
    }
    if (lazy !== this.#ungreedy) js += "?";
    return { text: this.#src.slice(start, this.#i), js };
  }

  /** Translates one atom; returns the JS opener when it was a bare flag group like (?i). */
  #atom(depth: number): string | undefined {
    const c = this.#peek();
    switch (c) {
      case "(":
        return this.#group(depth);
      case "[":
        this.#class();
        return undefined;
      case "\\":
        this.#out += this.#escape(false);
        return undefined;
      case ".":
        this.#i++;
        this.#out += this.#dotAll ? "[\\s\\S]" : "[^\\n]";
        return undefined;
      case "^":
        this.#i++;
        this.#out += this.#multi ? "(?<![^\\n])" : "(?<![\\s\\S])";
        return undefined;
      case "$":
        this.#i++;
        this.#out += this.#multi ? "(?![^\\n])" : "(?![\\s\\S])";
        return undefined;
      default: {
        const ch = String.fromCodePoint(this.#src.codePointAt(this.#i)!);
        this.#i += ch.length;
        this.#out += literal(ch, false);
        return undefined;
      }
    }
  }

  #group(depth: number): string | undefined {
    const rest = this.#src.slice(this.#i);
    const named = /^\(\?P?<([^>]*)>/.exec(rest);
    const flags = /^\(\?([imsU]*)(?:-([imsU]*))?([:)])/.exec(rest);
    if (named !== null) {
      const m = named;
      if (!/^[A-Za-z0-9_]+$/.test(m[1]!)) throw parseError("invalid named capture", m[0]);
      this.#i += m[0].length;
      // Go allows repeated names; JS does not, so groups stay unnamed and names live here.
      this.names.push(m[1]);
      this.#out += "(";
    } else if (flags !== null) {
      const m = flags;
      const on = m[1] ?? "";
      const off = m[2] ?? "";
      if (m[2] !== undefined && off === "")
        throw parseError("missing argument to repetition operator", m[0]);
      this.#i += m[0].length;
      const saved = [this.#dotAll, this.#multi, this.#ungreedy] as const;
      if (on.includes("U")) this.#ungreedy = true;
      if (off.includes("U")) this.#ungreedy = false;
      if (on.includes("s")) this.#dotAll = true;
      if (off.includes("s")) this.#dotAll = false;
      if (on.includes("m")) this.#multi = true;
      if (off.includes("m")) this.#multi = false;
      const jsOn = on.includes("i") ? "i" : "";
      const jsOff = off.includes("i") ? "-i" : "";
      const opener = jsOn === "" && jsOff === "" ? "(?:" : `(?${jsOn}${jsOff}:`;
      // Bare flags apply to the rest of the enclosing group; only `i` needs a JS group.
      if (m[3] === ")") return opener === "(?:" ? "" : opener;
      this.#out += opener;
      this.#alternation(depth + 1);
      [this.#dotAll, this.#multi, this.#ungreedy] = saved;
      return this.#close(depth);
    } else if (/^\(\?P?</.test(rest)) {
      throw parseError("invalid named capture", rest);
    } else if (rest.startsWith("(?")) {
      const bad = /^\(\?.?/.exec(rest)![0];
      throw parseError(
        "invalid or unsupported Perl syntax",
        bad === "(?P" ? rest.slice(0, 4) : bad,
      );
    } else {
      this.#i++;
      this.names.push(undefined);
      this.#out += "(";
    }
    this.#alternation(depth + 1);
    return this.#close(depth);
  }

  #close(depth: number): undefined {
    if (this.#peek() !== ")") throw parseError("missing closing )", this.#src);
    void depth;
    this.#i++;
    this.#out += ")";
    return undefined;
  }

  /** class := '[' '^'? item+ ']' ; item := char | char '-' char | escape | POSIX class. */
  #class(): void {
    const start = this.#i;
    this.#i++;
    let out = "[";
    if (this.#peek() === "^") {
      out += "^";
      this.#i++;
    }
    let first = true;
    for (;;) {
      if (this.#i >= this.#src.length) {
        throw parseError("missing closing ]", this.#src.slice(start));
      }
      const c = this.#peek();
      if (c === "]" && !first) break;
      first = false;
      const posix = /^\[:(\^?)([a-z]+):\]/.exec(this.#src.slice(this.#i));
      if (posix !== null) {
        const body = POSIX[posix[2]!];
        if (body === undefined) throw parseError("invalid character class range", posix[0]);
        this.#i += posix[0].length;
        out += posix[1] === "^" ? `[^${body}]` : body;
        continue;
      }
      const itemStart = this.#i;
      const lo = this.#classChar();
      if (
        lo.code === undefined ||
        this.#peek() !== "-" ||
        this.#peek(1) === "]" ||
        this.#peek(1) === ""
      ) {
        out += lo.js;
        continue;
      }
      this.#i++;
      const hi = this.#classChar();
      if (hi.code === undefined || hi.code < lo.code) {
        throw parseError("invalid character class range", this.#src.slice(itemStart, this.#i));
      }
      out += `${lo.js}-${hi.js}`;
    }
    this.#i++;
    this.#out += `${out}]`;
  }

  /** One class member: a literal (with its code point, usable in a range) or an escape class. */
  #classChar(): { js: string; code?: number } {
    if (this.#peek() === "\\") {
      const before = this.#i;
      const js = this.#escape(true);
      const text = this.#src.slice(before, this.#i);
      if (/^\\[dDwWsSpP]/.test(text)) return { js };
      const lit = /^\\x(?:\{([0-9A-Fa-f]+)\}|([0-9A-Fa-f]{2}))$/.exec(text);
      if (lit !== null) return { js, code: Number.parseInt(lit[1] ?? lit[2]!, 16) };
      const oct = /^\\([0-7]{1,3})$/.exec(text);
      if (oct !== null) return { js, code: Number.parseInt(oct[1]!, 8) };
      const named: Record<string, number> = { a: 7, f: 12, t: 9, n: 10, r: 13, v: 11 };
      const n = named[text.slice(1)];
      return { js, code: n ?? text.codePointAt(1)! };
    }
    const ch = String.fromCodePoint(this.#src.codePointAt(this.#i)!);
    this.#i += ch.length;
    return { js: literal(ch, true), code: ch.codePointAt(0)! };
  }

  /** Translates an escape at the cursor (inside a class when `inClass`). */
  #escape(inClass: boolean): string {
    const c = this.#peek(1);
    if (c === "") throw parseError("trailing backslash at end of expression", "");
    const start = this.#i;
    this.#i += 2;
    switch (c) {
      case "d":
      case "D":
      case "w":
      case "W":
        return `\\${c}`;
      case "b":
      case "B":
        if (inClass) throw parseError("invalid escape sequence", `\\${c}`);
        return `\\${c}`;
      case "s":
        return inClass ? SPACE : `[${SPACE}]`;
      case "S":
        return `[^${SPACE}]`;
      case "A":
        return "(?<![\\s\\S])";
      case "z":
        return "(?![\\s\\S])";
      case "a":
        return "\\x07";
      case "f":
      case "t":
      case "n":
      case "r":
      case "v":
        return `\\${c}`;
      case "p":
      case "P": {
        let name: string;
        if (this.#peek() === "{") {
          const end = this.#src.indexOf("}", this.#i);
          if (end < 0)
            throw parseError("invalid character class range", this.#src.slice(this.#i - 2));
          name = this.#src.slice(this.#i + 1, end);
          this.#i = end + 1;
        } else {
          name = this.#peek();
          this.#i++;
        }
        let negate = c === "P";
        if (name.startsWith("^")) {
          negate = !negate;
          name = name.slice(1);
        }
        const cls = unicodeClass(name, negate);
        try {
          new RegExp(cls, "v");
        } catch {
          throw parseError("invalid character class range", this.#src.slice(start, this.#i));
        }
        return cls;
      }
      case "x": {
        const m = /^(\{([0-9A-Fa-f]+)\}|[0-9A-Fa-f]{2})/.exec(this.#src.slice(this.#i));
        if (m === null)
          throw parseError("invalid escape sequence", this.#src.slice(this.#i - 2, this.#i + 2));
        this.#i += m[0].length;
        return literal(String.fromCodePoint(Number.parseInt(m[2] ?? m[0], 16)), inClass);
      }
      case "Q": {
        const end = this.#src.indexOf("\\E", this.#i);
        const text = end < 0 ? this.#src.slice(this.#i) : this.#src.slice(this.#i, end);
        this.#i = end < 0 ? this.#src.length : end + 2;
        return Array.from(text, (ch) => literal(ch, inClass)).join("");
      }
    }
    if (/[0-7]/.test(c)) {
      const m = /^[0-7]{0,2}/.exec(this.#src.slice(this.#i))![0];
      if (c !== "0" && m === "") throw parseError("invalid escape sequence", `\\${c}`);
      this.#i += m.length;
      return literal(String.fromCodePoint(Number.parseInt(c + m, 8)), inClass);
    }
    if (/^[!-/:-@[-`{-~]$/.test(c)) return literal(c, inClass);
    const ch = String.fromCodePoint(this.#src.codePointAt(this.#i - 1)!);
    throw parseError("invalid escape sequence", `\\${ch}`);
  }
}

const CACHE = new Map<string, GoRegexp>();

/** regexp.Compile: translates and compiles, throwing Go's "error parsing regexp: …" errors. */
export function compileGoRegexp(source: string): GoRegexp {
  const hit = CACHE.get(source);
  if (hit !== undefined) return hit;
  const t = new Translator(source);
  const pattern = t.translate();
  let re: RegExp;
  try {
    re = new RegExp(pattern, "gv");
  } catch (err) {
    throw new Error(
      `error parsing regexp: ${err instanceof Error ? err.message : String(err)}: \`${source}\``,
    );
  }
  const compiled = { source, re, names: t.names };
  if (CACHE.size > 500) CACHE.clear();
  CACHE.set(source, compiled);
  return compiled;
}

/** regexp.MustCompile: the panic text Sprig's non-must regex functions fail with. */
export function mustCompileGoRegexp(source: string): GoRegexp {
  try {
    return compileGoRegexp(source);
  } catch (err) {
    const q = /^[^`\x00-\x08\x0a-\x1f\x7f]*$/u.test(source) ? `\`${source}\`` : goQuote(source);
    throw new Error(`regexp: Compile(${q}): ${(err as Error).message}`);
  }
}
