/**
 * Go's encoding/json decoding into interface{} targets, with Go's exact error texts: the whole
 * input is checked first (syntax errors win), numbers become float64, a number out of range
 * is a type error that leaves null in place, duplicate keys keep the last value.
 */
import { GoJsonError } from "./go-json.ts";

/** Go's quoteChar for scanner errors (a byte shown as a rune). */
function quoteChar(byte: number): string {
  if (byte === 0x27) return "'\\''";
  if (byte === 0x22) return "'\"'";
  const named: Record<number, string> = {
    7: "\\a",
    8: "\\b",
    12: "\\f",
    10: "\\n",
    13: "\\r",
    9: "\\t",
    11: "\\v",
  };
  const n = named[byte];
  if (n !== undefined) return `'${n}'`;
  if (byte === 0x5c) return "'\\\\'";
  if (byte < 0x20 || byte === 0x7f) return `'\\x${byte.toString(16).padStart(2, "0")}'`;
  if (byte >= 0x80 && byte < 0xa0) return `'\\u00${byte.toString(16)}'`;
  return `'${String.fromCharCode(byte)}'`;
}

class JsonDecoder {
  readonly #bytes: Uint8Array;
  readonly #text: string;
  #pos = 0;
  typeError: string | undefined;

  constructor(text: string) {
    this.#text = text;
    this.#bytes = new TextEncoder().encode(text);
  }

