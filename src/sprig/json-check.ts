/**
 * Go's encoding/json syntax check (checkValid) for error messages: JSON.parse says whether
 * input is valid, but Sprig's mustFromJson and Helm's fromJson surface Go's exact text
 * ("invalid character 'x' after object key", "unexpected end of JSON input", …). Works on
 * UTF-8 bytes, as Go's scanner does.
 */
import { goQuote } from "../template/fmt.ts";

class JsonSyntaxError extends Error {}

/** Go's quoteChar for a byte. */
function quoteChar(b: number): string {
  if (b === 0x27) return "'\\''";
  if (b === 0x22) return "'\"'";
  const q = goQuote(String.fromCharCode(b));
  return `'${q.slice(1, -1)}'`;
}

const SPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);
const isDigit = (b: number | undefined) => b !== undefined && b >= 0x30 && b <= 0x39;
const isHex = (b: number | undefined) =>
  b !== undefined && (isDigit(b) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66));

/** Checks JSON syntax; returns Go's error text, or undefined when the input is valid. */
export function checkJsonSyntax(text: string): string | undefined {
  const src = new TextEncoder().encode(text);
  let i = 0;
  /** Go feeds a space at end of input: states that reject it report that, others EOF. */
  const at = (): number => src[i] ?? 0x20;
  const eof = () => i >= src.length;
  const fail = (what: string): never => {
    if (
      eof() &&
      !what.startsWith("in ") &&
      !what.startsWith("after decimal") &&
      !what.startsWith("in exponent")
    ) {
      throw new JsonSyntaxError("unexpected end of JSON input");
    }
    throw new JsonSyntaxError(`invalid character ${quoteChar(at())} ${what}`);
  };
  const ws = () => {
    while (!eof() && SPACE.has(src[i]!)) i++;
  };
  const literal = (word: string) => {
    for (let k = 1; k < word.length; k++) {
      i++;
      if (at() !== word.charCodeAt(k)) fail(`in literal ${word} (expecting '${word[k]}')`);
    }
    i++;
  };
  const number = () => {
    if (at() === 0x2d) {
      i++;
      if (!isDigit(at())) fail("in numeric literal");
    }
    if (at() === 0x30) i++;
    else while (isDigit(src[i])) i++;
    if (at() === 0x2e && !eof()) {
      i++;
      if (!isDigit(at())) fail("after decimal point in numeric literal");
      while (isDigit(src[i])) i++;
    }
    if (!eof() && (at() === 0x65 || at() === 0x45)) {
      i++;
      if (at() === 0x2b || at() === 0x2d) i++;
      if (!isDigit(at())) fail("in exponent of numeric literal");
      while (isDigit(src[i])) i++;
    }
  };
  const string = () => {
    i++;
    for (;;) {
      if (eof()) throw new JsonSyntaxError("unexpected end of JSON input");
      const b = src[i]!;
      if (b === 0x22) {
        i++;
        return;
      }
      if (b < 0x20) fail("in string literal");
      if (b === 0x5c) {
        i++;
        if (eof()) throw new JsonSyntaxError("unexpected end of JSON input");
        const e = src[i]!;
        if (e === 0x75) {
          for (let k = 0; k < 4; k++) {
            i++;
            if (eof()) throw new JsonSyntaxError("unexpected end of JSON input");
            if (!isHex(src[i])) fail("in \\u hexadecimal character escape");
          }
        } else if (!'"\\/bfnrt'.includes(String.fromCharCode(e))) {
          fail("in string escape code");
        }
      }
      i++;
    }
  };
  const value = (): void => {
    ws();
    const b = src[i];
    if (b === undefined) throw new JsonSyntaxError("unexpected end of JSON input");
    if (b === 0x7b) object();
    else if (b === 0x5b) array();
    else if (b === 0x22) string();
    else if (b === 0x2d || isDigit(b)) number();
    else if (b === 0x74) literal("true");
    else if (b === 0x66) literal("false");
    else if (b === 0x6e) literal("null");
    else fail("looking for beginning of value");
  };
  /** After a member: consumes "," (false: another follows) or `close` (true); else Go's error. */
  const closedAfter = (close: number, where: string): boolean => {
    ws();
    if (eof()) throw new JsonSyntaxError("unexpected end of JSON input");
    if (at() !== 0x2c && at() !== close) fail(where);
    i++;
    return src[i - 1] === close;
  };
  const object = () => {
    i++;
    ws();
    if (at() === 0x7d && !eof()) {
      i++;
      return;
    }
    for (;;) {
      ws();
      if (eof()) throw new JsonSyntaxError("unexpected end of JSON input");
      if (at() !== 0x22) fail("looking for beginning of object key string");
      string();
      ws();
      if (eof()) throw new JsonSyntaxError("unexpected end of JSON input");
      if (at() !== 0x3a) fail("after object key");
      i++;
      value();
      if (closedAfter(0x7d, "after object key:value pair")) return;
    }
  };
  const array = () => {
    i++;
    ws();
    if (at() === 0x5d && !eof()) {
      i++;
      return;
    }
    for (;;) {
      value();
      if (closedAfter(0x5d, "after array element")) return;
    }
  };
  try {
    value();
    ws();
    if (!eof()) fail("after top-level value");
    return undefined;
  } catch (err) {
    if (err instanceof JsonSyntaxError) return err.message;
    throw err;
  }
}
