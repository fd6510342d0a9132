/**
 * Attack class: running a plugin's Wasm without a trustworthy signature. The trust gate
 * (src/plugin/trust.ts) decides on the exact bytes before the Extism runtime starts its
 * sandbox; a refused plugin's module is never handed to the sandbox (so never compiled).
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HcpError } from "../../src/errors.ts";
import type { Logger } from "../../src/log.ts";
import type { ExtismRuntimeConfig, TrustGate } from "../../src/plugin/index.ts";
import { createTrustGate } from "../../src/plugin/trust.ts";
import {
  loadKeyring,
  loadSigner,
  sha256Digest,
  signPluginArchive,
} from "../../src/provenance/index.ts";
import { createExtismRuntime } from "../../src/runtimes/extism.ts";

const KEYS = join(import.meta.dir, "../../keys");
const TRUSTED = join(KEYS, "hcp-test.pub.gpg");
const OTHER = join(import.meta.dir, "../fixtures/provenance/helm-4.1.4/keys/signer-b.pub.gpg");
// Any bytes will do: a refused module must never reach a Wasm engine at all.
const WASM = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
const PLUGIN_YAML = `apiVersion: v1
name: NAME
version: 1.0.0
type: cli/v1
runtime: extism/v1
`;

function captureLog(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return {
    debugEnabled: false,
    debug() {},
    info() {},
    warn(message: string) {
      warnings.push(message);
    },
    warnings,
  };
}

let root = "";
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "hcp-trust-"));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

interface Installed {
  readonly dir: string;
  readonly wasm: Uint8Array;
}

/** Installs plugin NAME under <root>/<case>/plugins with its kept tarball (+ signed .prov). */
async function install(
  name: string,
  options: { sign?: boolean; wasmOnDisk?: Uint8Array; tamperTarball?: boolean } = {},
): Promise<Installed> {
  const plugins = join(root, name, "plugins");
  const dir = join(plugins, name);
  await mkdir(dir, { recursive: true });
  const yaml = PLUGIN_YAML.replace("NAME", name);
  await writeFile(join(dir, "plugin.yaml"), yaml);
  await writeFile(join(dir, "plugin.wasm"), WASM);
  const tarball = join(plugins, `${name}-1.0.0.tgz`);
  const tar = Bun.spawnSync(["tar", "-C", plugins, "-czf", tarball, name]);
  expect(tar.exitCode).toBe(0);
  if (options.wasmOnDisk) await writeFile(join(dir, "plugin.wasm"), options.wasmOnDisk);
  if (options.sign) {
    const signer = await loadSigner({
      keyring: await loadKeyring(join(KEYS, "hcp-test.sec.gpg")),
      key: "hcp-test-key@example.invalid",
    });
    const archive = await Bun.file(tarball).bytes();
    const prov = await signPluginArchive({
      archive,
      filename: `${name}-1.0.0.tgz`,
      metadata: "",
      signer,
    });
    await writeFile(`${tarball}.prov`, prov);
    if (options.tamperTarball) {
      archive[archive.length - 1] = (archive[archive.length - 1] ?? 0) ^ 0xff;
      await writeFile(tarball, archive);
    }
  }
  return { dir, wasm: options.wasmOnDisk ?? WASM };
}

function gate(
  options: { keyring?: string; allowUnsigned?: boolean; log?: Logger } = {},
): TrustGate {
  return createTrustGate({
    keyring: options.keyring ?? TRUSTED,
    allowUnsigned: options.allowUnsigned ?? false,
    cacheHome: join(root, "cache"),
    log: options.log ?? captureLog(),
  });
}

async function refusal(promise: Promise<void>): Promise<HcpError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(HcpError);
    return err as HcpError;
  }
  throw new Error("the gate let the plugin run");
}

describe("trust gate policy", () => {
  test("signed by a key in the keyring, same Wasm bytes: runs", async () => {
    const p = await install("good", { sign: true });
    await gate()(p.wasm, { name: "good", dir: p.dir, digest: sha256Digest(p.wasm) });
  });

  test("unsigned: refused, naming plugin, status and fix", async () => {
    const p = await install("nosig");
    const err = await refusal(
      gate()(p.wasm, { name: "nosig", dir: p.dir, digest: sha256Digest(p.wasm) }),
    );
    expect(err.code).toBe("PLUGIN_UNTRUSTED");
    expect(err.message).toBe('refusing to run plugin "nosig": signing status is "unsigned"');
    expect(err.hint).toContain("--allow-unsigned");
    expect(err.hint).toContain("HCP_ALLOW_UNSIGNED=1");
  });

  test("unsigned with --allow-unsigned: runs with a warning", async () => {
    const p = await install("optin");
    const log = captureLog();
    await gate({ allowUnsigned: true, log })(p.wasm, {
      name: "optin",
      dir: p.dir,
      digest: sha256Digest(p.wasm),
    });
    expect(log.warnings.join("\n")).toContain('unsigned plugin "optin"');
  });

  test("local dev (symlinked dir): runs with a warning", async () => {
    const p = await install("devsrc");
    const link = join(root, "devsrc", "plugins", "dev");
    await symlink(p.dir, link);
    const log = captureLog();
    await gate({ log })(p.wasm, { name: "dev", dir: link, digest: sha256Digest(p.wasm) });
    expect(log.warnings.join("\n")).toContain("local development directory");
  });

  test("mismatched provenance: refused even with --allow-unsigned", async () => {
    const p = await install("tampered", { sign: true, tamperTarball: true });
    const err = await refusal(
      gate({ allowUnsigned: true })(p.wasm, {
        name: "tampered",
        dir: p.dir,
        digest: sha256Digest(p.wasm),
      }),
    );
    expect(err.message).toContain('signing status is "mismatched provenance"');
  });

  test("invalid provenance: refused even with --allow-unsigned", async () => {
    const p = await install("garbage", { sign: true });
    await writeFile(
      join(root, "garbage", "plugins", "garbage-1.0.0.tgz.prov"),
      "not a signature\n",
    );
    const err = await refusal(
      gate({ allowUnsigned: true })(p.wasm, {
        name: "garbage",
        dir: p.dir,
        digest: sha256Digest(p.wasm),
      }),
    );
    expect(err.message).toContain('signing status is "invalid provenance"');
  });

  test("signed by a key NOT in the keyring: refused with the verification reason", async () => {
    const p = await install("stranger", { sign: true });
    const err = await refusal(
      gate({ keyring: OTHER })(p.wasm, {
        name: "stranger",
        dir: p.dir,
        digest: sha256Digest(p.wasm),
      }),
    );
    expect(err.message).toBe(
      'refusing to run plugin "stranger": signing status is "signed", but the signature does not verify with the keyring',
    );
    expect(err.hint).toContain("import the signer's public key");
    expect((err.cause as HcpError).code).toBe("PROV_UNKNOWN_KEY");
  });

  test("signed archive, but the plugin.wasm on disk was swapped after install: refused", async () => {
    const evil = new Uint8Array([...WASM, 0x00]);
    const p = await install("swapped", { sign: true, wasmOnDisk: evil });
    const err = await refusal(
      gate()(evil, { name: "swapped", dir: p.dir, digest: sha256Digest(evil) }),
    );
    expect(err.message).toContain('signing status is "mismatched provenance"');
  });

  test("a digest that does not match the bytes: refused", async () => {
    const p = await install("liar", { sign: true });
    const err = await refusal(
      gate()(p.wasm, { name: "liar", dir: p.dir, digest: sha256Digest("something else") }),
    );
    expect(err.code).toBe("PLUGIN_UNTRUSTED");
  });
});

