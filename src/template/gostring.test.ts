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
