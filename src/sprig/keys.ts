/**
 * Private keys for Sprig's certificate functions, generated from the injected randomness:
 * RSA primes by Miller–Rabin over BigInt (node:crypto cannot take a random source), ECDSA P-256
 * and Ed25519 keys derived from injected bytes; plus parsing PEM keys via node:crypto (pure
 * computation; the functions beyond src/pure-globals.d.ts are typed locally).
 */
import type * as NodeCrypto from "node:crypto";
import {
  bigBytes,
  bits,
  explicit,
  int,
  nul,
  octets,
  oid,
  pemDecode,
  pemEncode,
  seq,
} from "./asn1.ts";
import { nodeCrypto } from "./node-crypto.ts";
import { randomBytes } from "./random.ts";

/** The part of node:crypto's KeyObject used here. */
export interface KeyObjectLike {
  readonly asymmetricKeyType?: string | undefined;
  export(options: { type: string; format: string }): string | Uint8Array;
}

/** The node:crypto functions used here beyond what src/pure-globals.d.ts declares. */
interface NodeCryptoKeys {
  createPrivateKey(key: string): KeyObjectLike;
  createPublicKey(key: KeyObjectLike): KeyObjectLike;
  sign(algorithm: string | null, data: Uint8Array, key: KeyObjectLike): Uint8Array;
  generateKeyPairSync(
    type: "rsa",
    options: { modulusLength: number; publicExponent: number },
  ): { privateKey: KeyObjectLike };
  createECDH(curve: string): {
    setPrivateKey(key: Uint8Array): void;
    getPublicKey(): Uint8Array;
  };
}

/** node:crypto (loaded on first use) with the key functions typed (see NodeCryptoKeys). */
export function crypto(): NodeCryptoKeys & Pick<typeof NodeCrypto, "createHash"> {
  return nodeCrypto() as unknown as NodeCryptoKeys & Pick<typeof NodeCrypto, "createHash">;
}

/** A source of uniform numbers in [0, 1). */
export type Random = () => number;

/** A non-negative bigint of at most `bitCount` bits from the injected randomness. */
export function randomBigInt(bitCount: number, random: Random): bigint {
  let v = 0n;
  for (const b of randomBytes(Math.ceil(bitCount / 8), random)) v = (v << 8n) | BigInt(b);
  return v >> BigInt(Math.ceil(bitCount / 8) * 8 - bitCount);
}

function modPow(base: bigint, exp: bigint, m: bigint): bigint {
  let r = 1n;
  let b = base % m;
  for (let e = exp; e > 0n; e >>= 1n) {
    if (e & 1n) r = (r * b) % m;
    b = (b * b) % m;
  }
  return r;
}

