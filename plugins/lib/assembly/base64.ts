// Standard base64 with padding (Go's encoding of []byte in JSON).

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

function sextet(c: i32): i32 {
  if (c >= 0x41 && c <= 0x5a) return c - 0x41;
  if (c >= 0x61 && c <= 0x7a) return c - 0x61 + 26;
  if (c >= 0x30 && c <= 0x39) return c - 0x30 + 52;
  if (c == 0x2b) return 62;
  if (c == 0x2f) return 63;
  return -1;
}

/** Decodes base64 text (padding optional; other characters are skipped). */
export function decodeBase64(text: string): Uint8Array {
  const out = new Uint8Array(((text.length * 3) >> 2) + 3);
  let n = 0;
  let acc: i32 = 0;
  let bits: i32 = 0;
  for (let i = 0; i < text.length; i++) {
    const v = sextet(text.charCodeAt(i));
    if (v < 0) continue;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = <u8>((acc >> bits) & 0xff);
    }
  }
  return out.slice(0, n);
}

/** Encodes bytes as base64 with padding. */
export function encodeBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const v = ((<i32>bytes[i]) << 16) | ((<i32>bytes[i + 1]) << 8) | <i32>bytes[i + 2];
    parts.push(
      ALPHABET.charAt(v >> 18) +
        ALPHABET.charAt((v >> 12) & 63) +
        ALPHABET.charAt((v >> 6) & 63) +
        ALPHABET.charAt(v & 63),
    );
  }
  const rest = bytes.length - i;
  if (rest == 1) {
    const v = (<i32>bytes[i]) << 16;
    parts.push(ALPHABET.charAt(v >> 18) + ALPHABET.charAt((v >> 12) & 63) + "==");
  } else if (rest == 2) {
    const v = ((<i32>bytes[i]) << 16) | ((<i32>bytes[i + 1]) << 8);
    parts.push(
      ALPHABET.charAt(v >> 18) +
        ALPHABET.charAt((v >> 12) & 63) +
        ALPHABET.charAt((v >> 6) & 63) +
        "=",
    );
  }
  return parts.join("");
}
