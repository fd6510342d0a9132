import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import { HcpError } from "../errors.ts";
import { formatClearsigned, parseClearsigned } from "./clearsign.ts";

const SIG = new Uint8Array([0xc2, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06]);

describe("parseClearsigned", () => {
  test("formatClearsigned → parseClearsigned gives back the text and the packets", () => {
    const text = "Name: x\n- dashed\n\n...\nfiles:\n  x.tgz: sha256:00\n";
    const block = parseClearsigned(formatClearsigned(text, "SHA512", SIG));
    expect(block.text).toBe(text);
    expect(block.signature).toEqual(SIG);
    expect(block.hashHeaders).toEqual(["SHA512"]);
  });

  test.each([
    { name: "junk before the BEGIN line is skipped", edit: (p: string) => `junk\n${p}`, ok: true },
    { name: "CRLF line endings", edit: (p: string) => p.replaceAll("\n", "\r\n"), ok: true },
    { name: "no Hash header", edit: (p: string) => p.replace("Hash: SHA512\n", ""), ok: true },
    {
      name: "BEGIN not at a line start",
      edit: (p: string) => `x${p}`,
      code: "PROV_NO_SIGNATURE_BLOCK",
    },
    {
      name: "Comment header",
      edit: (p: string) => p.replace("Hash: SHA512\n", "Hash: SHA512\nComment: c\n"),
      code: "PROV_NO_SIGNATURE_BLOCK",
    },
    {
      name: "no signature armor",
      edit: (p: string) => p.slice(0, p.indexOf("-----BEGIN PGP SIGNATURE")),
      code: "PROV_NO_SIGNATURE_BLOCK",
    },
    {
      name: "wrong CRC",
      edit: (p: string) => p.replace(/\n=[A-Za-z0-9+/]{4}\n/, "\n=AAAA\n"),
      code: "PROV_NO_SIGNATURE_BLOCK",
    },
    { name: "text after END", edit: (p: string) => `${p}extra\n`, code: "PROV_MULTIPLE_BLOCKS" },
    { name: "whitespace after END is fine", edit: (p: string) => `${p}\n\n  \n`, ok: true },
  ])("$name", ({ edit, ok, code }) => {
    const prov = edit(formatClearsigned("a\nb\n", "SHA512", SIG));
    if (ok) expect(parseClearsigned(prov).text).toBe("a\nb\n");
    else expect(() => parseClearsigned(prov)).toThrow(expect.objectContaining({ code }));
  });

  test("arbitrary input either parses or throws an HcpError (seed pinned on failure)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.boolean(), (junk, wrap) => {
        const input = wrap ? `-----BEGIN PGP SIGNED MESSAGE-----\n${junk}` : junk;
        try {
          parseClearsigned(input);
        } catch (err) {
          if (!(err instanceof HcpError)) throw err;
        }
      }),
      { numRuns: 500 },
    );
  });
});
