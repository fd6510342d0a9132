import { describe, expect, test } from "bun:test";
import { type RenderStep, runRenderPipeline } from "./pipeline.ts";
import { parseRenderOutput, type RenderContextV1, type SourceFile } from "./protocol.ts";

const enc = new TextEncoder();
const dec = new TextDecoder();
const file = (name: string, text: string): SourceFile => ({ name, data: enc.encode(text) });
const json = (v: unknown) => enc.encode(JSON.stringify(v));

const context: RenderContextV1 = {
  release: {
    name: "r",
    namespace: "ns",
    revision: 1,
    isInstall: true,
    isUpgrade: false,
    service: "Helm",
  },
  values: {},
  chart: { name: "c", version: "1.0.0", isRoot: true },
  subcharts: {},
  files: [],
  capabilities: {
    kubeVersion: { version: "v1.35.0", major: "1", minor: "35" },
    apiVersions: ["v1"],
    helmVersion: "v4.1.4",
  },
};

/** A step whose plugin is a JS function over decoded files (the pipeline under test is pure). */
function step(
  name: string,
  patterns: string[],
  body: (files: { name: string; text: string }[]) => unknown,
  calls: string[][] = [],
): RenderStep {
  return {
    name,
    patterns,
    invoke: async (input) => {
      const files = input.sourceFiles.map((f) => ({
        name: f.name,
        text: dec.decode(Uint8Array.fromBase64(f.data)),
      }));
      calls.push(files.map((f) => f.name));
      return parseRenderOutput(name, json(body(files)));
    },
  };
}

describe("runRenderPipeline()", () => {
  test("S9: the first plugin consumes, modifies, renames and adds files for the second", async () => {
    const secondCalls: string[][] = [];
    const modifier = step("sourcefiles-modifier", ["templates/*.test"], (files) => ({
      renderedFiles: { "summary.yaml": `received: ${files.length}` },
      modifiedSourceFiles: [
        { name: "templates/file2.test", data: btoa(`[MODIFIED]\n${files[1]?.text}`) },
        { name: "templates/file3.renamed", data: btoa(files[2]?.text ?? "") },
        { name: "templates/file4.test", data: btoa("four") },
      ],
    }));
    const processor = step(
      "test-processor",
      ["templates/*.test"],
      (files) => ({
        renderedFiles: Object.fromEntries(
          files.map((f) => [f.name.replace(/\.test$/, ".yaml"), f.text]),
        ),
      }),
      secondCalls,
    );
    const sources = [
      file("templates/file3.test", "3"),
      file("templates/file1.test", "1"),
      file("templates/file2.test", "2"),
    ];
    const result = await runRenderPipeline(sources, [modifier, processor], context);
    expect(secondCalls).toEqual([["templates/file2.test", "templates/file4.test"]]);
    expect([...result.rendered.keys()]).toEqual([
      "summary.yaml",
      "templates/file2.yaml",
      "templates/file4.yaml",
    ]);
    expect(result.rendered.get("templates/file2.yaml")).toBe("[MODIFIED]\n2");
    expect(result.invoked).toEqual(["sourcefiles-modifier", "test-processor"]);
    expect([...result.claimed].sort()).toEqual([
      "templates/file1.test",
      "templates/file2.test",
      "templates/file3.test",
    ]);
  });

  test("N6: a plugin whose patterns match nothing is not invoked", async () => {
    const calls: string[][] = [];
    const result = await runRenderPipeline(
      [file("templates/a.yaml", "x")],
      [step("p", ["templates/*.pkl"], () => ({}), calls)],
      context,
    );
    expect(calls).toEqual([]);
    expect(result.invoked).toEqual([]);
    expect(result.rendered.size).toBe(0);
  });

  test("N3: errors reported by a plugin fail the render with its messages", async () => {
    const boom = step("boom", ["templates/*"], () => ({ errors: ["boom", "bang"] }));
    await expect(runRenderPipeline([file("templates/a", "")], [boom], context)).rejects.toThrow(
      'render plugin "boom" reported errors: [boom bang]',
    );
  });

  test("a later plugin overwrites an earlier one's rendered file of the same name", async () => {
    const a = step("a", ["templates/*.a"], () => ({ renderedFiles: { "x.yaml": "from a" } }));
    const b = step("b", ["templates/*.b"], () => ({ renderedFiles: { "x.yaml": "from b" } }));
    const result = await runRenderPipeline(
      [file("templates/1.a", ""), file("templates/2.b", "")],
      [a, b],
      context,
    );
    expect(result.rendered.get("x.yaml")).toBe("from b");
  });
});

describe("parseRenderOutput()", () => {
  test.each([
    { name: "invalid JSON", body: "{", want: /not valid UTF-8 JSON/ },
    { name: "not an object", body: "[]", want: /expected a JSON object/ },
    { name: "traversal", body: '{"renderedFiles":{"../x.yaml":"a"}}', want: /not a normalised/ },
    { name: "absolute", body: '{"renderedFiles":{"/etc/x":"a"}}', want: /is absolute/ },
    {
      name: "modified outside templates/",
      body: '{"modifiedSourceFiles":[{"name":"values.yaml","data":""}]}',
      want: /outside templates/,
    },
    { name: "non-string text", body: '{"renderedFiles":{"a.yaml":1}}', want: /must be a string/ },
  ])("rejects $name", ({ body, want }) => {
    expect(() => parseRenderOutput("p", enc.encode(body))).toThrow(want);
  });

  test("keeps non-ASCII text intact", () => {
    const out = parseRenderOutput("p", json({ renderedFiles: { "a.yaml": "héllo ✓" } }));
    expect(out.renderedFiles.get("a.yaml")).toBe("héllo ✓");
  });
});
