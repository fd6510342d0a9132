/**
 * The DER (ASN.1) encoding and decoding that Sprig's certificate functions need: build keys
 * and X.509 certificates as Go's crypto/x509 lays them out, and read back the few fields a
 * signing CA contributes (raw subject, subject key id). Also PEM armour as Go's encoding/pem.
 */
import { base64Decode, base64Encode } from "./encoding.ts";

/** Concatenates byte arrays. */
export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** One TLV with tag `tag` around `body`. */
export function tlv(tag: number, body: Uint8Array): Uint8Array {
  const n = body.length;
  let len: number[];
  if (n < 0x80) len = [n];
  else {
    const bytes: number[] = [];
    for (let x = n; x > 0; x = Math.floor(x / 256)) bytes.unshift(x % 256);
    len = [0x80 | bytes.length, ...bytes];
  }
  return concat(Uint8Array.from([tag, ...len]), body);
}

/** SEQUENCE of the given encodings. */
export const seq = (...items: Uint8Array[]): Uint8Array => tlv(0x30, concat(...items));
/** SET of the given encodings. */
export const set = (...items: Uint8Array[]): Uint8Array => tlv(0x31, concat(...items));
/** NULL. */
export const nul = (): Uint8Array => Uint8Array.from([0x05, 0x00]);
/** BOOLEAN. */
export const bool = (b: boolean): Uint8Array => Uint8Array.from([0x01, 0x01, b ? 0xff : 0x00]);
/** OCTET STRING. */
export const octets = (b: Uint8Array): Uint8Array => tlv(0x04, b);
/** BIT STRING with `unused` trailing bits. */
export const bits = (b: Uint8Array, unused = 0): Uint8Array =>
  tlv(0x03, concat(Uint8Array.from([unused]), b));
/** [n] EXPLICIT (constructed context tag). */
export const explicit = (n: number, body: Uint8Array): Uint8Array => tlv(0xa0 | n, body);

/** Big-endian unsigned bytes of a non-negative bigint (at least one byte). */
export function bigBytes(v: bigint): Uint8Array {
  let hex = v.toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  return Uint8Array.from(hex.match(/../g) ?? ["00"], (h) => Number.parseInt(h, 16));
}

/** INTEGER (non-negative). */
export function int(v: bigint | number): Uint8Array {
  let b = bigBytes(BigInt(v));
  if (b[0]! & 0x80) b = concat(Uint8Array.from([0]), b);
  return tlv(0x02, b);
}

/** OBJECT IDENTIFIER from dotted text. */
export function oid(dotted: string): Uint8Array {
  const arcs = dotted.split(".").map(Number);
  const out: number[] = [40 * arcs[0]! + arcs[1]!];
  for (const arc of arcs.slice(2)) {
    const stack: number[] = [arc & 0x7f];
    for (let x = Math.floor(arc / 128); x > 0; x = Math.floor(x / 128))
      stack.unshift(0x80 | (x & 0x7f));
    out.push(...stack);
  }
  return tlv(0x06, Uint8Array.from(out));
}

/** A string as Go's asn1 marshals it: PrintableString when possible, else UTF8String. */
export function text(s: string): Uint8Array {
  const printable = /^[A-Za-z0-9 '()+,\-./:=?]*$/.test(s);
  return tlv(printable ? 0x13 : 0x0c, new TextEncoder().encode(s));
}

/** UTCTime for 1950–2049, else GeneralizedTime (RFC 5280), from Unix milliseconds. */
export function time(ms: number): Uint8Array {
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  const p = (n: number) => String(n).padStart(2, "0");
  const rest = `${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`;
  if (y >= 1950 && y < 2050) return tlv(0x17, new TextEncoder().encode(`${p(y % 100)}${rest}`));
  return tlv(0x18, new TextEncoder().encode(`${String(y).padStart(4, "0")}${rest}`));
}

/** A decoded TLV: tag, its body, and the whole encoding. */
export interface Der {
  readonly tag: number;
  readonly body: Uint8Array;
  readonly raw: Uint8Array;
}

/** Reads the TLV at the start of `b`. @throws Error on truncated input */
export function readTlv(b: Uint8Array): Der {
  if (b.length < 2) throw new Error("asn1: syntax error: data truncated");
  const tag = b[0]!;
  let len = b[1]!;
  let at = 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    len = 0;
    for (let k = 0; k < n; k++) len = len * 256 + (b[at + k] ?? 0);
    at += n;
  }
  if (at + len > b.length) throw new Error("asn1: syntax error: data truncated");
  return { tag, body: b.subarray(at, at + len), raw: b.subarray(0, at + len) };
}

/** The children of a constructed TLV body. */
export function children(body: Uint8Array): Der[] {
  const out: Der[] = [];
  for (let rest = body; rest.length > 0; ) {
    const d = readTlv(rest);
    out.push(d);
    rest = rest.subarray(d.raw.length);
  }
  return out;
}

/** Go's pem.EncodeToMemory: 64-column base64 between BEGIN/END lines. */
export function pemEncode(type: string, der: Uint8Array): string {
  const b64 = base64Encode(der);
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${type}-----\n${lines.map((l) => `${l}\n`).join("")}-----END ${type}-----\n`;
}

/** Go's pem.Decode (first block): its type and bytes, or undefined. */
export function pemDecode(text: string): { type: string; bytes: Uint8Array } | undefined {
  const m = /-----BEGIN ([^-\n]*)-----\r?\n([\s\S]*?)-----END \1-----/.exec(text);
  if (m === null) return undefined;
  const body = m[2]!
    .split(/\r?\n/)
    .filter((l) => !l.includes(":"))
    .join("");
  try {
    return { type: m[1]!, bytes: base64Decode(body) };
  } catch {
    return undefined;
  }
}
