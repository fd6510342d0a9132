/**
 * Sprig's crypto functions. Implemented: bcrypt and htpasswd (bcryptjs with a salt from the
 * injected randomness), derivePassword (Master Password algorithm: scrypt + HMAC-SHA256),
 * encryptAES/decryptAES (AES-256-CBC, PKCS#7, IV from the injected randomness).
 *
 * Keys and certificates live in certs.ts.
 *
 * scrypt and AES come from node:crypto: pure computations with no I/O. tsconfig.pure.json's
 * globals declare only hashing, so the few extra functions are typed locally below.
 */
import type * as NodeCrypto from "node:crypto";
import type * as Bcryptjs from "bcryptjs";
import { type FuncMap, goFunc, integerValue, isGoInteger } from "../template/value.ts";
import { concat } from "./asn1.ts";
import { base64Decode, base64Encode } from "./encoding.ts";
import { fromUtf8, utf8 } from "./gostr.ts";
import { nodeCrypto } from "./node-crypto.ts";

interface CipherLike {
  setAutoPadding(on: boolean): CipherLike;
  update(data: Uint8Array): Uint8Array;
  final(): Uint8Array;
}

/** The node:crypto functions used here beyond what src/pure-globals.d.ts declares. */
interface NodeCryptoExtras {
  scryptSync(
    password: Uint8Array,
    salt: Uint8Array,
    keylen: number,
    options: { N: number; r: number; p: number; maxmem: number },
  ): Uint8Array;
  createCipheriv(algorithm: string, key: Uint8Array, iv: Uint8Array): CipherLike;
  createDecipheriv(algorithm: string, key: Uint8Array, iv: Uint8Array): CipherLike;
}

/** node:crypto (loaded on first use) with the functions above typed. */
function crypto(): typeof NodeCrypto & NodeCryptoExtras {
  return nodeCrypto() as unknown as typeof NodeCrypto & NodeCryptoExtras;
}

// require() (not import) so that Bun takes bcryptjs's CommonJS build, which loads node:crypto
// only when it first runs: the ES build imports node:crypto at startup (a few ms per run).
declare function require(id: "bcryptjs"): unknown;

let bcryptModule: typeof Bcryptjs | undefined;

/** bcryptjs, loaded on first use. */
function bcryptjs(): typeof Bcryptjs {
  bcryptModule ??= require("bcryptjs") as typeof Bcryptjs;
  return bcryptModule;
}

const BCRYPT_COST = 10;

/** Go's bcrypt.GenerateFromPassword(password, DefaultCost) with a salt from `random`. */
export function bcryptHash(password: string, random: () => number): string {
  if (utf8(password).length > 72) {
    return "failed to encrypt string with bcrypt: bcrypt: password length exceeds 72 bytes";
  }
  const salt = Array.from({ length: 16 }, () => Math.floor(random() * 256));
  const saltText = `$2a$${BCRYPT_COST}$${bcryptjs().encodeBase64(salt, 16)}`;
  return bcryptjs().hashSync(password, saltText);
}

const MASTER_PASSWORD_SEED = "com.lyndir.masterpassword";
const PASSWORD_TEMPLATES: Readonly<Record<string, readonly string[]>> = {
  maximum: ["anoxxxxxxxxxxxxxxxxx", "axxxxxxxxxxxxxxxxxno"],
  long: [
    "CvcvnoCvcvCvcv",
    "CvcvCvcvnoCvcv",
    "CvcvCvcvCvcvno",
    "CvccnoCvcvCvcv",
    "CvccCvcvnoCvcv",
    "CvccCvcvCvcvno",
    "CvcvnoCvccCvcv",
    "CvcvCvccnoCvcv",
    "CvcvCvccCvcvno",
    "CvcvnoCvcvCvcc",
    "CvcvCvcvnoCvcc",
    "CvcvCvcvCvccno",
    "CvccnoCvccCvcv",
    "CvccCvccnoCvcv",
    "CvccCvccCvcvno",
    "CvcvnoCvccCvcc",
    "CvcvCvccnoCvcc",
    "CvcvCvccCvccno",
    "CvccnoCvcvCvcc",
    "CvccCvcvnoCvcc",
    "CvccCvcvCvccno",
  ],
  medium: ["CvcnoCvc", "CvcCvcno"],
  short: ["Cvcn"],
  basic: ["aaanaaan", "aannaaan", "aaannaaa"],
  pin: ["nnnn"],
};
const TEMPLATE_CHARACTERS: Readonly<Record<string, string>> = {
  V: "AEIOU",
  C: "BCDFGHJKLMNPQRSTVWXYZ",
  v: "aeiou",
  c: "bcdfghjklmnpqrstvwxyz",
  A: "AEIOUBCDFGHJKLMNPQRSTVWXYZ",
  a: "AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz",
  n: "0123456789",
  o: "@&%?,=[]_:-+*$#!'^~;()/.",
  x: "AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()",
};

