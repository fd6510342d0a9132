import { describe, expect, test } from "bun:test";
import { isHcpError } from "../../errors.ts";
import { createMessageCodec } from "./messages.ts";

const text = (b: Uint8Array) => new TextDecoder().decode(b);
const bytes = (s: string) => new TextEncoder().encode(s);

describe("createMessageCodec()", () => {
  test("cli/v1 input is {extraArgs}", () => {
    const codec = createMessageCodec("p", "cli/v1");
    expect(text(codec.encode({ type: "cli/v1", extraArgs: ["a", "-b"] }))).toBe(
      '{"extraArgs":["a","-b"]}',
    );
  });

  test("postrenderer/v1 sends manifests as a string and reads one back", () => {
    const codec = createMessageCodec("p", "postrenderer/v1");
    const input = codec.encode({
      type: "postrenderer/v1",
      manifests: bytes("kind: A\n"),
      extraArgs: [],
    });
    expect(text(input)).toBe('{"manifests":"kind: A\\n","extraArgs":[]}');
    const out = codec.decode(bytes('{"manifests":"kind: B\\n"}'));
    expect(out.type === "postrenderer/v1" && text(out.manifests)).toBe("kind: B\n");
  });

  test.each([
    { type: "getter/v1" as const, output: '{"data":"aGVsbG8="}', want: "hello" },
    { type: "getter/v1" as const, output: "{}", want: "" },
    { type: "getter/v1" as const, output: '{"data":null}', want: "" },
  ])("getter/v1 output $output → $want", ({ type, output, want }) => {
    const out = createMessageCodec("p", type).decode(bytes(output));
    expect(out.type === "getter/v1" && text(out.data)).toBe(want);
  });

  test.each([
    { type: "cli/v1" as const, output: "", detail: "unexpected end of JSON input" },
    { type: "cli/v1" as const, output: "[1]", detail: "the output is not a JSON object" },
    {
      type: "cli/v1" as const,
      output: '{"data":"x"}',
      detail: "data must be a JSON object or null",
    },
    { type: "getter/v1" as const, output: '{"data":5}', detail: "data must be a base64 string" },
    { type: "postrenderer/v1" as const, output: "{}", detail: "manifests must be a string" },
  ])("$type rejects $output", ({ type, output, detail }) => {
    try {
      createMessageCodec("p", type).decode(bytes(output));
      throw new Error("expected a failure");
    } catch (err) {
      expect(isHcpError(err, "PLUGIN_OUTPUT")).toBe(true);
      expect((err as Error).message).toBe(
        `failed to json marshal plugin output message: reflect.Value: ${detail}`,
      );
    }
  });

  test("render/v1 passes the payload through both ways", () => {
    const codec = createMessageCodec("p", "render/v1");
    expect(text(codec.encode({ type: "render/v1", payload: { a: [1] } }))).toBe('{"a":[1]}');
    expect(codec.decode(bytes('{"renderedFiles":{}}'))).toEqual({
      type: "render/v1",
      payload: { renderedFiles: {} },
    });
  });

  test("a message of another type is refused", () => {
    const codec = createMessageCodec("p", "render/v1");
    expect(() => codec.encode({ type: "cli/v1", extraArgs: [] })).toThrow(
      'plugin "p" is type "render/v1", not "cli/v1"',
    );
  });
});
