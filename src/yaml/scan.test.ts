import { describe, expect, test } from "bun:test";
import { BlockScalars } from "./scan.ts";

// The straightforward per-line form of the block-scalar scan (slice, regex per line), kept as
// the reference for the tuned one in scan.ts.
const BLOCK_HEADER =
  /(?:^[ \t]*(?:-[ \t]+)?|:[ \t]+)(?:[&!][^\s]*[ \t]+)*[|>][-+0-9]*[ \t]*(?:#.*)?$/;
function referenceRanges(text: string): number[] {
  const ranges: number[] = [];
  let threshold = -1;
  let start = 0;
  for (let lineStart = 0; lineStart <= text.length; ) {
    let lineEnd = text.indexOf("\n", lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    let indent = lineStart;
    while (text.charCodeAt(indent) === 0x20) indent++;
    const blank = indent >= lineEnd || /^\s*$/.test(text.slice(indent, lineEnd));
    if (threshold >= 0) {
      if (blank || indent - lineStart > threshold) {
        lineStart = lineEnd + 1;
        continue;
      }
      ranges.push(start, lineStart);
      threshold = -1;
    }
    const line = blank ? "" : text.slice(lineStart, lineEnd);
    if ((line.includes("|") || line.includes(">")) && BLOCK_HEADER.test(line)) {
      const prefix = /^[ ]*(?:-[ ]+)*/.exec(line)?.[0].length ?? 0;
      threshold = /^[ ]*(?:-[ ]+)*[^\s#][^#]*?:[ \t]/.test(line) ? prefix : indent - lineStart;
      start = lineEnd + 1;
    }
    lineStart = lineEnd + 1;
  }
  if (threshold >= 0) ranges.push(start, text.length + 1);
  return ranges;
}

function inRanges(r: number[], i: number): boolean {
  for (let k = 0; k < r.length; k += 2)
    if ((r[k] as number) <= i && i < (r[k + 1] as number)) return true;
  return false;
}

describe("BlockScalars", () => {
  test("marks block-scalar content only", () => {
    const text = "a: |\n  x > y\n  z\nb: >-\n  w\nc: 1 | 2\n";
    const b = new BlockScalars(text);
    expect(b.contains(text.indexOf("x > y"))).toBe(true);
    expect(b.contains(text.indexOf("w"))).toBe(true);
    expect(b.contains(text.indexOf("c:"))).toBe(false);
  });

  test("agrees with the per-line reference on random texts", () => {
    const pieces = [
      "|",
      ">",
      "|-",
      ">+",
      "|2",
      " ",
      "  ",
      "\n",
      "- ",
      "a: ",
      "#",
      "\t",
      "\r",
      "\u00a0",
      "x",
      ":",
      "\u2028",
      "key: |\n  v\n",
    ];
    let seed = 11;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    for (let k = 0; k < 5000; k++) {
      let text = "";
      for (let j = rnd(30); j > 0; j--) text += pieces[rnd(pieces.length)];
      const want = referenceRanges(text);
      const got = new BlockScalars(text);
      for (let i = 0; i <= text.length + 1; i++) {
        if (got.contains(i) !== inRanges(want, i))
          throw new Error(`${JSON.stringify(text)} at ${i}`);
      }
    }
  });
});
