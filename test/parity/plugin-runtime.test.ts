// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${VAR} is plugin.yaml syntax under test
/**
 * Runtime parity with Helm 4: the same dev-installed plugins, run under helm and under hcp,
 * print the same bytes — platformCommand selection, $VAR expansion, command splitting, hook
 * argument expansion (v1 vs legacy platformHooks), hook order on uninstall.
 */
import { describe, expect, test } from "bun:test";
import { cp, mkdir } from "node:fs/promises";
import { join } from "node:path";
import {
  createTestEnv,
  findReferenceHelm,
  HCP_BIN,
  hasHcpBinary,
  REPO_ROOT,
  runProcess,
} from "../helpers/env.ts";

const helm = await findReferenceHelm();
const haveBinary = hasHcpBinary("plugin runtime parity");
if (!helm) console.warn("SKIP plugin runtime parity: reference Helm not found (HCP_REF_HELM)");
const parity = helm && haveBinary ? describe : describe.skip;

async function transcript(bin: string): Promise<string> {
  await using env = await createTestEnv({ prefix: "hcp-parity-rt-" });
  await cp(join(REPO_ROOT, "test/fixtures/plugin/runtime-rules"), join(env.work, "src"), {
    recursive: true,
  });
  await mkdir(env.pluginsDir, { recursive: true });
  const lines: string[] = [];
  const run = async (...args: string[]) => {
    const r = await runProcess([bin, ...args], { env: env.env, cwd: env.work });
    lines.push(`$ ${args.join(" ")} [${r.exitCode}]`, r.stdout, r.stderr);
  };
  for (const p of ["sel", "hk", "hkl"]) {
    await run("plugin", "install", `src/${p}`);
    await run(p, "a", "b c", "$HOME");
  }
  await run("plugin", "uninstall", "hk");
  return lines.join("\n").replaceAll(env.root, "<ROOT>").replaceAll(bin, "<BIN>");
}

parity("plugin runtime parity with Helm 4", () => {
  test("selection, expansion, splitting and hooks print the same under both tools", async () => {
    const [theirs, ours] = await Promise.all([transcript(helm as string), transcript(HCP_BIN)]);
    expect(ours).toBe(theirs);
    expect(ours).toContain("os-linux sel"); // the OS-only entry beat the generic one
    expect(ours).toContain("install $HELM_PLUGIN_NAME ${HELM_PLUGIN_DIR}"); // v1 hook args literal
    expect(ours).toContain("install hkl"); // legacy platformHooks args expanded
  });
});
