/**
 * The OpenPGP clear-signed message frame (RFC 9580 §7), parsed without openpgp.js so that a
 * signing-status check never pays for it. Mirrors the rules Helm 4.1.4 (Go's clearsign
 * package) applies: the BEGIN line at offset 0 or after a newline, only `Hash:` armor headers,
 * dash-escaped body lines, then an armored signature whose base64 (and CRC, if present)
 * must decode. Stricter than Helm: a second signed block or any non-blank text after the
 * first one is refused (openpgp.js and Go both ignore trailing content silently).
 */
import { HcpError } from "../errors.ts";

const BEGIN_SIGNED = "-----BEGIN PGP SIGNED MESSAGE-----";
const BEGIN_SIGNATURE = "-----BEGIN PGP SIGNATURE-----";
const END_SIGNATURE = "-----END PGP SIGNATURE-----";

/** The largest .prov hcp reads (Helm's are 2–4 KiB; metadata with long help texts stays far below). */
export const MAX_PROV_SIZE = 1024 * 1024;

/** One decoded clear-signed block. */
export interface ClearsignedBlock {
  /** Values of the `Hash:` armor headers, as written (never trusted: the packet says). */
  readonly hashHeaders: readonly string[];
  /**
   * The signed text: dash-escapes removed, trailing spaces/tabs/CR stripped per line, lines
   * joined by `\n`, without the line break that precedes the signature armor. This is the
   * text whose canonical (CRLF) form the signature covers, and Helm's "plaintext".
   */
  readonly text: string;
  /** The signature packets (base64-decoded armor body). */
  readonly signature: Uint8Array;
}

function notFound(detail: string): HcpError {
  return new HcpError("PROV_NO_SIGNATURE_BLOCK", "signature block not found", {
    hint: `the .prov is not a clear-signed OpenPGP message (${detail})`,
  });
}

/** Splits text into lines without their terminators ("\n" or "\r\n"). */
function splitLines(text: string): string[] {
  return text.split("\n").map((l) => (l.endsWith("\r") ? l.slice(0, -1) : l));
}

function trimTrailing(line: string): string {
  return line.replace(/[ \t\r]+$/, "");
}

/** Offset of the BEGIN line: at 0 or right after a newline (Go's clearsign.Decode rule). */
function findBegin(text: string, from: number): number {
  let at = text.indexOf(BEGIN_SIGNED, from);
  while (at > 0 && text[at - 1] !== "\n") at = text.indexOf(BEGIN_SIGNED, at + 1);
  return at;
}

/** CRC-24 of RFC 9580 §6.1 (armor checksum). */
function crc24(data: Uint8Array): number {
  let crc = 0xb704ce;
  for (const byte of data) {
    crc ^= byte << 16;
    for (let i = 0; i < 8; i++) {
      crc <<= 1;
      if (crc & 0x1000000) crc ^= 0x1864cfb;
    }
  }
  return crc & 0xffffff;
}

function decodeBase64(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return undefined;
  try {
    const bin = atob(text);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return undefined;
  }
}

/**
 * Decodes the signature armor starting at `lines[start]` (the BEGIN PGP SIGNATURE line).
 * Returns the packets and the index of the line after END, or a reason it failed.
 */
function decodeSignatureArmor(
  lines: readonly string[],
  start: number,
): { signature: Uint8Array; next: number } | string {
  let i = start + 1;
  // Armor headers (Version:, Comment:, …) until the blank line; Go accepts any here.
  while (i < lines.length && trimTrailing(lines[i] ?? "") !== "") {
    if (!/^[^:\s]+: ?/.test(lines[i] ?? "")) break;
    i++;
  }
  if (i < lines.length && trimTrailing(lines[i] ?? "") === "") i++;
  let body = "";
  let crc: string | undefined;
  for (; i < lines.length; i++) {
    const line = (lines[i] ?? "").trim();
    if (line === END_SIGNATURE) {
      const signature = decodeBase64(body);
      if (signature === undefined || signature.length === 0) return "bad base64 in signature";
      if (crc !== undefined) {
        const sum = decodeBase64(crc);
        const want = sum && sum.length === 3 ? (sum[0]! << 16) | (sum[1]! << 8) | sum[2]! : -1;
        if (want !== crc24(signature)) return "armor checksum mismatch";
      }
      return { signature, next: i + 1 };
    }
    if (crc !== undefined) return "text after the armor checksum";
    if (line.startsWith("=") && line.length === 5) crc = line.slice(1);
    else body += line;
  }
  return "no END PGP SIGNATURE line";
}

