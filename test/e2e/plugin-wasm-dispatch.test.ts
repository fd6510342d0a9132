/**
 * `hcp <wasm plugin>` through dist/hcp: an extism/v1 cli/v1 plugin installed from Helm's
 * signed vector runs only when the trust gate accepts it (signer in the default keyring).
 */
import { describe, expect, test } from "bun:test";
import { copyFile, mkdir } from "node:fs/promises";
import { join } from "node:path";
import { createTestEnv, hasHcpBinary, REPO_ROOT, runHcp } from "../helpers/env.ts";

const VECTORS = join(REPO_ROOT, "test/fixtures/provenance/helm-4.1.4");
const haveBinary = hasHcpBinary("wasm dispatch e2e");
const e2e = haveBinary ? describe : describe.skip;

e2e("hcp <extism/v1 cli plugin>", () => {
  test("runs a signed plugin whose signer is in the keyring, refuses it otherwise", async () => {
    await using env = await createTestEnv({ prefix: "hcp-e2e-wasm-" });
    const hcp = (...args: string[]) => runHcp(env, args);
    const tgz = join(VECTORS, "packaged/wasm-cli-1.0.0.tgz");
    const keyring = join(VECTORS, "keys/signer-a.pub.gpg");
    const install = await hcp("plugin", "install", tgz, "--keyring", keyring);
    expect(install.stderr).toBe("");
    expect(install.stdout).toEndWith("Installed plugin: wasm-cli\n");

    // The default keyring ($GNUPGHOME/pubring.gpg) is empty: the trust gate refuses.
    const refused = await hcp("wasm-cli", "a");
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain('refusing to run plugin "wasm-cli"');
    expect(refused.stdout).toBe("");

    await mkdir(env.env.GNUPGHOME as string, { recursive: true });
    await copyFile(keyring, join(env.env.GNUPGHOME as string, "pubring.gpg"));
    const run = await hcp("wasm-cli", "hello", "-n", "ns1", "there");
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('wasm-cli: input={"extraArgs":["hello","there"]}');
  });
});
