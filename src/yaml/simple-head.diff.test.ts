/**
 * Differential test of simpleManifestHead against the exact (go-yaml port) path: every document
 * the reader accepts must load there with the same head, and every document the exact path
 * rejects must be left to it (undefined). Documents: every rendered document of the shared
 * conformance corpus (its expected outputs split on `---`; the reader accepts 135 of 1074, those
 * made of block mappings only), and seeded random ones.
 */
import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { validateManifest } from "./manifest.ts";
import { simpleManifestHead } from "./simple-head.ts";

const EXPECTED = join(import.meta.dir, "..", "..", "..", "shared", "conformance", "expected");

/** The corpus's expected outputs (none when the shared corpus is absent). */
function corpusFiles(): string[] {
  try {
    return [...new Bun.Glob("*.yaml").scanSync({ cwd: EXPECTED })].sort();
  } catch {
    return [];
  }
}

/** The rendered documents of the corpus: each `---` part after its `# Source:` line. */
async function corpusDocuments(files: readonly string[]): Promise<string[]> {
  const docs: string[] = [];
  for (const file of files) {
    for (const part of (await Bun.file(join(EXPECTED, file)).text()).split(/^---$/m)) {
      const source = /^\n?# Source: [^\n]*\n/.exec(part);
      if (source) docs.push(part.slice(source[0].length).replace(/\n$/, ""));
    }
  }
  return docs;
}

/** Checks one document; returns whether the reader accepted it. */
function agrees(doc: string): boolean {
  const head = simpleManifestHead(doc);
  let exact: unknown;
  let threw = false;
  try {
    exact = validateManifest(`${doc}\n#\u00e9`, "t.yaml"); // the comment forces the exact path
  } catch {
    threw = true;
  }
  if (head === undefined) return false;
  expect({ doc, threw }).toEqual({ doc, threw: false });
  expect({ doc, head }).toEqual({ doc, head: exact as typeof head });
  return true;
}

describe("simpleManifestHead agrees with the exact path", () => {
  const files = corpusFiles();
  if (files.length === 0) test.skip(`on the conformance corpus (${EXPECTED} is missing)`, () => {});
  else
    test("on every rendered document of the conformance corpus", async () => {
      const docs = await corpusDocuments(files);
      let accepted = 0;
      for (const doc of docs) if (agrees(doc)) accepted++;
      expect(docs.length).toBeGreaterThan(1000);
      expect(accepted).toBeGreaterThan(100);
    });
  test("on 3000 seeded random documents", () => {
    let accepted = 0;
    for (const doc of generateDocuments(3000, 12345)) if (agrees(doc)) accepted++;
    // The generator must keep exercising what the reader accepts (266 of 3000 today).
    expect(accepted).toBeGreaterThan(200);
  });
});

/**
 * Manifest-like documents from a seeded xorshift32 (deterministic): mappings, sequences of
 * scalars and of mappings, block scalars, comments and blank lines, with odd keys and words
 * (YAML 1.1 booleans, numbers, flow and quoting characters, tabs, non-ASCII) and random
 * mutations (indentation shifted, tabs, duplicated or dropped lines, trailing text, markers).
 */
