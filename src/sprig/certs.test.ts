import { describe, expect, test } from "bun:test";
import { createPrivateKey, X509Certificate } from "node:crypto";
import type { GoFunc, GoStruct } from "../template/value.ts";
import { goInt } from "../template/value.ts";
import { certFuncs, parseIp } from "./certs.ts";

/** A seeded xorshift source, so keys and serials are reproducible in tests. */
function seeded(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

const NOW = new Date("2025-01-02T03:04:05Z");

function call(funcs: Record<string, GoFunc>, name: string, ...args: unknown[]): unknown {
  return (funcs[name]!.fn as (...a: unknown[]) => unknown)(...args);
}

describe("certificate functions", () => {
  const funcs = certFuncs({ now: () => NOW, random: seeded(42) }) as Record<string, GoFunc>;
  const ca = call(funcs, "genCA", "hcp-ca", goInt(10)) as GoStruct;
  const signed = call(
    funcs,
    "genSignedCert",
    "svc",
    ["10.0.0.1", "::1"],
    ["svc.ns"],
    goInt(5),
    ca,
  ) as GoStruct;

  test("genCA makes a self-signed CA valid from the injected now", () => {
    const x = new X509Certificate(String(ca.fields["Cert"]));
    expect(x.ca).toBe(true);
    expect(x.subject).toBe("CN=hcp-ca");
    expect(x.verify(x.publicKey)).toBe(true);
    expect(new Date(x.validFrom).toISOString()).toBe("2025-01-02T03:04:05.000Z");
    expect(new Date(x.validTo).toISOString()).toBe("2025-01-12T03:04:05.000Z");
    expect(String(ca.fields["Key"])).toStartWith("-----BEGIN RSA PRIVATE KEY-----\n");
  });

  test("genSignedCert is signed by the CA and carries the SANs", () => {
    const x = new X509Certificate(String(signed.fields["Cert"]));
    const issuer = new X509Certificate(String(ca.fields["Cert"]));
    expect(x.ca).toBe(false);
    expect(x.issuer).toBe("CN=hcp-ca");
    expect(x.verify(issuer.publicKey)).toBe(true);
    expect(x.subjectAltName).toBe("DNS:svc.ns, IP Address:10.0.0.1, IP Address:0:0:0:0:0:0:0:1");
    expect(x.checkPrivateKey(createPrivateKey(String(signed.fields["Key"])))).toBe(true);
  });

  test("the same injected source gives the same key and certificate", () => {
    const again = certFuncs({ now: () => NOW, random: seeded(42) }) as Record<string, GoFunc>;
    expect((call(again, "genCA", "hcp-ca", goInt(10)) as GoStruct).fields).toEqual(ca.fields);
  });

  test("genSelfSignedCertWithKey reuses the given key", () => {
    const key = String(call(funcs, "genPrivateKey", "ecdsa"));
    const c = call(funcs, "genSelfSignedCertWithKey", "me", null, null, goInt(1), key) as GoStruct;
    expect(c.fields["Key"]).toBe(key);
    const x = new X509Certificate(String(c.fields["Cert"]));
    expect(x.checkPrivateKey(createPrivateKey(key))).toBe(true);
  });

  test("bad IPs and keys fail with Sprig's messages", () => {
    expect(() => call(funcs, "genSelfSignedCert", "x", ["nope"], null, goInt(1))).toThrow(
      "error parsing ip: nope",
    );
    expect(() => call(funcs, "genCAWithKey", "x", goInt(1), "junk")).toThrow(
      "parsing private key: no PEM data in input",
    );
    expect(call(funcs, "genPrivateKey", "nope")).toBe("Unknown type nope");
  });
});

describe("parseIp", () => {
  test.each([
    ["10.0.0.1", [10, 0, 0, 1]],
    ["::ffff:1.2.3.4", [1, 2, 3, 4]],
    ["2001:db8::1", [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]],
  ])("parses %p", (s, want) => {
    expect(Array.from(parseIp(s)!)).toEqual(want);
  });
  test.each(["1.2.3", "256.1.1.1", "01.2.3.4", "1::2::3", "x"])("rejects %p", (s) => {
    expect(parseIp(s)).toBeUndefined();
  });
});
