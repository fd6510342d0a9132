/**
 * Sprig's random functions driven by an injected source of uniform numbers in [0, 1):
 * randAlphaNum, randAlpha, randNumeric, randAscii, randBytes, uuidv4.
 */
import { type FuncMap, goFunc } from "../template/value.ts";
import { intArg } from "./cast.ts";
import { base64Encode } from "./encoding.ts";
import { checkStringLength } from "./limits.ts";

const LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
const DIGITS = "0123456789";

/** `n` bytes from the injected randomness (one call per byte). */
export function randomBytes(n: number, random: () => number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.floor(random() * 256);
  return out;
}

function randomString(count: number, chars: string, random: () => number): string {
  checkStringLength("rand", count);
  let out = "";
  for (let i = 0; i < count; i++) out += chars[Math.floor(random() * chars.length)];
  return out;
}

/** A random (version 4) UUID in its canonical text form. */
export function uuidV4(random: () => number): string {
  const b = randomBytes(16, random);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

let ascii = "";
for (let c = 32; c <= 126; c++) ascii += String.fromCharCode(c);
const ASCII = ascii;

/** The random functions. */
export function randomFuncs(random: () => number): FuncMap {
  const gen = (chars: string) =>
    goFunc(["int"], (n: unknown) => {
      const count = intArg(n);
      return count <= 0 ? "" : randomString(count, chars, random);
    });
  return {
    randAlphaNum: gen(LETTERS + DIGITS),
    randAlpha: gen(LETTERS),
    randNumeric: gen(DIGITS),
    randAscii: gen(ASCII),
    randBytes: goFunc(
      ["int"],
      (n: unknown) => {
        const count = intArg(n);
        if (count < 0) throw new Error("runtime error: makeslice: len out of range");
        checkStringLength("randBytes", count);
        return base64Encode(randomBytes(count, random));
      },
      { returnsError: true },
    ),
    uuidv4: goFunc([], () => uuidV4(random)),
  };
}
