import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import { goQuote, sprintf } from "./fmt.ts";
import { byteLen, fromUtf8, sliceBytes, utf8 } from "./gostring.ts";

describe("Go strings as bytes (surrogate escapes)", () => {
  test("any bytes survive fromUtf8 → utf8 unchanged", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        expect(Array.from(utf8(fromUtf8(bytes)))).toEqual(Array.from(bytes));
      }),
    );
  });

  test("valid UTF-8, a leading byte order mark included, decodes as text", () => {
    expect(fromUtf8(Uint8Array.from([0xef, 0xbb, 0xbf, 0x78]))).toBe("\ufeffx");
    expect(fromUtf8(new TextEncoder().encode("日本"))).toBe("日本");
  });

  test("slicing inside a rune keeps Go's bytes and byte length", () => {
    const cut = sliceBytes("日本語", 0, 4);
    expect(byteLen(cut)).toBe(4);
    expect(Array.from(utf8(cut))).toEqual([0xe6, 0x97, 0xa5, 0xe6]);
  });

  test("goQuote prints escaped bytes as \\xNN like strconv.Quote", () => {
    expect(goQuote(fromUtf8(Uint8Array.from([0xff, 0x59, 0x04])))).toBe('"\\xffY\\x04"');
    expect(goQuote('a"b')).toBe('"a\\"b"');
  });

  test("printf %x and %#q see the bytes", () => {
    const s = fromUtf8(Uint8Array.from([0xc3, 0x28, 0x41]));
    expect(sprintf("%x", [s])).toBe("c32841");
    expect(sprintf("%#q", [s])).toBe('"\\xc3(A"');
  });
});

describe("utf8 and fromUtf8 agree with a per-character reference", () => {
  // The straightforward forms the buffered implementations replace.
  const refUtf8 = (s: string): number[] => {
    const out: number[] = [];
    for (const c of s) {
      const cp = c.codePointAt(0)!;
      if (cp >= 0xdc80 && cp <= 0xdcff) out.push(cp - 0xdc00);
      else out.push(...new TextEncoder().encode(c));
    }
    return out;
  };
  test("any string of code units, escaped bytes and pairs included", () => {
    const unit = fc.oneof(
      fc.integer({ min: 0, max: 0xffff }),
      fc.integer({ min: 0xd800, max: 0xdfff }),
      fc.integer({ min: 0, max: 0x7f }),
    );
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 30 }), (codes) => {
        const s = String.fromCharCode(...codes);
        expect(Array.from(utf8(s))).toEqual(refUtf8(s));
      }),
      { numRuns: 3000 },
    );
  });

  test("fromUtf8 of long binary data round-trips and matches the reference decode", () => {
    const bytes = Uint8Array.from({ length: 50_000 }, (_, i) => (i * 7919 + (i >> 3)) & 0xff);
    const s = fromUtf8(bytes);
    expect(utf8(s)).toEqual(bytes);
    expect(refUtf8(s)).toEqual(Array.from(bytes));
  });
});