/**
 * Finds and decodes the one clear-signed block in a .prov.
 * @throws HcpError PROV_NO_SIGNATURE_BLOCK (Helm's `signature block not found`),
 *   PROV_MULTIPLE_BLOCKS (more than one block or trailing content), PROV_TOO_LARGE.
 */
export function parseClearsigned(prov: string | Uint8Array): ClearsignedBlock {
  const size = typeof prov === "string" ? prov.length : prov.byteLength;
  if (size > MAX_PROV_SIZE) {
    throw new HcpError(
      "PROV_TOO_LARGE",
      `provenance file is too large: ${size} bytes (limit ${MAX_PROV_SIZE})`,
      { hint: "a .prov holds a short metadata block and one signature; this is not one" },
    );
  }
  const text = typeof prov === "string" ? prov : new TextDecoder().decode(prov);
  const begin = findBegin(text, 0);
  if (begin < 0) throw notFound("no BEGIN PGP SIGNED MESSAGE line");
  const lines = splitLines(text.slice(begin));
  if (trimTrailing(lines[0] ?? "") !== BEGIN_SIGNED) throw notFound("bad BEGIN line");
  let i = 1;
  const hashHeaders: string[] = [];
  for (; i < lines.length; i++) {
    const line = trimTrailing(lines[i] ?? "");
    if (line === "") break;
    const match = /^([^:]+): (.*)$/.exec(line);
    if (match?.[1] !== "Hash") throw notFound(`armor header "${line}" is not Hash:`);
    hashHeaders.push(match[2] ?? "");
  }
  if (i >= lines.length) throw notFound("no blank line after the armor headers");
  i++;
  const body: string[] = [];
  for (; i < lines.length; i++) {
    const raw = lines[i] ?? "";
    if (trimTrailing(raw) === BEGIN_SIGNATURE) break;
    body.push(trimTrailing(raw.startsWith("- ") ? raw.slice(2) : raw));
  }
  if (i >= lines.length) throw notFound("no BEGIN PGP SIGNATURE line");
  const decoded = decodeSignatureArmor(lines, i);
  if (typeof decoded === "string") throw notFound(decoded);
  const rest = lines.slice(decoded.next).join("\n");
  if (rest.trim() !== "") {
    throw new HcpError(
      "PROV_MULTIPLE_BLOCKS",
      "provenance file has content after its signed block",
      {
        hint: "a .prov must hold exactly one clear-signed block; hcp refuses extra blocks or text because only one of them could be verified",
      },
    );
  }
  // The line break right before the signature armor belongs to the armor, not the text.
  return { hashHeaders, text: body.join("\n"), signature: decoded.signature };
}

function encodeBase64(bytes: Uint8Array): string {
  let bin = "";
  for (const byte of bytes) bin += String.fromCharCode(byte);
  return btoa(bin);
}

function crcBase64(data: Uint8Array): string {
  const crc = crc24(data);
  return encodeBase64(new Uint8Array([(crc >> 16) & 0xff, (crc >> 8) & 0xff, crc & 0xff]));
}

/**
 * Writes a clear-signed message in Helm's layout (`Hash:` header, dash-escaped text, a blank
 * line, the signature armor with 64-column base64) plus two things Helm omits: the armor CRC
 * line and a final newline. GnuPG 2.2 needs them: without a CRC or base64 padding it reads the
 * END line as base64 and rejects the file (it fails Helm's own Ed25519 .prov files that way).
 * Helm accepts both.
 */
export function formatClearsigned(text: string, hash: string, signature: Uint8Array): string {
  const body = text
    .split("\n")
    .map((line) => (line.startsWith("-") ? `- ${line}` : line))
    .join("\n");
  const b64 = encodeBase64(signature).replace(/.{64}/g, "$&\n").replace(/\n$/, "");
  const sep = text.endsWith("\n") ? "\n" : "\n\n";
  return `${BEGIN_SIGNED}\nHash: ${hash}\n\n${body}${sep}${BEGIN_SIGNATURE}\n\n${b64}\n=${crcBase64(signature)}\n${END_SIGNATURE}\n`;
}
