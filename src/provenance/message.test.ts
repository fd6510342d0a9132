import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import {
  buildMessageBlock,
  checkFileDigest,
  hasMatchingEntry,
  parseSumCollection,
  splitMessageBlock,
} from "./message.ts";

const DIGEST = `sha256:${"ab".repeat(32)}`;

describe("message block", () => {
  test("Helm's layout: metadata, ..., files", () => {
    expect(
      buildMessageBlock({ metadata: "Name: x\n", filename: "x-1.0.0.tgz", digest: DIGEST }),
    ).toBe(`Name: x\n\n...\nfiles:\n  x-1.0.0.tgz: ${DIGEST}\n`);
  });

  test("build → split → parse → check round-trips for any file name", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }), (filename) => {
        if (filename.includes("\n")) return;
        const text = buildMessageBlock({ metadata: "", filename, digest: DIGEST });
        const [, part] = splitMessageBlock(text);
        checkFileDigest(parseSumCollection(part), filename, DIGEST);
      }),
      { numRuns: 300 },
    );
  });

  test.each([
    {
      name: "JSON files part",
      part: `{"files": {"x.tgz": "${DIGEST}"}}`,
      files: { "x.tgz": DIGEST },
    },
    { name: "canonical part", part: `files:\n  x.tgz: ${DIGEST}\n`, files: { "x.tgz": DIGEST } },
    { name: "empty part", part: "", files: {} },
  ])("parseSumCollection: $name", ({ part, files }) => {
    expect({ ...parseSumCollection(part).files }).toEqual(files);
  });

  test.each([
    { name: "duplicate keys", part: `files:\n  x.tgz: ${DIGEST}\n  x.tgz: ${DIGEST}\n` },
    { name: "unclosed flow", part: "files: [unclosed" },
    { name: "non-string digest", part: "files:\n  x.tgz: 3\n" },
  ])("parseSumCollection refuses $name", ({ part }) => {
    expect(() => parseSumCollection(part)).toThrow(
      expect.objectContaining({ code: "PROV_BAD_YAML" }),
    );
  });

  test("one part only is Helm's 'at least two parts' error", () => {
    expect(() => splitMessageBlock("files:\n  x: y\n")).toThrow(
      "message block must have at least two parts",
    );
  });

  test("status rule: a key containing NAME-VERSION.tgz with the exact digest", () => {
    const text = `m\n...\nfiles:\n  dir/x-1.0.0.tgz: ${DIGEST}\n`;
    expect(hasMatchingEntry(text, "x-1.0.0.tgz", DIGEST)).toBe(true);
    expect(hasMatchingEntry(text, "x-1.0.0.tgz", DIGEST.toUpperCase())).toBe(false);
    expect(hasMatchingEntry("no parts", "x-1.0.0.tgz", DIGEST)).toBe(false);
  });
});