  #fail(context: string): never {
    if (this.#pos >= this.#bytes.length) throw new GoJsonError("unexpected end of JSON input");
    throw new GoJsonError(
      `invalid character ${quoteChar(this.#bytes[this.#pos] as number)} ${context}`,
    );
  }
  #skipWs(): void {
    const b = this.#bytes;
    while (this.#pos < b.length) {
      const c = b[this.#pos];
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) this.#pos++;
      else break;
    }
  }
  #peek(): number | undefined {
    return this.#bytes[this.#pos];
  }

  parseTop(): unknown {
    this.#skipWs();
    const v = this.#value();
    this.#skipWs();
    if (this.#pos < this.#bytes.length) this.#fail("after top-level value");
    return v;
  }

  #value(): unknown {
    const c = this.#peek();
    if (c === 0x7b) return this.#object();
    if (c === 0x5b) return this.#array();
    if (c === 0x22) return this.#string();
    if (c === 0x2d || (c !== undefined && c >= 0x30 && c <= 0x39)) return this.#number();
    if (c === 0x74) return this.#literal("true", true);
    if (c === 0x66) return this.#literal("false", false);
    if (c === 0x6e) return this.#literal("null", null);
    this.#fail("looking for beginning of value");
  }

  #literal(word: string, value: unknown): unknown {
    for (let i = 0; i < word.length; i++) {
      if (this.#peek() !== word.charCodeAt(i)) {
        if (i === 0) this.#fail("looking for beginning of value");
        this.#fail(`in literal ${word} (expecting '${word[i]}')`);
      }
      this.#pos++;
    }
    return value;
  }

  #digits(): number {
    const start = this.#pos;
    while (this.#pos < this.#bytes.length) {
      const c = this.#bytes[this.#pos] as number;
      if (c < 0x30 || c > 0x39) break;
      this.#pos++;
    }
    return this.#pos - start;
  }

  #number(): unknown {
    const start = this.#pos;
    if (this.#peek() === 0x2d) {
      this.#pos++;
      const c = this.#peek();
      if (c === undefined || c < 0x30 || c > 0x39) this.#fail("in numeric literal");
    }
    if (this.#peek() === 0x30) this.#pos++;
    else this.#digits();
    if (this.#peek() === 0x2e) {
      this.#pos++;
      if (this.#digits() === 0) this.#fail("after decimal point in numeric literal");
    }
    const e = this.#peek();
    if (e === 0x65 || e === 0x45) {
      this.#pos++;
      const s = this.#peek();
      if (s === 0x2b || s === 0x2d) this.#pos++;
      if (this.#digits() === 0) this.#fail("in exponent of numeric literal");
    }
    const text = new TextDecoder().decode(this.#bytes.subarray(start, this.#pos));
    const f = Number(text);
    if (!Number.isFinite(f)) {
      this.typeError ??= `json: cannot unmarshal number ${text} into Go value of type float64`;
      return null;
    }
    return f;
  }

  #string(): string {
    this.#pos++;
    const b = this.#bytes;
    let out = "";
    let runStart = this.#pos;
    const flush = () => {
      out += new TextDecoder().decode(b.subarray(runStart, this.#pos));
    };
    for (;;) {
      if (this.#pos >= b.length) this.#fail("in string literal");
      const c = b[this.#pos] as number;
      if (c === 0x22) {
        flush();
        this.#pos++;
        return out;
      }
      if (c < 0x20) this.#fail("in string literal");
      if (c !== 0x5c) {
        this.#pos++;
        continue;
      }
      flush();
      this.#pos++;
      const e = this.#peek();
      const simple: Record<number, string> = {
        34: '"',
        92: "\\",
        47: "/",
        98: "\b",
        102: "\f",
        110: "\n",
        114: "\r",
        116: "\t",
      };
      if (e !== undefined && simple[e] !== undefined) {
        out += simple[e];
        this.#pos++;
      } else if (e === 0x75) {
        this.#pos++;
        let unit = this.#hex4();
        if (unit >= 0xd800 && unit < 0xdc00) {
          // A high surrogate needs a \u low surrogate next; Go replaces a lone one with U+FFFD.
          const save = this.#pos;
          if (b[this.#pos] === 0x5c && b[this.#pos + 1] === 0x75) {
            this.#pos += 2;
            const low = this.#hex4();
            if (low >= 0xdc00 && low < 0xe000) {
              out += String.fromCharCode(unit, low);
              runStart = this.#pos;
              continue;
            }
          }
          this.#pos = save;
          unit = 0xfffd;
        } else if (unit >= 0xdc00 && unit < 0xe000) unit = 0xfffd;
        out += String.fromCharCode(unit);
      } else this.#fail("in string escape code");
      runStart = this.#pos;
    }
  }

  #hex4(): number {
    let v = 0;
    for (let i = 0; i < 4; i++) {
      const c = this.#peek();
      const d = c === undefined ? -1 : Number.parseInt(String.fromCharCode(c), 16);
      if (Number.isNaN(d) || d < 0) this.#fail("in \\u hexadecimal character escape");
      v = v * 16 + d;
      this.#pos++;
    }
    return v;
  }

  #object(): Record<string, unknown> {
    this.#pos++;
    const obj: Record<string, unknown> = {};
    this.#skipWs();
    if (this.#peek() === 0x7d) {
      this.#pos++;
      return obj;
    }
    for (;;) {
      this.#skipWs();
      if (this.#peek() !== 0x22) this.#fail("looking for beginning of object key string");
      const key = this.#string();
      this.#skipWs();
      if (this.#peek() !== 0x3a) this.#fail("after object key");
      this.#pos++;
      this.#skipWs();
      const value = this.#value();
      Object.defineProperty(obj, key, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
      this.#skipWs();
      const c = this.#peek();
      if (c === 0x2c) {
        this.#pos++;
        continue;
      }
      if (c === 0x7d) {
        this.#pos++;
        return obj;
      }
      this.#fail("after object key:value pair");
    }
  }

  #array(): unknown[] {
    this.#pos++;
    const arr: unknown[] = [];
    this.#skipWs();
    if (this.#peek() === 0x5d) {
      this.#pos++;
      return arr;
    }
    for (;;) {
      this.#skipWs();
      arr.push(this.#value());
      this.#skipWs();
      const c = this.#peek();
      if (c === 0x2c) {
        this.#pos++;
        continue;
      }
      if (c === 0x5d) {
        this.#pos++;
        return arr;
      }
      this.#fail("after array element");
    }
  }

  get text(): string {
    return this.#text;
  }
}

/** Go's JSON kind names used in "cannot unmarshal X into Go value of type T". */
export function jsonKindName(v: unknown): string {
  if (Array.isArray(v)) return "array";
  if (typeof v === "string") return "string";
  if (typeof v === "number") return "number";
  if (typeof v === "boolean") return "bool";
  return "object";
}

/** The outcome of decoding: the value (partial on a type error) and Go's error, if any. */
export interface GoJsonDecoded {
  readonly value: unknown;
  readonly error?: string;
}

/** Decodes JSON text as Go's json.Unmarshal into interface{} would. */
export function decodeGoJson(text: string): GoJsonDecoded {
  const d = new JsonDecoder(text);
  try {
    const value = d.parseTop();
    return d.typeError === undefined ? { value } : { value, error: d.typeError };
  } catch (err) {
    if (err instanceof GoJsonError) return { value: undefined, error: err.message };
    throw err;
  }
}
