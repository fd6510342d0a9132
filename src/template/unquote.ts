/**
 * Go's strconv.Unquote for template string literals ("…" and `…`) and UnquoteChar for char
 * constants ('x'). Returns undefined where Go reports "invalid syntax".
 */

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  a: "\x07",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
  "\\": "\\",
};

/** Decodes one escape at s[i] (just after the backslash); returns [text, next index]. */
function decodeEscape(s: string, i: number, quote: string): [string, number] | undefined {
  const c = s[i];
  if (c === undefined) return undefined;
  const simple = SIMPLE_ESCAPES[c];
  if (simple !== undefined) return [simple, i + 1];
  if (c === quote) return [c, i + 1];
  if (c === "x" || c === "u" || c === "U") {
    const n = c === "x" ? 2 : c === "u" ? 4 : 8;
    const hex = s.slice(i + 1, i + 1 + n);
    if (hex.length !== n || !/^[0-9a-fA-F]+$/.test(hex)) return undefined;
    const v = Number.parseInt(hex, 16);
    if (c === "x") return [String.fromCharCode(v), i + 1 + n];
    if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) return undefined;
    return [String.fromCodePoint(v), i + 1 + n];
  }
  if (c >= "0" && c <= "7") {
    const oct = s.slice(i, i + 3);
    if (!/^[0-7]{3}$/.test(oct)) return undefined;
    const v = Number.parseInt(oct, 8);
    if (v > 255) return undefined;
    return [String.fromCharCode(v), i + 3];
  }
  return undefined;
}

/**
 * Unquotes a Go string literal. `\x` and octal escapes denote bytes; bytes >= 0x80 that do
 * not form valid UTF-8 become U+FFFD (JS strings hold text, not bytes).
 */
export function unquoteString(quoted: string): string | undefined {
  if (quoted.length < 2) return undefined;
  const q = quoted[0];
  if (q !== quoted[quoted.length - 1]) return undefined;
  const body = quoted.slice(1, -1);
  if (q === "`") {
    if (body.includes("`")) return undefined;
    return body.replaceAll("\r", "");
  }
  if (q !== '"') return undefined;
  if (!body.includes("\\")) return body.includes('"') || body.includes("\n") ? undefined : body;
  let out = "";
  let bytes: number[] = [];
  const flush = (): void => {
    if (bytes.length > 0) {
      out += new TextDecoder().decode(new Uint8Array(bytes));
      bytes = [];
    }
  };
  for (let i = 0; i < body.length; ) {
    const ch = body[i]!;
    if (ch === '"' || ch === "\n") return undefined;
    if (ch !== "\\") {
      flush();
      out += ch;
      i++;
      continue;
    }
    const dec = decodeEscape(body, i + 1, '"');
    if (dec === undefined) return undefined;
    const isByte = body[i + 1] === "x" || (body[i + 1]! >= "0" && body[i + 1]! <= "7");
    if (isByte) bytes.push(dec[0].charCodeAt(0));
    else {
      flush();
      out += dec[0];
    }
    i = dec[1];
  }
  flush();
  return out;
}

/** Decodes a Go char constant like 'a', '\n', '\x41', '\u00e9'; returns its code point. */
export function unquoteChar(quoted: string): number | undefined {
  if (quoted.length < 3 || quoted[0] !== "'" || quoted[quoted.length - 1] !== "'") return undefined;
  const body = quoted.slice(1, -1);
  if (body[0] !== "\\") {
    const cp = body.codePointAt(0)!;
    return String.fromCodePoint(cp).length === body.length && body !== "'" ? cp : undefined;
  }
  const dec = decodeEscape(body, 1, "'");
  if (dec === undefined || dec[1] !== body.length) return undefined;
  return dec[0].codePointAt(0);
}
