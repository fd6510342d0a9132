import { expect, test } from "bun:test";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createTestEnv } from "../../test/helpers/env.ts";
import { createLogger } from "../log.ts";
import { loadSettings } from "../settings/index.ts";
import { runCliPlugin } from "./plugin-run.ts";

async function envWith(plugins: Record<string, string>) {
  const env = await createTestEnv({ prefix: "hcp-run-" });
  for (const [dir, yaml] of Object.entries(plugins)) {
    await mkdir(join(env.pluginsDir, dir), { recursive: true });
    await writeFile(join(env.pluginsDir, dir, "plugin.yaml"), yaml);
  }
  return env;
}

const v1 = (name: string, usage: string, out: string) =>
  `apiVersion: v1\nname: ${name}\ntype: cli/v1\nruntime: subprocess\nversion: 1.0.0\nconfig:\n  usage: "${usage}"\nruntimeConfig:\n  platformCommand:\n    - command: /bin/echo ${out}\n`;

async function run(env: Awaited<ReturnType<typeof envWith>>, command: string, args: string[] = []) {
  const chunks: string[] = [];
  const warnings: string[] = [];
  const code = await runCliPlugin({
    command,
    args,
    settings: loadSettings(env.env),
    log: createLogger((l) => warnings.push(l), false),
    builtins: ["version", "plugin"],
    stdout: (c) => chunks.push(new TextDecoder().decode(c)),
    stderr: () => {},
    stdin: new Uint8Array(),
  });
  return { code, out: chunks.join(""), warnings };
}

test("the first word of config.usage names the command (Helm's rt/usage-rename)", async () => {
  await using env = await envWith({ p: v1("plugin-name", "greet [NAME]", "hello") });
  expect((await run(env, "greet", ["you"])).out).toBe("hello you\n");
  expect((await run(env, "plugin-name")).code).toBeUndefined();
});

test("a plugin clashing with a built-in is skipped with a warning; later plugins still load", async () => {
  await using env = await envWith({
    a: v1("a", "version", "clash"),
    b: v1("zafter", "", "after"),
  });
  const result = await run(env, "zafter");
  expect(result.out).toBe("after\n");
  expect(result.warnings.join("")).toContain("plugin name conflicts with a built-in command");
});

test("duplicate plugin names disable plugin commands (Helm), with a warning", async () => {
  await using env = await envWith({ a: v1("dup", "", "one"), b: v1("dup", "", "two") });
  const result = await run(env, "dup");
  expect(result.code).toBeUndefined();
  expect(result.warnings.join("")).toContain('two plugins claim the name \\"dup\\"');
});
