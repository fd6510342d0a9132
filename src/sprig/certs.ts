/**
 * Sprig's certificate functions: genPrivateKey, genCA, genSelfSignedCert, genSignedCert, their
 * *WithKey variants, and buildCustomCert. Certificates are laid out as Go's
 * x509.CreateCertificate does (v3, 128-bit serial, CN-only subject, key usage, server+client
 * auth, basic constraints, SKID for CAs, AKID from the signer, SANs) and signed with
 * node:crypto; ECDSA signatures use node's own nonce. DSA keys are not supported.
 */
import { formatValue, goTypeName } from "../template/fmt.ts";
import { type FuncMap, GoStruct, goFunc, integerValue, isGoInteger } from "../template/value.ts";
import {
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
import {
  crypto,
  generateEcdsaKey,
  generateEd25519Key,
  generateRsaKey,
  generateRsaKeyNative,
  type KeyObjectLike,
  type PrivateKey,
  parsePrivateKeyPem,
  type Random,
  randomBigInt,
} from "./keys.ts";

export { generateRsaKey } from "./keys.ts";

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
    ? crypto().createHash("sha256").update(spkiBits).digest().subarray(0, 20)
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
  const signature = Uint8Array.from(crypto().sign(hash, tbs, signer.object));
  return pemEncode("CERTIFICATE", seq(tbs, alg, bits(signature)));
}

/** The parts of a CA certificate a signed certificate needs. */
function parseSigner(ca: unknown): Issuer {
  if (!(ca instanceof GoStruct) || ca.typeName !== "sprig.certificate") {
    throw new Error(`wrong type for value; expected sprig.certificate; got ${goTypeName(ca)}`);
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
export function certFuncs(options: {
  now: () => Date;
  random: Random;
  nativeRsa?: boolean | undefined;
}): FuncMap {
  const { random } = options;
  const rsa2048 = () =>
    options.nativeRsa ? generateRsaKeyNative(2048) : generateRsaKey(2048, random);
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
          return (options.nativeRsa ? generateRsaKeyNative(4096) : generateRsaKey(4096, random))
            .pem;
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