describe("chart-defined plugins (bytes from the content cache, no plugin dir)", () => {
  test("a custom locator hands over the cached tarball and .prov: signed runs, others refused", async () => {
    const p = await install("cached", { sign: true });
    const plugins = join(root, "cached", "plugins");
    const archive = await Bun.file(join(plugins, "cached-1.0.0.tgz")).bytes();
    const prov = await Bun.file(join(plugins, "cached-1.0.0.tgz.prov")).bytes();
    const base = { name: "cached", version: "1.0.0", filename: "cached-1.0.0.tgz" };
    const gateWith = (found: Parameters<typeof createTrustGate>[0]["locate"]) =>
      createTrustGate({
        keyring: TRUSTED,
        allowUnsigned: false,
        log: captureLog(),
        ...(found ? { locate: found } : {}),
      });
    const who = { name: "cached", digest: sha256Digest(p.wasm) };
    await gateWith(async () => ({ ...base, archive, prov }))(p.wasm, who);
    const unsigned = await refusal(gateWith(async () => ({ ...base, archive }))(p.wasm, who));
    expect(unsigned.message).toContain('"unsigned"');
    const renamed = await refusal(
      gateWith(async () => ({ ...base, filename: "other.tgz", archive, prov }))(p.wasm, who),
    );
    expect((renamed.cause as HcpError).code).toBe("PROV_FILE_NOT_LISTED");
    // Without a dir and without a locator there is nothing signed to check.
    const none = await refusal(gate()(p.wasm, who));
    expect(none.message).toContain('"unsigned"');
  });
});

describe("the Extism runtime asks the gate before any Wasm reaches the sandbox", () => {
  const config: ExtismRuntimeConfig = {
    runtime: "extism/v1",
    memory: { maxPages: 0, maxHttpResponseBytes: 0, maxVarBytes: 0 },
    config: {},
    allowedHosts: [],
    fileSystem: { createTempDir: false },
    timeout: 2000,
    hostFunctions: [],
    entryFuncName: "",
  };

  async function invokeWithSpy(name: string, p: Installed, inner: TrustGate) {
    const marker = join(root, `${name}.sandbox-started`);
    const seen: Uint8Array[] = [];
    const spy: TrustGate = async (wasm, who) => {
      seen.push(wasm.slice());
      await inner(wasm, who);
    };
    // Stand-in sandbox: records that it was started, then exits (it would compile the module).
    await using runtime = createExtismRuntime({
      sandboxCommand: ["sh", "-c", `echo started >> '${marker}'; exit 3`],
      addressSpaceBytes: 0,
    });
    const error = await runtime
      .invokeWasm({
        wasm: p.wasm,
        name,
        dir: p.dir,
        trustGate: spy,
        runtimeConfig: config,
        input: new TextEncoder().encode("{}"),
      })
      .then(
        () => undefined,
        (err: unknown) => err,
      );
    const started = (await readdir(root)).includes(`${name}.sandbox-started`);
    return { error, seen, started };
  }

  test("a refused (unsigned) plugin is never handed to the sandbox", async () => {
    const p = await install("refused-wasm");
    const { error, seen, started } = await invokeWithSpy("refused-wasm", p, gate());
    expect(seen).toHaveLength(1);
    expect(seen[0]).toEqual(p.wasm);
    expect((error as HcpError).code).toBe("PLUGIN_UNTRUSTED");
    expect(started).toBe(false);
  });

  test("control: an accepted (signed) plugin does reach the sandbox", async () => {
    const p = await install("accepted-wasm", { sign: true });
    const { seen, started, error } = await invokeWithSpy("accepted-wasm", p, gate());
    expect(seen).toHaveLength(1);
    expect((error as HcpError | undefined)?.code).not.toBe("PLUGIN_UNTRUSTED");
    expect(started).toBe(true);
  });
});