function modInverse(a: bigint, m: bigint): bigint {
  let [r0, r1] = [a % m, m];
  let [s0, s1] = [1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  return ((s0 % m) + m) % m;
}

function gcd(a: bigint, b: bigint): bigint {
  let [x, y] = [a, b];
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/** The primes below 2000, computed on first use (not at every start: few charts make keys). */
let smallPrimes: bigint[] | undefined;
function getSmallPrimes(): bigint[] {
  if (smallPrimes !== undefined) return smallPrimes;
  const out: bigint[] = [];
  const sieve = new Uint8Array(2000);
  for (let i = 2; i < sieve.length; i++) {
    if (sieve[i]) continue;
    out.push(BigInt(i));
    for (let j = i * i; j < sieve.length; j += i) sieve[j] = 1;
  }
  smallPrimes = out;
  return out;
}

/** Miller–Rabin with 20 random bases (Go's ProbablyPrime(20)), after trial division. */
function isProbablePrime(n: bigint, random: Random): boolean {
  for (const p of getSmallPrimes()) {
    if (n === p) return true;
    if (n % p === 0n) return false;
  }
  let d = n - 1n;
  let s = 0;
  while ((d & 1n) === 0n) {
    d >>= 1n;
    s++;
  }
  const bitLen = n.toString(2).length;
  for (let round = 0; round < 20; round++) {
    const a = 2n + (randomBigInt(bitLen, random) % (n - 3n));
    let x = modPow(a, d, n);
    if (x === 1n || x === n - 1n) continue;
    let composite = true;
    for (let r = 1; r < s; r++) {
      x = (x * x) % n;
      if (x === n - 1n) {
        composite = false;
        break;
      }
    }
    if (composite) return false;
  }
  return true;
}

function randomPrime(bitCount: number, random: Random): bigint {
  const top = (1n << BigInt(bitCount - 1)) | (1n << BigInt(bitCount - 2));
  for (;;) {
    let p = randomBigInt(bitCount, random) | top | 1n;
    // Step through odd numbers from a random start: far fewer random draws per prime.
    for (let k = 0; k < 2000; k++, p += 2n) {
      if (isProbablePrime(p, random)) return p;
    }
  }
}

/** A private key as PEM plus what certificates need from it. */
export interface PrivateKey {
  readonly pem: string;
  readonly spki: Uint8Array;
  readonly object: KeyObjectLike;
}

/** An RSA key of `bitCount` bits from the injected randomness, as PKCS#1 PEM. */
export function generateRsaKey(bitCount: number, random: Random): PrivateKey {
  const e = 65537n;
  for (;;) {
    const p = randomPrime(bitCount / 2, random);
    const q = randomPrime(bitCount - bitCount / 2, random);
    if (p === q) continue;
    const n = p * q;
    if (n.toString(2).length !== bitCount) continue;
    const phi = (p - 1n) * (q - 1n);
    if (gcd(e, phi) !== 1n) continue;
    const d = modInverse(e, phi);
    const der = seq(
      int(0),
      int(n),
      int(e),
      int(d),
      int(p),
      int(q),
      int(d % (p - 1n)),
      int(d % (q - 1n)),
      int(modInverse(q, p)),
    );
    const pem = pemEncode("RSA PRIVATE KEY", der);
    const spki = seq(seq(oid("1.2.840.113549.1.1.1"), nul()), bits(seq(int(n), int(e))));
    return { pem, spki, object: crypto().createPrivateKey(pem) };
  }
}

/**
 * An RSA key of `bitCount` bits from the platform's generator (the OS CSPRNG, like Go's
 * crypto/rand), as PKCS#1 PEM: for callers whose randomness is not injected for reproducibility.
 * The BigInt prime search above takes 50–250 ms for 2048 bits; this one a few milliseconds.
 */
export function generateRsaKeyNative(bitCount: number): PrivateKey {
  const { privateKey } = crypto().generateKeyPairSync("rsa", {
    modulusLength: bitCount,
    publicExponent: 65537,
  });
  return fromKeyObject(privateKey, String(privateKey.export({ type: "pkcs1", format: "pem" })));
}

const P256_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

/** An ECDSA P-256 key from the injected randomness, as SEC1 PEM ("EC PRIVATE KEY"). */
export function generateEcdsaKey(random: Random): PrivateKey {
  let d = 0n;
  while (d === 0n || d >= P256_ORDER) d = randomBigInt(256, random);
  const dBytes = new Uint8Array(32);
  const raw = bigBytes(d);
  dBytes.set(raw, 32 - raw.length);
  const ecdh = crypto().createECDH("prime256v1");
  ecdh.setPrivateKey(dBytes);
  const pub = Uint8Array.from(ecdh.getPublicKey());
  const curve = oid("1.2.840.10045.3.1.7");
  const der = seq(int(1), octets(dBytes), explicit(0, curve), explicit(1, bits(pub)));
  const pem = pemEncode("EC PRIVATE KEY", der);
  const spki = seq(seq(oid("1.2.840.10045.2.1"), curve), bits(pub));
  return { pem, spki, object: crypto().createPrivateKey(pem) };
}

/** An Ed25519 key from an injected seed, as PKCS#8 PEM ("PRIVATE KEY"). */
export function generateEd25519Key(random: Random): PrivateKey {
  const der = seq(int(0), seq(oid("1.3.101.112")), octets(octets(randomBytes(32, random))));
  const pem = pemEncode("PRIVATE KEY", der);
  return fromKeyObject(crypto().createPrivateKey(pem), pem);
}

function fromKeyObject(object: KeyObjectLike, pem: string): PrivateKey {
  const spki = crypto().createPublicKey(object).export({ type: "spki", format: "der" });
  return { pem, spki: Uint8Array.from(spki as Uint8Array), object };
}

/** Go's pemBlockForKey output for a parsed key (PKCS#1, SEC1 or PKCS#8 PEM). */
function pemForKey(object: KeyObjectLike): string {
  const type = object.asymmetricKeyType;
  const format = type === "rsa" ? "pkcs1" : type === "ec" ? "sec1" : "pkcs8";
  return String(object.export({ type: format, format: "pem" }));
}

/** Sprig's parsePrivateKeyPEM, via node:crypto. */
export function parsePrivateKeyPem(pem: string): PrivateKey {
  const block = pemDecode(pem);
  if (block === undefined) throw new Error("no PEM data in input");
  if (block.type !== "PRIVATE KEY" && !block.type.endsWith(" PRIVATE KEY")) {
    throw new Error(`no private key data in PEM block of type ${block.type}`);
  }
  let object: KeyObjectLike;
  try {
    object = crypto().createPrivateKey(pem);
  } catch (err) {
    throw new Error(`parsing private key from PEM: ${(err as Error).message}`);
  }
  return fromKeyObject(object, pemForKey(object));
}
