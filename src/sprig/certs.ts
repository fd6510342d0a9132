/**
 * Sprig's key and certificate functions: genPrivateKey, genCA, genSelfSignedCert,
 * genSignedCert, their *WithKey variants, and buildCustomCert.
 *
 * Keys come from the injected randomness: RSA primes are searched with Miller–Rabin over
 * BigInt (node:crypto cannot take a random source), ECDSA P-256 and Ed25519 keys are derived
 * from injected bytes. Certificates are laid out as Go's x509.CreateCertificate does (v3,
 * 128-bit serial, CN-only subject, key usage, server+client auth, basic constraints, SKID for
 * CAs, AKID from the signer, SANs) and signed with node:crypto (pure computation, no I/O).
 * ECDSA signatures use node's own nonce. DSA keys are not supported.
 */
import * as nodeCrypto from "node:crypto";
import { formatValue } from "../template/fmt.ts";
import { type FuncMap, GoStruct, goFunc, integerValue, isGoInteger } from "../template/value.ts";
import {
  bigBytes,
  bits,
  bool,
  children,
  explicit,
  int,
  nul,
  octets,
  oid,
  pemDecode,
  pemEncode,
  readTlv,
  seq,
  set,
  text,
  time,
  tlv,
} from "./asn1.ts";
import { base64Decode } from "./encoding.ts";
import { fromUtf8 } from "./gostr.ts";

interface KeyObjectLike {
  readonly asymmetricKeyType?: string | undefined;
  export(options: { type: string; format: string }): string | Uint8Array;
}

/** The node:crypto functions used here beyond what src/pure-globals.d.ts declares. */
interface NodeCryptoKeys {
  createPrivateKey(key: string): KeyObjectLike;
  createPublicKey(key: KeyObjectLike): KeyObjectLike;
  sign(algorithm: string | null, data: Uint8Array, key: KeyObjectLike): Uint8Array;
  createECDH(curve: string): {
    setPrivateKey(key: Uint8Array): void;
    getPublicKey(): Uint8Array;
  };
}

const crypto = nodeCrypto as unknown as NodeCryptoKeys & Pick<typeof nodeCrypto, "createHash">;

type Random = () => number;

function randomBytes(n: number, random: Random): Uint8Array {
  return Uint8Array.from({ length: n }, () => Math.floor(random() * 256));
}

