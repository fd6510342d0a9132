import { describe, expect, test } from "bun:test";
import { gzipSync } from "node:zlib";
import { readArchive } from "./archive.ts";
import { encodeTar } from "./tarball.ts";

const file = (name: string, text: string, mode = 0o644) => ({
  name,
  type: "file" as const,
  mode,
  uid: 0,
  gid: 0,
  uname: "",
  gname: "",
  mtime: 0,
  data: new TextEncoder().encode(text),
});

describe("readArchive() enforces limits", () => {
  const tgz = gzipSync(
    encodeTar([file("p/a", "x".repeat(2000)), file("p/b", "y"), file("p/c", "z")]),
  );
  test("reads entries with modes", async () => {
    const entries = await readArchive(gzipSync(encodeTar([file("p/run.sh", "#!", 0o755)])));
    expect(entries).toMatchObject([{ path: "p/run.sh", type: "file", mode: 0o755 }]);
  });
  test("per-file size", async () => {
    await expect(readArchive(tgz, { maxFileSize: 1000 })).rejects.toThrow(
      'file "p/a" is larger than 1000 bytes',
    );
  });
  test("total decompressed size", async () => {
    await expect(readArchive(tgz, { maxArchiveSize: 3000 })).rejects.toThrow(
      "archive is larger than 3000 bytes once decompressed",
    );
  });
  test("entry count", async () => {
    await expect(readArchive(tgz, { maxEntries: 2 })).rejects.toThrow(
      "archive has more than 2 entries",
    );
  });
});

test("readArchive() returns complete contents of large files", async () => {
  const big = "0123456789abcdef".repeat(400_000); // 6.4 MB
  const entries = await readArchive(
    gzipSync(encodeTar([file("p/big", big), file("p/after", "z")])),
  );
  expect(entries.map((e) => [e.path, e.data.length])).toEqual([
    ["p/big", big.length],
    ["p/after", 1],
  ]);
});
