/**
 * Enforcement through the compiled binary: an installed extism/v1 CLI plugin (Helm's own
 * wasm-cli test plugin, signed by test key A) runs only with a trustworthy signing status.
 * The keyring is the default one ($GNUPGHOME/pubring.gpg), as `hcp <plugin>` takes no flags.
 */
import { describe, expect, test } from "bun:test";
import { copyFile, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createTestEnv, hasHcpBinary, runHcp, type TestEnv } from "../helpers/env.ts";

const VECTORS = join(import.meta.dir, "../fixtures/provenance/helm-4.1.4");
const TGZ = join(VECTORS, "packaged/wasm-cli-1.0.0.tgz");
const HAS_HCP = hasHcpBinary("provenance trust e2e");

async function trusting(env: TestEnv, key: "signer-a" | "signer-b"): Promise<void> {
  const gnupg = env.env.GNUPGHOME ?? join(env.home, ".gnupg");
  await mkdir(gnupg, { recursive: true });
  await copyFile(join(VECTORS, `keys/${key}.pub.gpg`), join(gnupg, "pubring.gpg"));
}

const hcp = runHcp;

describe.skipIf(!HAS_HCP)("Wasm plugins run only with a trustworthy signing status", () => {
  test("signed by a key in the keyring: runs; the same plugin with another keyring: refused", async () => {
    await using env = await createTestEnv({ prefix: "hcp-trust-e2e-" });
    await trusting(env, "signer-a");
    const installed = await hcp(env, ["plugin", "install", TGZ]);
    expect(installed.exitCode).toBe(0);
    const ok = await hcp(env, ["wasm-cli", "a", "b"]);
    expect(ok.stdout).toContain('wasm-cli: input={"extraArgs":["a","b"]}');
    expect(ok.exitCode).toBe(0);
    // Warm run (verification cache hit) still runs.
    expect((await hcp(env, ["wasm-cli"])).exitCode).toBe(0);
    await trusting(env, "signer-b");
    const refused = await hcp(env, ["wasm-cli", "a"]);
    expect(refused.exitCode).toBe(1);
    expect(refused.stdout).toBe("");
    expect(refused.stderr).toContain(
      'Error: refusing to run plugin "wasm-cli": signing status is "signed", but the signature does not verify with the keyring: openpgp: signature made by unknown entity\n',
    );
  });

  test("unsigned: refused unless HCP_ALLOW_UNSIGNED=1", async () => {
    await using env = await createTestEnv({ prefix: "hcp-trust-e2e-unsigned-" });
    await trusting(env, "signer-a");
    const bare = join(env.work, "wasm-cli-1.0.0.tgz");
    await copyFile(TGZ, bare);
    expect((await hcp(env, ["plugin", "install", bare, "--verify=false"])).exitCode).toBe(0);
    const refused = await hcp(env, ["wasm-cli"]);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toStartWith(
      'Error: refusing to run plugin "wasm-cli": signing status is "unsigned"\nhint: ',
    );
    const allowed = await hcp(env, ["wasm-cli"], { HCP_ALLOW_UNSIGNED: "1" });
    expect(allowed.exitCode).toBe(0);
    expect(allowed.stderr).toContain('WARNING: running unsigned plugin "wasm-cli"');
  });

  test("plugin.wasm swapped after a verified install: refused", async () => {
    await using env = await createTestEnv({ prefix: "hcp-trust-e2e-swap-" });
    await trusting(env, "signer-a");
    expect((await hcp(env, ["plugin", "install", TGZ])).exitCode).toBe(0);
    const wasm = join(env.pluginsDir, "wasm-cli/plugin.wasm");
    const bytes = await Bun.file(wasm).bytes();
    await writeFile(wasm, new Uint8Array([...bytes, 0]));
    const refused = await hcp(env, ["wasm-cli"]);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain('signing status is "mismatched provenance"');
  });

  test("kept archive edited after install: refused as mismatched provenance", async () => {
    await using env = await createTestEnv({ prefix: "hcp-trust-e2e-kept-" });
    await trusting(env, "signer-a");
    expect((await hcp(env, ["plugin", "install", TGZ])).exitCode).toBe(0);
    const kept = join(env.pluginsDir, "wasm-cli-1.0.0.tgz");
    const bytes = await Bun.file(kept).bytes();
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 1;
    await writeFile(kept, bytes);
    const refused = await hcp(env, ["wasm-cli"]);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain('signing status is "mismatched provenance"');
  });
});