function generateDocuments(count: number, seed: number): string[] {
  let state = seed | 0 || 1;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)] as T;
  const KEYS = [
    "a",
    "b",
    "data",
    "spec",
    "labels",
    "name",
    "k0",
    "k1",
    "x.y/z",
    "a-b",
    "_k",
    "apiVersion",
    "kind",
    "metadata",
    "annotations",
    "image",
    "value",
  ];
  const ODD_KEYS = ["yes", "null", "__proto__", "9k", "a b", '"q"', "on", "k:", "? k", "<<", "k\t"];
  const WORDS = [
    "x",
    "v1",
    "ConfigMap",
    "r-cm1",
    "nginx:1.25",
    "http://a.b/c",
    "_x",
    "a:b",
    "a.b-c",
  ];
  const ODD_WORDS = [
    "yes",
    "no",
    "No",
    "null",
    "~",
    "0755",
    "1e3",
    "1.5",
    "3",
    "True",
    "y",
    "a:",
    "-x",
    ".inf",
    "a b",
    "a #b",
    "'x'",
    "[a]",
    "{a: b}",
    "&a x",
    "*a",
    "!!str x",
    '"a\\tb"',
    '""',
    '"a b:c#d"',
    '"x"',
    "é",
    "x ",
    "",
    ">",
    "|2",
    "a\tb",
    "- x",
    "0x1F",
    "2001-12-14",
  ];
  const scalar = () => (next() < 0.9 ? pick(WORDS) : pick(ODD_WORDS));
  const key = () =>
    next() < 0.96 ? pick(KEYS) + (next() < 0.6 ? String(int(50)) : "") : pick(ODD_KEYS);
  const lines: string[] = [];
  const pad = (n: number) => " ".repeat(Math.max(0, n));
  const blockScalar = (indent: number) => {
    const ci = indent + 1 + int(3);
    const m = int(4);
    for (let j = 0; j < m; j++) {
      const r = next();
      if (r < 0.15) lines.push("");
      else if (r < 0.25) lines.push(pad(int(ci + 3)));
      else
        lines.push(
          pad(ci + (next() < 0.2 ? int(3) : 0)) +
            pick(["text", "# not a comment", "a: b", "- x", "{x", '"q', "k: |", "---"]),
        );
    }
  };
  const sequence = (indent: number, depth: number) => {
    const m = 1 + int(3);
    for (let j = 0; j < m; j++) {
      if (next() < 0.5 || depth > 3) lines.push(`${pad(indent)}- ${scalar()}`);
      else {
        queue = [];
        lines.push(`${pad(indent)}- ${key()}:${value(indent + 2, depth + 1)}`);
        const q = queue;
        for (const f of q) f();
        mapping(indent + 2, depth + 1, int(3));
      }
    }
  };
  const value = (indent: number, depth: number): string => {
    const r = next();
    if (r < 0.5 || depth > 3) return ` ${scalar()}`;
    if (r < 0.7) {
      const deeper = indent + 1 + int(4);
      queue.push(() => mapping(deeper, depth + 1, 1 + int(3)));
      return "";
    }
    if (r < 0.85) {
      const at = indent + (next() < 0.5 ? 0 : 2);
      queue.push(() => sequence(at, depth + 1));
      return "";
    }
    queue.push(() => blockScalar(indent));
    return ` ${pick(["|", "|-", "|+", "|", ">", "|2", "| ", "|-+"])}`;
  };
  let queue: (() => void)[] = [];
  const mapping = (indent: number, depth: number, m: number) => {
    for (let j = 0; j < m; j++) {
      queue = [];
      lines.push(`${pad(indent)}${key()}:${value(indent, depth)}`);
      const q = queue;
      for (const f of q) f();
      if (next() < 0.1) lines.push(`${pad(int(6))}# comment ${int(9)}`);
      if (next() < 0.05) lines.push("");
    }
  };
  const docs: string[] = [];
  for (let d = 0; d < count; d++) {
    lines.length = 0;
    if (next() < 0.7) {
      lines.push(
        `apiVersion: ${next() < 0.9 ? "v1" : scalar()}`,
        `kind: ${next() < 0.9 ? "ConfigMap" : scalar()}`,
      );
      if (next() < 0.8) {
        lines.push("metadata:", `  name: ${next() < 0.85 ? `r-${d}` : scalar()}`);
        if (next() < 0.5) {
          queue = [];
          lines.push(`  annotations:${next() < 0.9 ? "" : value(2, 3)}`);
          if (queue.length) for (const f of queue) f();
          else mapping(4, 3, 1 + int(3));
        }
      }
    }
    mapping(0, 0, 1 + int(4));
    // Mutations.
    const mutations = next() < 0.4 ? 0 : 1 + int(2);
    for (let j = 0; j < mutations && lines.length > 0; j++) {
      const at = int(lines.length);
      const line = lines[at] as string;
      const r = next();
      if (r < 0.25) lines[at] = ` ${line}`;
      else if (r < 0.4) lines[at] = line.replace(/^ /, "");
      else if (r < 0.45) lines[at] = `\t${line}`;
      else if (r < 0.5) lines[at] = line.replace(/^( *)/, "$1\t");
      else if (r < 0.6) lines.splice(at, 0, line);
      else if (r < 0.7) lines.splice(at, 1);
      else if (r < 0.75) lines[at] = `${line} #c`;
      else if (r < 0.8) lines[at] = `${line} `;
      else if (r < 0.85) lines.splice(at, 0, pick(["---", "...", "# c", "", "  ", "%YAML 1.1"]));
      else if (r < 0.9) lines[at] = line.replace(/: /, ":  ");
      else if (r < 0.95) lines[at] = line.replace(/- /, "-  ");
      else lines[at] = `${line}\r`;
    }
    docs.push(lines.join("\n") + (next() < 0.2 ? "\n" : ""));
  }
  return docs;
}
