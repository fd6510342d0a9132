/**
 * The same extism/v1 cli/v1 plugins, installed into one HELM_PLUGINS, run under the reference
 * Helm 4.1.4 and under dist/hcp: stdout, the first stderr line and the exit code agree
 * (Helm's extra `wasm stack trace` lines after a trap are not compared). Skips with a
 * message when either binary is absent.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { cp, mkdir } from "node:fs/promises";
import { join } from "node:path";
import { assembleFixture } from "../fixtures/wasm/assemble.ts";
import { pluginYaml, REPO_ROOT } from "../fixtures/wasm/harness.ts";
import {
  createTestEnv,
  findReferenceHelm,
  HCP_BIN,
  type ProcessResult,
  runProcess,
  type TestEnv,
} from "../helpers/env.ts";

const helm = await findReferenceHelm();
const binary = await Bun.file(HCP_BIN).exists();
const echoCli = join(REPO_ROOT, "plugins", "echo-cli", "build", "echo-cli");
const built = await Bun.file(join(echoCli, "plugin.wasm")).exists();
if (!helm || !binary || !built) {
  console.warn(
    "skipping extism Helm interop: needs the reference Helm (../shared/tools/get-helm.sh), dist/hcp and bun run build:plugins",
  );
}

/** name → [fixture, runtimeConfig] */
const FIXTURES: Record<string, [string, string]> = {
  "wasm-echo": ["echo", "config:\n  greeting: hola"],
  "wasm-fail": ["exit-code", "entryFuncName: fail"],
  "wasm-trap": ["exit-code", "entryFuncName: trap"],
  "wasm-nosuch": ["exit-code", "entryFuncName: nosuch"],
  "wasm-loop": ["loop", "timeout: 300"],
  "wasm-wasi": ["wasi", ""],
  "wasm-exit7": ["wasi", "entryFuncName: exit7"],
  "wasm-tiny": ["echo", "memory:\n  maxPages: 8"],
  "wasm-stdin": ["wasi", "entryFuncName: read_stdin"],
  "wasm-progress": ["write-then-loop", "timeout: 300"],
};

let env: TestEnv;
beforeAll(async () => {
  // Plain directories without .prov: hcp runs unsigned Wasm only with the opt-in.
  env = await createTestEnv({ prefix: "hcp-extism-interop-", extra: { HCP_ALLOW_UNSIGNED: "1" } });
  for (const [name, [fixture, runtimeConfig]] of Object.entries(FIXTURES)) {
    const dir = join(env.pluginsDir, name);
    await mkdir(dir, { recursive: true });
    await Bun.write(join(dir, "plugin.yaml"), pluginYaml(name, runtimeConfig));
    await Bun.write(join(dir, "plugin.wasm"), await assembleFixture(fixture));
  }
  if (built) await cp(echoCli, join(env.pluginsDir, "echo-cli"), { recursive: true });
});
afterAll(() => env[Symbol.asyncDispose]());

const firstErrorLine = (r: ProcessResult) =>
  r.stderr.split("\n").find((l) => l !== "" && !l.startsWith("WARNING:")) ?? "";

async function both(
  args: readonly string[],
  stdin?: string,
): Promise<{ helm: ProcessResult; hcp: ProcessResult }> {
  const options = { env: env.env, ...(stdin === undefined ? {} : { stdin }) };
  const [h, c] = await Promise.all([
    runProcess([helm as string, ...args], options),
    runProcess([HCP_BIN, ...args], options),
  ]);
  return { helm: h, hcp: c };
}

describe.skipIf(!helm || !binary || !built)(
  "extism/v1 CLI plugins: hcp agrees with Helm 4.1.4",
  () => {
    test.each([
      { args: ["wasm-echo", "one", "--two"] },
      { args: ["wasm-fail"] },
      { args: ["wasm-trap"] },
      { args: ["wasm-nosuch"] },
      { args: ["wasm-loop"] },
      { args: ["wasm-wasi"] },
      { args: ["wasm-exit7"] },
      { args: ["wasm-tiny"] },
      { args: ["echo-cli", "hello", "wörld"] },
      { args: ["wasm-stdin"], stdin: '{"data":{"k":"v"}}' },
      { args: ["wasm-stdin"], stdin: "{}" },
      { args: ["wasm-progress"] },
    ])("$args", async ({ args, stdin }: { args: readonly string[]; stdin?: string }) => {
      const { helm: h, hcp: c } = await both(args, stdin);
      expect(c.stdout).toBe(h.stdout);
      expect(firstErrorLine(c)).toBe(firstErrorLine(h));
      expect(c.exitCode).toBe(h.exitCode);
    });
  },
);
