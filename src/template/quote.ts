/**
 * Go's strconv quoting (Quote, QuoteToASCII, QuoteRune, CanBackquote) and unicode.IsPrint as
 * fmt's %q and the template errors need them.
 */

/** Approximates Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols, ASCII space. */
export function isPrintRune(c: number): boolean {
  if (c === 0x20) return true;
  if (c < 0x20 || c === 0x7f) return false;
  if (c < 0x7f) return true;
  return /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u.test(String.fromCodePoint(c));
}

function escapeRune(c: number, quote: number, asciiOnly: boolean): string {
  if (c === quote || c === 0x5c) return "\\" + String.fromCharCode(c);
  if (asciiOnly ? c < 0x7f && isPrintRune(c) : isPrintRune(c)) return String.fromCodePoint(c);
  switch (c) {
    case 7:
      return "\\a";
    case 8:
      return "\\b";
    case 12:
      return "\\f";
    case 10:
      return "\\n";
    case 13:
      return "\\r";
    case 9:
      return "\\t";
    case 11:
      return "\\v";
  }
  if (c < 0x20 || c === 0x7f) return "\\x" + c.toString(16).padStart(2, "0");
  if (c === 0xfffd) return "\\ufffd";
  if (c < 0x10000) return "\\u" + c.toString(16).padStart(4, "0");
  return "\\U" + c.toString(16).padStart(8, "0");
}

const PLAIN_ASCII = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/** Quotes a string like Go's strconv.Quote (or QuoteToASCII when asciiOnly). */
export function goQuote(s: string, asciiOnly = false): string {
  if (PLAIN_ASCII.test(s)) return `"${s}"`;
  let out = '"';
  for (const ch of s) {
    let c = ch.codePointAt(0)!;
    if (c >= 0xdc80 && c <= 0xdcff) {
      // A surrogate-escaped byte (see gostring.ts): strconv.Quote writes invalid UTF-8 as \xNN.
      out += `\\x${(c - 0xdc00).toString(16).padStart(2, "0")}`;
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    out += escapeRune(c, 0x22, asciiOnly);
  }
  return out + '"';
}

/** Quotes a rune like Go's strconv.QuoteRune (QuoteRuneToASCII when asciiOnly). */
export function quoteRune(n: bigint, asciiOnly: boolean): string {
  let c = n < 0n || n > 0x10ffffn ? 0xfffd : Number(n);
  if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
  return "'" + escapeRune(c, 0x27, asciiOnly) + "'";
}

/** Go's strconv.CanBackquote. */
export function canBackquote(s: string): boolean {
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c === 0x60 || c === 0xfeff || c === 0xfffd) return false;
    if (c >= 0xd800 && c <= 0xdfff) return false; // invalid UTF-8 (an escaped byte)
    if (c < 0x20 && c !== 9) return false;
    if (c === 0x7f) return false;
  }
  return true;
}
