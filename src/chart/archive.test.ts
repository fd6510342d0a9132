import { describe, expect, test } from "bun:test";
import { gzipSync } from "node:zlib";
import { expandChartArchive, MAX_DECOMPRESSED_FILE_SIZE } from "./archive.ts";

/** Builds a ustar archive from entries (name, data, type flag). */
function tar(entries: { name: string; data?: string | Uint8Array; type?: string }[]): Uint8Array {
  const blocks: Uint8Array[] = [];
  const enc = new TextEncoder();
  for (const e of entries) {
    const data = typeof e.data === "string" ? enc.encode(e.data) : (e.data ?? new Uint8Array());
    const h = new Uint8Array(512);
    h.set(enc.encode(e.name).subarray(0, 100), 0);
    h.set(enc.encode("0000644\0"), 100);
    h.set(enc.encode("0000000\0"), 108);
    h.set(enc.encode("0000000\0"), 116);
    h.set(enc.encode(`${data.length.toString(8).padStart(11, "0")}\0`), 124);
    h.set(enc.encode("00000000000\0"), 136);
    h.set(enc.encode("        "), 148);
    h[156] = (e.type ?? "0").charCodeAt(0);
    h.set(enc.encode("ustar\0"), 257);
    h.set(enc.encode("00"), 263);
    let sum = 0;
    for (const b of h) sum += b;
    h.set(enc.encode(`${sum.toString(8).padStart(6, "0")}\0 `), 148);
    blocks.push(h);
    const padded = new Uint8Array(Math.ceil(data.length / 512) * 512);
    padded.set(data);
    blocks.push(padded);
  }
  blocks.push(new Uint8Array(1024));
  const total = blocks.reduce((n, b) => n + b.length, 0);
  const out = new Uint8Array(total);
  let pos = 0;
  for (const b of blocks) {
    out.set(b, pos);
    pos += b.length;
  }
  return gzipSync(out);
}

describe("expandChartArchive()", () => {
  test("drops the top directory and the UTF-8 BOM, skips directories", () => {
    const files = expandChartArchive(
      tar([
        { name: "mychart/", type: "5" },
        { name: "mychart/Chart.yaml", data: "\uFEFFname: x\n" },
        { name: "mychart/templates/a.yaml", data: "kind: A\n" },
      ]),
    );
    expect(files.map((f) => f.name)).toEqual(["Chart.yaml", "templates/a.yaml"]);
    expect(new TextDecoder().decode(files[0]?.data)).toBe("name: x\n");
  });

  test.each([
    { name: "mychart/../../etc/passwd", want: "chart illegally references parent directory" },
    { name: "mychart//etc/passwd", want: "chart illegally contains absolute paths" },
    { name: "mychart/C:/evil", want: "chart contains illegally named files" },
    { name: "Chart.yaml", want: "chart illegally contains content outside the base directory" },
  ])("rejects $name", ({ name, want }) => {
    expect(() => expandChartArchive(tar([{ name, data: "x" }]))).toThrow(want);
  });

  test("a Chart.yaml at the top level is refused", () => {
    expect(() => expandChartArchive(tar([{ name: "Chart.yaml/x", data: "x" }]))).toThrow(
      "chart yaml not in base directory",
    );
  });

  test("files over 5 MiB are refused with Helm's message", () => {
    const big = new Uint8Array(MAX_DECOMPRESSED_FILE_SIZE + 1);
    expect(() => expandChartArchive(tar([{ name: "c/big.bin", data: big }]))).toThrow(
      `decompressed chart file "c/big.bin" is larger than the maximum file size ${MAX_DECOMPRESSED_FILE_SIZE}`,
    );
  });

  test("an empty archive is an error", () => {
    expect(() => expandChartArchive(tar([]))).toThrow("no files in chart archive");
  });

  test("data that is not gzip is refused", () => {
    expect(() => expandChartArchive(new TextEncoder().encode("plain"))).toThrow();
  });
});
