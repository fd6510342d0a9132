import { describe, expect, test } from "bun:test";
import bcryptjs from "bcryptjs";
import { bcryptHash, decryptAes, derivePassword, encryptAes } from "./crypto.ts";

/** A deterministic source: the bytes 0, 1, 2, … as uniform numbers. */
function counter(): () => number {
  let i = 0;
  return () => (i++ % 256) / 256;
}

describe("bcrypt", () => {
  // Made once with Helm 4.1.4: {{ bcrypt "hcp-password" }} and {{ htpasswd "admin" "s3cret" }}.
  test.each([
    ["hcp-password", "$2a$10$0PezR5C2RiXlaaqBEREeFetHD4b3lZBboVye3/jc8BZXg.ToIHZgm"],
    ["s3cret", "$2a$10$6Uf9HZX83JH9uMJBCDMEjeQU36LtfeFFCn1MPH3F1IK9TNQuqfkLW"],
  ])("bcryptHash() output format verifies Helm's hash of %p", (password, helmHash) => {
    expect(bcryptjs.compareSync(password, helmHash)).toBe(true);
    const ours = bcryptHash(password, counter());
    expect(ours).toMatch(/^\$2a\$10\$[./A-Za-z0-9]{53}$/);
    expect(bcryptjs.compareSync(password, ours)).toBe(true);
  });

  test("bcryptHash() takes its salt from the injected source", () => {
    expect(bcryptHash("x", counter())).toBe(bcryptHash("x", counter()));
    expect(bcryptHash("x", counter())).not.toBe(bcryptHash("x", () => 0.5));
  });

  test("bcryptHash() reports passwords over 72 bytes like Go's bcrypt", () => {
    expect(bcryptHash("é".repeat(37), counter())).toBe(
      "failed to encrypt string with bcrypt: bcrypt: password length exceeds 72 bytes",
    );
  });
});

describe("derivePassword", () => {
  test("matches Sprig's documented example", () => {
    expect(derivePassword(1, "long", "password", "user", "example.com")).toBe("ZedaFaxcZaso9*");
  });
  test("names an unknown template", () => {
    expect(derivePassword(1, "nope", "p", "u", "s")).toBe("cannot find password template nope");
  });
});

describe("AES", () => {
  test("encryptAes() puts the injected IV first and round-trips", () => {
    const c = encryptAes("k", "hello", counter());
    expect(Buffer.from(c, "base64").subarray(0, 16)).toEqual(
      Buffer.from(Array.from({ length: 16 }, (_, i) => i)),
    );
    expect(decryptAes("k", c)).toBe("hello");
  });
  test("decryptAes() reads a ciphertext made by Helm 4.1.4", () => {
    expect(decryptAes("secret", "r1iax2Yz+OPT7AObX1wViK0bvSkVRFysyml4NsJgN8U=")).toBe(
      "hello world",
    );
  });
  test("decryptAes() fails like Go on short or ragged input", () => {
    expect(() => decryptAes("k", "YWJj")).toThrow(
      "runtime error: slice bounds out of range [:16] with capacity 3",
    );
    expect(() => decryptAes("k", "AAAAAAAAAAAAAAAAAAAAAAAA")).toThrow(
      "crypto/cipher: input not full blocks",
    );
  });
});
