import { expect, test } from "bun:test";
import { join } from "node:path";
import wabt from "wabt";
import { warmUpWasm } from "./warm-up.ts";

// Regenerate after editing warm-up.wat: print the assembled bytes' base64 with wabt as below
// and paste them into warm-up.ts.
test("warm-up.ts holds warm-up.wat assembled", async () => {
  const tools = await wabt();
  const source = await Bun.file(join(import.meta.dir, "warm-up.wat")).text();
  const module = tools.parseWat("warm-up.wat", source);
  try {
    const assembled: Uint8Array = new Uint8Array(module.toBinary({}).buffer);
    expect(assembled.toBase64()).toBe(warmUpWasm().toBase64());
  } finally {
    module.destroy();
  }
});

test("the sandbox's warm-up runs hcp's module to the end", async () => {
  const { warmUp } = await import("./main.ts");
  expect(await warmUp()).toBe("ok");
});
