import { afterAll, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { likelyWasmDir } from "./plugin-sandbox.ts";

const root = mkdtempSync(join(tmpdir(), "hcp-plugin-sandbox-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const first = join(root, "a");
const second = join(root, "b");
mkdirSync(join(first, "sub"), { recursive: true });
mkdirSync(join(second, "wasm"), { recursive: true });
mkdirSync(join(second, "dir-only", "plugin.wasm"), { recursive: true });
writeFileSync(join(second, "wasm", "plugin.wasm"), "\0asm\x01\0\0\0");
writeFileSync(join(root, "plugin.wasm"), "\0asm\x01\0\0\0");

test.each([
  {
    name: "a plugin dir holding plugin.wasm, in a later plugins dir",
    command: "wasm",
    want: join(second, "wasm"),
  },
  { name: "a plugin dir without plugin.wasm", command: "sub", want: undefined },
  { name: "a plugin.wasm that is a directory", command: "dir-only", want: undefined },
  { name: "no such plugin dir", command: "missing", want: undefined },
  { name: "a command reaching outside the plugins dirs", command: "..", want: undefined },
  { name: "a command with a slash", command: "b/wasm", want: undefined },
  { name: "an empty command", command: "", want: undefined },
])("likelyWasmDir(): $name", ({ command, want }) => {
  expect(likelyWasmDir([first, second], command)).toBe(want);
});