function randomBigInt(bitCount: number, random: Random): bigint {
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

const SMALL_PRIMES: bigint[] = (() => {
  const out: bigint[] = [];
  const sieve = new Uint8Array(2000);
  for (let i = 2; i < sieve.length; i++) {
    if (sieve[i]) continue;
    out.push(BigInt(i));
    for (let j = i * i; j < sieve.length; j += i) sieve[j] = 1;
  }
  return out;
})();

/** Miller–Rabin with 20 random bases (Go's ProbablyPrime(20)), after trial division. */
function isProbablePrime(n: bigint, random: Random): boolean {
  for (const p of SMALL_PRIMES) {
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
interface PrivateKey {
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
    return { pem, spki, object: crypto.createPrivateKey(pem) };
  }
}

const P256_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

function generateEcdsaKey(random: Random): PrivateKey {
  let d = 0n;
  while (d === 0n || d >= P256_ORDER) d = randomBigInt(256, random);
  const dBytes = new Uint8Array(32);
  const raw = bigBytes(d);
  dBytes.set(raw, 32 - raw.length);
  const ecdh = crypto.createECDH("prime256v1");
  ecdh.setPrivateKey(dBytes);
  const pub = Uint8Array.from(ecdh.getPublicKey());
  const curve = oid("1.2.840.10045.3.1.7");
  const der = seq(int(1), octets(dBytes), explicit(0, curve), explicit(1, bits(pub)));
  const pem = pemEncode("EC PRIVATE KEY", der);
  const spki = seq(seq(oid("1.2.840.10045.2.1"), curve), bits(pub));
  return { pem, spki, object: crypto.createPrivateKey(pem) };
}

function generateEd25519Key(random: Random): PrivateKey {
  const der = seq(int(0), seq(oid("1.3.101.112")), octets(octets(randomBytes(32, random))));
  const pem = pemEncode("PRIVATE KEY", der);
  return fromKeyObject(crypto.createPrivateKey(pem), pem);
}

function fromKeyObject(object: KeyObjectLike, pem: string): PrivateKey {
  const spki = crypto.createPublicKey(object).export({ type: "spki", format: "der" });
  return { pem, spki: Uint8Array.from(spki as Uint8Array), object };
}

/** Go's pemBlockForKey output for a parsed key (PKCS#1, SEC1 or PKCS#8 PEM). */
function pemForKey(object: KeyObjectLike): string {
  const type = object.asymmetricKeyType;
  const format = type === "rsa" ? "pkcs1" : type === "ec" ? "sec1" : "pkcs8";
  return String(object.export({ type: format, format: "pem" }));
}

/** Sprig's parsePrivateKeyPEM, via node:crypto. */
function parsePrivateKeyPem(pem: string): PrivateKey {
  const block = pemDecode(pem);
  if (block === undefined) throw new Error("no PEM data in input");
  if (block.type !== "PRIVATE KEY" && !block.type.endsWith(" PRIVATE KEY")) {
    throw new Error(`no private key data in PEM block of type ${block.type}`);
  }
  let object: KeyObjectLike;
  try {
    object = crypto.createPrivateKey(pem);
  } catch (err) {
    throw new Error(`parsing private key from PEM: ${(err as Error).message}`);
  }
  return fromKeyObject(object, pemForKey(object));
}

function name(cn: string): Uint8Array {
  return cn === "" ? seq() : seq(set(seq(oid("2.5.4.3"), text(cn))));
}

function extension(id: string, critical: boolean, value: Uint8Array): Uint8Array {
  return critical ? seq(oid(id), bool(true), octets(value)) : seq(oid(id), octets(value));
}

/** net.ParseIP, as the bytes a SAN carries (4 for IPv4, 16 for IPv6). */
export function parseIp(s: string): Uint8Array | undefined {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (v4 !== null) {
    const parts = v4.slice(1).map(Number);
    if (parts.some((p, i) => p > 255 || (v4[i + 1]!.length > 1 && v4[i + 1]!.startsWith("0")))) {
      return undefined;
    }
    return Uint8Array.from(parts);
  }
  if (!s.includes(":")) return undefined;
  let head = s;
  let tail4: Uint8Array | undefined;
  const lastColon = s.lastIndexOf(":");
  if (s.slice(lastColon + 1).includes(".")) {
    tail4 = parseIp(s.slice(lastColon + 1));
    if (tail4 === undefined || tail4.length !== 4) return undefined;
    head = `${s.slice(0, lastColon + 1)}0:0`;
  }
  const halves = head.split("::");
  if (halves.length > 2) return undefined;
  const groups = (h: string) => (h === "" ? [] : h.split(":"));
  const left = groups(halves[0]!);
  const right = halves.length === 2 ? groups(halves[1]!) : [];
  const fill = 8 - left.length - right.length;
  if ((halves.length === 1 && fill !== 0) || (halves.length === 2 && fill < 1)) return undefined;
  const all = [...left, ...Array(halves.length === 2 ? fill : 0).fill("0"), ...right];
  if (!all.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  const out = new Uint8Array(16);
  all.forEach((g, i) => {
    const v = Number.parseInt(g, 16);
    out[2 * i] = v >> 8;
    out[2 * i + 1] = v & 255;
  });
  if (tail4 !== undefined) out.set(tail4, 12);
  const isV4Mapped =
    out.subarray(0, 10).every((b) => b === 0) && out[10] === 255 && out[11] === 255;
  return isV4Mapped ? out.slice(12) : out;
}

function netIps(ips: unknown): Uint8Array[] {
  if (ips === null || ips === undefined) return [];
  return (ips as unknown[]).map((ip) => {
    if (typeof ip !== "string")
      throw new Error(`error parsing ip: ${formatValue(ip)} is not a string`);
    const b = parseIp(ip);
    if (b === undefined) throw new Error(`error parsing ip: ${ip}`);
    return b;
  });
}

function dnsNames(names: unknown): string[] {
  if (names === null || names === undefined) return [];
  return (names as unknown[]).map((n) => {
    if (typeof n !== "string") {
      throw new Error(`error processing alternate dns name: ${formatValue(n)} is not a string`);
    }
    return n;
  });
}

interface Template {
  readonly cn: string;
  readonly ips: Uint8Array[];
  readonly dns: string[];
  readonly days: number;
  readonly isCA: boolean;
}

interface Issuer {
  readonly name: Uint8Array;
  readonly keyId: Uint8Array | undefined;
  readonly key: PrivateKey;
}

function signatureAlgorithm(key: KeyObjectLike): { alg: Uint8Array; hash: string | null } {
  switch (key.asymmetricKeyType) {
    case "rsa":
      return { alg: seq(oid("1.2.840.113549.1.1.11"), nul()), hash: "sha256" };
    case "ec":
      return { alg: seq(oid("1.2.840.10045.4.3.2")), hash: "sha256" };
    case "ed25519":
      return { alg: seq(oid("1.3.101.112")), hash: null };
    default:
      throw new Error(`x509: only RSA, ECDSA and Ed25519 keys supported`);
  }
}

/** x509.CreateCertificate for Sprig's templates; returns the certificate PEM. */
function createCertificate(
  t: Template,
  subjectKey: PrivateKey,
  issuer: Issuer | undefined,
  options: { now: () => Date; random: Random },
): string {
  const subject = name(t.cn);
  const signer = issuer?.key ?? subjectKey;
  const { alg, hash } = signatureAlgorithm(signer.object);
  const serial = randomBigInt(128, options.random);
  const notBefore = options.now().getTime();
  const notAfter = notBefore + t.days * 86_400_000;
  const spkiBits = children(readTlv(subjectKey.spki).body)[1]!.body.subarray(1);
  // Go 1.25 derives a CA's subject key id from the first 160 bits of SHA-256 of the key.
  const skid = t.isCA
    ? crypto.createHash("sha256").update(spkiBits).digest().subarray(0, 20)
    : undefined;
  const keyUsage = t.isCA ? bits(Uint8Array.from([0xa4]), 2) : bits(Uint8Array.from([0xa0]), 5);
  const exts: Uint8Array[] = [
    extension("2.5.29.15", true, keyUsage),
    extension("2.5.29.37", false, seq(oid("1.3.6.1.5.5.7.3.1"), oid("1.3.6.1.5.5.7.3.2"))),
    extension("2.5.29.19", true, t.isCA ? seq(bool(true)) : seq()),
  ];
  if (skid !== undefined) exts.push(extension("2.5.29.14", false, octets(skid)));
  if (issuer?.keyId !== undefined)
    exts.push(extension("2.5.29.35", false, seq(tlv(0x80, issuer.keyId))));
  if (t.dns.length > 0 || t.ips.length > 0) {
    const sans = [
      ...t.dns.map((d) => tlv(0x82, new TextEncoder().encode(d))),
      ...t.ips.map((ip) => tlv(0x87, ip)),
    ];
    exts.push(extension("2.5.29.17", false, seq(...sans)));
  }
  const tbs = seq(
    explicit(0, int(2)),
    int(serial),
    alg,
    issuer?.name ?? subject,
    seq(time(notBefore), time(notAfter)),
    subject,
    subjectKey.spki,
    explicit(3, seq(...exts)),
  );
  const signature = Uint8Array.from(crypto.sign(hash, tbs, signer.object));
  return pemEncode("CERTIFICATE", seq(tbs, alg, bits(signature)));
}

/** The parts of a CA certificate a signed certificate needs. */
function parseSigner(ca: unknown): Issuer {
  if (!(ca instanceof GoStruct) || ca.typeName !== "sprig.certificate") {
    throw new Error(`wrong type for value; expected sprig.certificate; got ${formatValue(ca)}`);
  }
  const block = pemDecode(String(ca.fields["Cert"] ?? ""));
  if (block === undefined) throw new Error("unable to decode certificate");
  let tbsFields: ReturnType<typeof children>;
  try {
    const cert = children(readTlv(block.bytes).body);
    tbsFields = children(cert[0]!.body);
  } catch (err) {
    throw new Error(
      `error parsing certificate: decodedSignerCert.Bytes: ${(err as Error).message}`,
    );
  }
  const fields = tbsFields[0]?.tag === 0xa0 ? tbsFields.slice(1) : tbsFields;
  const subjectName = fields[4]?.raw;
  if (subjectName === undefined) {
    throw new Error(
      "error parsing certificate: decodedSignerCert.Bytes: x509: malformed certificate",
    );
  }
  let keyId: Uint8Array | undefined;
  const extsField = fields.find((f) => f.tag === 0xa3);
  if (extsField !== undefined) {
    for (const ext of children(children(extsField.body)[0]!.body)) {
      const parts = children(ext.body);
      if (fromUtf8(parts[0]!.raw) === fromUtf8(oid("2.5.29.14"))) {
        keyId = readTlv(parts[parts.length - 1]!.body).body;
      }
    }
  }
  let key: PrivateKey;
  try {
    key = parsePrivateKeyPem(String(ca.fields["Key"] ?? ""));
  } catch (err) {
    throw new Error(`error parsing private key: ${(err as Error).message}`);
  }
  return { name: Uint8Array.from(subjectName), keyId, key };
}

function certificate(cert: string, key: string): GoStruct {
  return new GoStruct("sprig.certificate", { Cert: cert, Key: key });
}

function days(v: unknown): number {
  return isGoInteger(v) ? Number(integerValue(v)) : Number(v);
}

function withKey(pem: string): PrivateKey {
  try {
    return parsePrivateKeyPem(pem);
  } catch (err) {
    throw new Error(`parsing private key: ${(err as Error).message}`);
  }
}

/** The key and certificate functions. */
export function certFuncs(options: { now: () => Date; random: Random }): FuncMap {
  const { random } = options;
  const rsa2048 = () => generateRsaKey(2048, random);
  const S = "string" as const;
  const L = "[]interface {}" as const;
  const I = "int" as const;
  const ret = { returnsError: true } as const;
  const ca = (cn: string, d: unknown, key: PrivateKey) => {
    const t = { cn, ips: [], dns: [], days: days(d), isCA: true };
    return certificate(createCertificate(t, key, undefined, options), key.pem);
  };
  const selfSigned = (
    cn: string,
    ips: unknown,
    dns: unknown,
    d: unknown,
    key: () => PrivateKey,
  ) => {
    const t = { cn, ips: netIps(ips), dns: dnsNames(dns), days: days(d), isCA: false };
    const k = key();
    return certificate(createCertificate(t, k, undefined, options), k.pem);
  };
  const signed = (
    cn: string,
    ips: unknown,
    dns: unknown,
    d: unknown,
    caCert: unknown,
    key: () => PrivateKey,
  ) => {
    const issuer = parseSigner(caCert);
    const t = { cn, ips: netIps(ips), dns: dnsNames(dns), days: days(d), isCA: false };
    const k = key();
    return certificate(createCertificate(t, k, issuer, options), k.pem);
  };
  return {
    genPrivateKey: goFunc([S], (type: string) => {
      switch (type) {
        case "":
        case "rsa":
          return generateRsaKey(4096, random).pem;
        case "ecdsa":
          return generateEcdsaKey(random).pem;
        case "ed25519":
          return generateEd25519Key(random).pem;
        case "dsa":
          throw new Error("genPrivateKey: dsa keys are not supported by hcp");
        default:
          return `Unknown type ${type}`;
      }
    }),
    genCA: goFunc([S, I], (cn: string, d: unknown) => ca(cn, d, rsa2048()), ret),
    genCAWithKey: goFunc(
      [S, I, S],
      (cn: string, d: unknown, pem: string) => ca(cn, d, withKey(pem)),
      ret,
    ),
    genSelfSignedCert: goFunc(
      [S, L, L, I],
      (cn: string, ips: unknown, dns: unknown, d: unknown) => selfSigned(cn, ips, dns, d, rsa2048),
      ret,
    ),
    genSelfSignedCertWithKey: goFunc(
      [S, L, L, I, S],
      (cn: string, ips: unknown, dns: unknown, d: unknown, pem: string) =>
        selfSigned(cn, ips, dns, d, () => withKey(pem)),
      ret,
    ),
    genSignedCert: goFunc(
      [S, L, L, I, "interface {}"],
      (cn: string, ips: unknown, dns: unknown, d: unknown, caCert: unknown) =>
        signed(cn, ips, dns, d, caCert, rsa2048),
      ret,
    ),
    genSignedCertWithKey: goFunc(
      [S, L, L, I, "interface {}", S],
      (cn: string, ips: unknown, dns: unknown, d: unknown, caCert: unknown, pem: string) =>
        signed(cn, ips, dns, d, caCert, () => withKey(pem)),
      ret,
    ),
    buildCustomCert: goFunc(
      [S, S],
      (b64cert: string, b64key: string) => {
        let cert: string;
        let key: string;
        try {
          cert = fromUtf8(base64Decode(b64cert));
        } catch {
          throw new Error("unable to decode base64 certificate");
        }
        try {
          key = fromUtf8(base64Decode(b64key));
        } catch {
          throw new Error("unable to decode base64 private key");
        }
        const block = pemDecode(cert);
        if (block === undefined) throw new Error("unable to decode certificate");
        try {
          children(readTlv(block.bytes).body);
        } catch (err) {
          throw new Error(
            `error parsing certificate: decodedCert.Bytes: ${(err as Error).message}`,
          );
        }
        try {
          parsePrivateKeyPem(key);
        } catch (err) {
          throw new Error(`error parsing private key: ${(err as Error).message}`);
        }
        return certificate(cert, key);
      },
      ret,
    ),
  };
}
