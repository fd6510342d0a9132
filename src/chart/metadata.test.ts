import { describe, expect, test } from "bun:test";
import { sanitizeString } from "./metadata.ts";

// The per-character form (Go's unicode.IsSpace → " ", unprintable runes dropped), kept as the
// reference for sanitizeString's printable-ASCII shortcut.
function reference(s: string): string {
  let out = "";
  for (const ch of s) {
    if (/^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/u.test(ch)) {
      out += " ";
    } else if (/^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u.test(ch) || ch === " ") {
      out += ch;
    }
  }
  return out;
}

describe("sanitizeString()", () => {
  test("maps white space to a space and drops unprintable runes", () => {
    expect(sanitizeString("a\tb\nc\u0000d\u200be é")).toBe("a b cde é");
  });

  test("agrees with the per-character form on every ASCII character and random strings", () => {
    for (let c = 0; c < 0x80; c++) {
      const s = `x${String.fromCharCode(c)}y`;
      expect(sanitizeString(s)).toBe(reference(s));
    }
    const pool = [
      "a",
      "Z",
      "0",
      " ",
      "~",
      "\t",
      "\n",
      "\u007f",
      "\u00a0",
      "é",
      "\u200b",
      "😀",
      "\ud800",
      "-",
    ];
    let seed = 5;
    for (let k = 0; k < 3000; k++) {
      let s = "";
      for (let j = 0; j < 8; j++) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        s += pool[seed % pool.length];
      }
      expect(sanitizeString(s)).toBe(reference(s));
    }
  });
});
