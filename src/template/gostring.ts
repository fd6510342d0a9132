/**
 * Go strings are UTF-8 bytes; JS strings are UTF-16. Most Go strings are valid UTF-8 and map
 * one to one. The rest (b64dec of binary data, `.Files.Get` of a binary file, trunc cutting a
 * rune) keep each byte b that is not part of valid UTF-8 as the lone surrogate U+DC00+b
 * ("surrogate escape", as Python's), so len, index, slice, printf %q/%x, b64enc and the hashes
 * see Go's exact bytes.
 */

const ENCODER = new TextEncoder();
const STRICT = new TextDecoder("utf-8", { fatal: true });

/** A lone low surrogate U+DC80..U+DCFF: one escaped byte. */
export const ESCAPED = /(?<![\uD800-\uDBFF])[\uDC80-\uDCFF]/;

/** Reports whether s is pure ASCII (byte index = UTF-16 index). */
export function isAscii(s: string): boolean {
  return /^[\x00-\x7f]*$/.test(s);
}

/**
 * The bytes of a Go string: UTF-8, with surrogate-escaped bytes restored. One pass over char
 * codes into a sized buffer (a string of binary data, e.g. `.Files.Get` of an archive piped to
 * b64enc, can be megabytes).
 */
export function utf8(s: string): Uint8Array {
  if (!ESCAPED.test(s)) return ENCODER.encode(s);
  const out = new Uint8Array(s.length * 3);
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      out[n++] = c;
    } else if (c < 0x800) {
      out[n++] = 0xc0 | (c >> 6);
      out[n++] = 0x80 | (c & 0x3f);
    } else if (c >= 0xd800 && c <= 0xdbff && isLowSurrogate(s.charCodeAt(i + 1))) {
      const cp = 0x10000 + ((c - 0xd800) << 10) + (s.charCodeAt(++i) - 0xdc00);
      out[n++] = 0xf0 | (cp >> 18);
      out[n++] = 0x80 | ((cp >> 12) & 0x3f);
      out[n++] = 0x80 | ((cp >> 6) & 0x3f);
      out[n++] = 0x80 | (cp & 0x3f);
    } else if (c >= 0xdc80 && c <= 0xdcff) {
      out[n++] = c - 0xdc00; // an escaped byte (pairs were consumed above)
    } else if (c >= 0xd800 && c <= 0xdfff) {
      out[n++] = 0xef; // any other lone surrogate: U+FFFD, as TextEncoder writes it
      out[n++] = 0xbf;
      out[n++] = 0xbd;
    } else {
      out[n++] = 0xe0 | (c >> 12);
      out[n++] = 0x80 | ((c >> 6) & 0x3f);
      out[n++] = 0x80 | (c & 0x3f);
    }
  }
  return out.slice(0, n);
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** The Go string of some bytes: UTF-8, each invalid byte surrogate-escaped (see utf8). */
export function fromUtf8(b: Uint8Array): string {
  // TextDecoder drops a leading byte order mark; Go keeps it (pure-globals has no ignoreBOM).
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return `\ufeff${fromUtf8(b.subarray(3))}`;
  try {
    return STRICT.decode(b);
  } catch {
    return decodeLossless(b);
  }
}

/** Length of the valid UTF-8 sequence at b[i] by Go's utf8.DecodeRune rules, or 0. */
function validSequence(b: Uint8Array, i: number): number {
  const c0 = b[i]!;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => {
    const x = b[i + k];
    return x !== undefined && x >= lo && x <= hi;
  };
  if (c0 < 0x80) return 1;
  if (c0 >= 0xc2 && c0 <= 0xdf) return cont(1) ? 2 : 0;
  if (c0 === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if (c0 === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0;
  if (c0 >= 0xe1 && c0 <= 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (c0 === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (c0 === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  if (c0 >= 0xf1 && c0 <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

/** Decodes bytes that are not all valid UTF-8: char codes into a buffer, then strings by chunk. */
function decodeLossless(b: Uint8Array): string {
  // Each byte sequence yields at most as many UTF-16 units as it has bytes.
  const units = new Uint16Array(b.length);
  let n = 0;
  for (let i = 0; i < b.length; ) {
    const c0 = b[i]!;
    if (c0 < 0x80) {
      units[n++] = c0;
      i++;
      continue;
    }
    const len = validSequence(b, i);
    if (len === 0) {
      units[n++] = 0xdc00 + c0;
      i++;
      continue;
    }
    let cp = c0 & (0xff >> (len + 1));
    for (let k = 1; k < len; k++) cp = (cp << 6) | (b[i + k]! & 0x3f);
    if (cp >= 0x10000) {
      cp -= 0x10000;
      units[n++] = 0xd800 + (cp >> 10);
      units[n++] = 0xdc00 + (cp & 0x3ff);
    } else {
      units[n++] = cp;
    }
    i += len;
  }
  let out = "";
  for (let k = 0; k < n; k += 0x2000) {
    out += String.fromCharCode.apply(null, units.subarray(k, Math.min(n, k + 0x2000)) as never);
  }
  return out;
}

/** Go's len(s): the UTF-8 byte length. */
export function byteLen(s: string): number {
  return isAscii(s) ? s.length : utf8(s).length;
}

/** Go's panic text for a bad slice expression s[lo:hi] on a string of length n. */
function sliceBoundsError(lo: number | undefined, hi: number | undefined, n: number): Error {
  if (hi !== undefined && (hi < 0 || hi > n)) {
    return new Error(
      hi < 0
        ? `runtime error: slice bounds out of range [:${hi}]`
        : `runtime error: slice bounds out of range [:${hi}] with length ${n}`,
    );
  }
  const h = hi ?? n;
  if (lo !== undefined && lo < 0)
    return new Error(`runtime error: slice bounds out of range [${lo}:]`);
  if (lo !== undefined && hi === undefined && lo > n) {
    return new Error(`runtime error: slice bounds out of range [${lo}:${n}]`);
  }
  return new Error(`runtime error: slice bounds out of range [${lo}:${h}]`);
}

/** Go's s[lo:hi] on bytes, panicking (throwing) with Go's runtime message when out of range. */
export function sliceBytes(s: string, lo?: number, hi?: number): string {
  const ascii = isAscii(s);
  const n = ascii ? s.length : utf8(s).length;
  const l = lo ?? 0;
  const h = hi ?? n;
  if (h < 0 || h > n || l < 0 || l > h) throw sliceBoundsError(lo, hi, n);
  if (ascii) return s.slice(l, h);
  return fromUtf8(utf8(s).subarray(l, h));
}
