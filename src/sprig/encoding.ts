/**
 * Sprig's encoding and hashing functions: b64enc/b64dec, b32enc/b32dec (decoding errors are
 * returned as the result text, like Sprig), sha1sum, sha256sum, sha512sum, adler32sum.
 */

import { type FuncMap, goFunc } from "../template/value.ts";
import { fromUtf8, utf8 } from "./gostr.ts";
import { nodeCrypto } from "./node-crypto.ts";

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

class CorruptInput extends Error {}

function corrupt(kind: string, at: number): CorruptInput {
  return new CorruptInput(`illegal ${kind} data at input byte ${at}`);
}

/** base64.StdEncoding.EncodeToString. */
export function base64Encode(bytes: Uint8Array): string {
  let bin = "";
  // Chunks of char codes, not a string append per byte (b64enc of a binary file is megabytes).
  for (let i = 0; i < bytes.length; i += 0x2000) {
    bin += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x2000) as never);
  }
  return btoa(bin);
}

/**
 * base64.StdEncoding.DecodeString. Hand-written rather than atob because Sprig returns Go's
 * error text ("illegal base64 data at input byte N"), whose offsets atob cannot give.
 */
export function base64Decode(s: string): Uint8Array {
  const src = utf8(s);
  const out: number[] = [];
  let si = 0;
  const isNl = (b: number | undefined) => b === 10 || b === 13;
  while (si < src.length) {
    const q: number[] = [];
    let done = false;
    for (let j = 0; j < 4; j++) {
      if (si === src.length) {
        if (j === 0) {
          done = true;
          break;
        }
        throw corrupt("base64", si - j);
      }
      const b = src[si++]!;
      const v = B64.indexOf(String.fromCharCode(b));
      if (v >= 0 && b < 128) {
        q.push(v);
        continue;
      }
      if (isNl(b)) {
        j--;
        continue;
      }
      if (b !== 61) throw corrupt("base64", si - 1);
      if (j < 2) throw corrupt("base64", si - 1);
      if (j === 2) {
        while (si < src.length && isNl(src[si])) si++;
        if (si === src.length) throw corrupt("base64", src.length);
        if (src[si] !== 61) throw corrupt("base64", si - 1);
        si++;
      }
      while (si < src.length && isNl(src[si])) si++;
      if (si < src.length) throw corrupt("base64", si);
      done = true;
      break;
    }
    const n = ((q[0] ?? 0) << 18) | ((q[1] ?? 0) << 12) | ((q[2] ?? 0) << 6) | (q[3] ?? 0);
    if (q.length >= 2) out.push((n >> 16) & 255);
    if (q.length >= 3) out.push((n >> 8) & 255);
    if (q.length >= 4) out.push(n & 255);
    if (done) break;
  }
  return Uint8Array.from(out);
}

/** base32.StdEncoding.EncodeToString. */
export function base32Encode(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 5) {
    const chunk = bytes.subarray(i, i + 5);
    let bits = 0n;
    for (let k = 0; k < 5; k++) bits = (bits << 8n) | BigInt(chunk[k] ?? 0);
    const chars = [2, 4, 5, 7, 8][chunk.length - 1]!;
    for (let k = 0; k < 8; k++) {
      out += k < chars ? B32[Number((bits >> BigInt(35 - 5 * k)) & 31n)]! : "=";
    }
  }
  return out;
}

/** base32.StdEncoding.DecodeString (newlines stripped first) with Go's error offsets. */
export function base32Decode(s: string): Uint8Array {
  const src = Array.from(utf8(s)).filter((b) => b !== 10 && b !== 13);
  const olen = src.length;
  const out: number[] = [];
  let p = 0;
  let end = false;
  while (p < src.length && !end) {
    const dbuf: number[] = [];
    let dlen = 8;
    for (let j = 0; j < 8; ) {
      const left = src.length - p;
      if (left === 0) throw corrupt("base32", olen - left - j);
      const b = src[p++]!;
      const rem = src.length - p;
      if (b === 61 && j >= 2 && rem < 8) {
        if (rem + j < 7) throw corrupt("base32", olen);
        for (let k = 0; k < 7 - j; k++) {
          if (rem > k && src[p + k] !== 61) throw corrupt("base32", olen - rem + k - 1);
        }
        dlen = j;
        end = true;
        if (dlen === 1 || dlen === 3 || dlen === 6) throw corrupt("base32", olen - rem - 1);
        break;
      }
      const v = b < 128 ? B32.indexOf(String.fromCharCode(b)) : -1;
      if (v < 0) throw corrupt("base32", olen - rem - 1);
      dbuf.push(v);
      j++;
    }
    let bits = 0n;
    for (let k = 0; k < 8; k++) bits = (bits << 5n) | BigInt(dbuf[k] ?? 0);
    const nbytes = [0, 0, 1, 1, 2, 3, 3, 4, 5][dlen]!;
    for (let k = 0; k < nbytes; k++) out.push(Number((bits >> BigInt(32 - 8 * k)) & 255n));
    if (end) p = src.length;
  }
  return Uint8Array.from(out);
}

/** hash/adler32.Checksum. */
export function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (const x of bytes) {
    a = (a + x) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

function decodeOrMessage(decode: (s: string) => Uint8Array, s: string): string {
  try {
    return fromUtf8(decode(s));
  } catch (err) {
    if (err instanceof CorruptInput) return err.message;
    throw err;
  }
}

/** A hash function by name (sha1, sha256, sha512): bytes in, lowercase hex out. */
export type HexDigest = (algorithm: "sha1" | "sha256" | "sha512", data: Uint8Array) => string;

/** The hashes of node:crypto, for callers that inject no native digest. */
const nodeHexDigest: HexDigest = (algorithm, data) =>
  nodeCrypto().createHash(algorithm).update(data).digest("hex");

/**
 * The encoding and hashing functions. `digest` computes the sha*sum hashes; without one they
 * load node:crypto (~2 ms in the compiled binary, where Bun's native hasher costs ~0.1 ms).
 */
export function encodingFuncs(digest: HexDigest = nodeHexDigest): FuncMap {
  const s1 = (f: (s: string) => string) => goFunc(["string"], f);
  const hex = (algorithm: "sha1" | "sha256" | "sha512", s: string) => digest(algorithm, utf8(s));
  return {
    b64enc: s1((s) => base64Encode(utf8(s))),
    b64dec: s1((s) => decodeOrMessage(base64Decode, s)),
    b32enc: s1((s) => base32Encode(utf8(s))),
    b32dec: s1((s) => decodeOrMessage(base32Decode, s)),
    sha1sum: s1((s) => hex("sha1", s)),
    sha256sum: s1((s) => hex("sha256", s)),
    sha512sum: s1((s) => hex("sha512", s)),
    adler32sum: s1((s) => String(adler32(utf8(s)))),
  };
}