function uint32be(n: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n >>> 0);
  return b;
}

/** Sprig's derivePassword: the Master Password algorithm (v3 templates). */
export function derivePassword(
  counter: number,
  type: string,
  password: string,
  user: string,
  site: string,
): string {
  const templates = PASSWORD_TEMPLATES[type];
  if (templates === undefined) return `cannot find password template ${type}`;
  const seed = utf8(MASTER_PASSWORD_SEED);
  const userBytes = utf8(user);
  const salt = concat(seed, uint32be(userBytes.length), userBytes);
  const key = crypto().scryptSync(utf8(password), salt, 64, {
    N: 32768,
    r: 8,
    p: 2,
    maxmem: 128 * 32768 * 8 * 2 + 1024 * 1024,
  });
  const siteBytes = utf8(site);
  const message = concat(seed, uint32be(siteBytes.length), siteBytes, uint32be(counter));
  const hmac = crypto().createHmac("sha256", key).update(message).digest();
  const template = templates[hmac[0]! % templates.length]!;
  let out = "";
  for (let i = 0; i < template.length; i++) {
    const chars = TEMPLATE_CHARACTERS[template[i]!]!;
    out += chars[hmac[i + 1]! % chars.length];
  }
  return out;
}

function aesKey(password: string): Uint8Array {
  const key = new Uint8Array(32);
  key.set(utf8(password).subarray(0, 32));
  return key;
}

/** Sprig's encryptAES: base64(IV ‖ AES-256-CBC(PKCS#7(plaintext))), key = password zero-padded. */
export function encryptAes(password: string, plaintext: string, random: () => number): string {
  if (plaintext === "") return "";
  const content = utf8(plaintext);
  const padding = 16 - (content.length % 16);
  const padded = concat(content, new Uint8Array(padding).fill(padding));
  const iv = Uint8Array.from({ length: 16 }, () => Math.floor(random() * 256));
  const cipher = crypto().createCipheriv("aes-256-cbc", aesKey(password), iv).setAutoPadding(false);
  const body = concat(cipher.update(padded), cipher.final());
  return base64Encode(concat(iv, body));
}

/** Sprig's decryptAES, with the panics Go raises on malformed input. */
export function decryptAes(password: string, crypt64: string): string {
  if (crypt64 === "") return "";
  const crypt = base64Decode(crypt64);
  if (crypt.length < 16) {
    throw new Error(`runtime error: slice bounds out of range [:16] with capacity ${crypt.length}`);
  }
  const body = crypt.subarray(16);
  if (body.length % 16 !== 0) throw new Error("crypto/cipher: input not full blocks");
  if (body.length === 0) throw new Error("runtime error: index out of range [-1]");
  const decipher = crypto()
    .createDecipheriv("aes-256-cbc", aesKey(password), crypt.subarray(0, 16))
    .setAutoPadding(false);
  const plain = concat(decipher.update(body), decipher.final());
  const end = plain.length - plain[plain.length - 1]!;
  if (end < 0) throw new Error(`runtime error: slice bounds out of range [:${end}]`);
  return fromUtf8(plain.subarray(0, end));
}

/** The crypto functions; `random` supplies salts and IVs. */
export function cryptoFuncs(random: () => number): FuncMap {
  const S = "string" as const;
  const out: Record<string, ReturnType<typeof goFunc>> = {
    bcrypt: goFunc([S], (s: string) => bcryptHash(s, random)),
    htpasswd: goFunc([S, S], (user: string, pass: string) =>
      user.includes(":") ? `invalid username: ${user}` : `${user}:${bcryptHash(pass, random)}`,
    ),
    derivePassword: goFunc(
      ["uint32", S, S, S, S],
      (counter: unknown, type: string, password: string, user: string, site: string) =>
        derivePassword(
          isGoInteger(counter) ? Number(integerValue(counter)) : Number(counter),
          type,
          password,
          user,
          site,
        ),
    ),
    encryptAES: goFunc([S, S], (p: string, t: string) => encryptAes(p, t, random), {
      returnsError: true,
    }),
    decryptAES: goFunc([S, S], (p: string, c: string) => decryptAes(p, c), { returnsError: true }),
  };
  return out;
}
