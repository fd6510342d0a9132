/**
 * The trust policy for Wasm plugins, as a TrustGate the Extism runtime calls with the exact
 * bytes it is about to compile, BEFORE compiling them (Helm 4.1.4 never enforces anything;
 * this is hcp's addition):
 *   - `signed` by a key in the keyring, and the bytes equal the signed archive's plugin.wasm: runs;
 *   - `local dev` (symlinked plugin dir): runs with a warning;
 *   - `unsigned`: refused unless the user opted in (--allow-unsigned or HCP_ALLOW_UNSIGNED=1);
 *   - `invalid provenance`, `mismatched provenance`, a failing signature, or Wasm bytes that
 *     differ from the signed archive: always refused.
 * The verdict for the same (archive, .prov, keyring) is cached, so a warm check pays three
 * small file reads and hashes, never openpgp.js.
 */
import { lstatSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { HcpError } from "../errors.ts";
import type { Logger } from "../log.ts";
import {
  type KeyringFile,
  lookupVerification,
  MAX_PROV_SIZE,
  readKeyringFile,
  sha256Digest,
  VERIFICATION_CACHE_DIR,
  verifyCached,
} from "../provenance/index.ts";
import { keptArchivePaths } from "./kept-archive.ts";
import { PLUGIN_YAML } from "./load.ts";
import { parseMetadata } from "./metadata.ts";
import { type SigningStatus, statusFromBytes } from "./signing.ts";
import type { TrustGate, WasmSubject } from "./types.ts";

/**
 * The signed archive a Wasm module must come from: the bytes of the tarball and its .prov
 * (undefined when absent: the plugin is then `unsigned`), the file name the .prov must list,
 * and the name/version of Helm's status rule. Installed plugins: the tarball and .prov kept
 * beside the plugin dir. Chart-defined plugins: the content cache's tarball and .prov.
 */
export interface SignedArchive {
  readonly name: string;
  readonly version: string;
  /** The `files:` key the .prov must sign (installed plugins: `<name>-<version>.tgz`). */
  readonly filename: string;
  readonly archive?: Uint8Array;
  readonly prov?: Uint8Array;
}

/** Options of createTrustGate. */
export interface TrustPolicyOptions {
  /** Keyring path of trusted public keys (Settings.defaultKeyring unless --keyring). */
  readonly keyring: string;
  /** The user opted in to running unsigned plugins. */
  readonly allowUnsigned: boolean;
  /** hcp's cache home (the verification cache lives below it); no cache when undefined. */
  readonly cacheHome?: string;
  /** Warnings (local dev, allowed unsigned) go here. */
  readonly log: Logger;
  /**
   * Finds the signed archive of the plugin about to run; undefined = none (`unsigned`).
   * Default: the kept `<dir>/../<name>-<version>.tgz(.prov)` of an installed plugin. Pass one
   * for chart-defined plugins (the content cache's tarball and .prov for the locked digest).
   */
  readonly locate?: (who: WasmSubject) => Promise<SignedArchive | undefined>;
  readonly now?: () => Date;
}

/** Thrown by the gate: names the plugin, the status (and why, when it is "signed") and the fix. */
function refuse(
  who: WasmSubject,
  status: string,
  hint: string,
  cause?: unknown,
  detail?: string,
): HcpError {
  const why = detail === undefined ? "" : `, ${detail}`;
  return new HcpError(
    "PLUGIN_UNTRUSTED",
    `refusing to run plugin "${who.name}": signing status is "${status}"${why}`,
    { hint, ...(cause === undefined ? {} : { cause }) },
  );
}

/** The fix for a signature that does not verify, by the reason's code. */
function signatureFix(err: unknown, keyring: string): string {
  const code = err instanceof HcpError ? err.code : "";
  if (code === "PROV_UNKNOWN_KEY") {
    return `import the signer's public key into ${keyring} if you trust it`;
  }
  if (code === "PROV_KEY_EXPIRED" || code === "PROV_KEY_REVOKED" || code === "PROV_WEAK_HASH") {
    return "ask the publisher for a plugin signed with a current key, then reinstall it";
  }
  return "reinstall the plugin from an archive that verifies (hcp plugin verify)";
}

/**
 * The version line of a plain plugin.yaml, read without the YAML parser (a warm check must
 * stay under 2 ms; the full parser costs ~8 ms cold). Safe as a shortcut: the version only
 * picks which kept archive to check, and that archive must still be verified and contain the
 * exact Wasm bytes. Anything unusual falls back to the full parser.
 */
function plainVersion(text: string): string | undefined {
  const lines = text.split("\n").filter((l) => /^version\s*:/.test(l));
  if (lines.length !== 1) return undefined;
  const m =
    /^version\s*:\s*(?:"([0-9A-Za-z.+-]+)"|'([0-9A-Za-z.+-]+)'|([0-9A-Za-z.+-]+))\s*(?:#.*)?$/.exec(
      lines[0] ?? "",
    );
  return m ? (m[1] ?? m[2] ?? m[3]) : undefined;
}

/** The kept archive of an installed plugin (the default locator). */
export async function locateKeptArchive(who: WasmSubject): Promise<SignedArchive | undefined> {
  if (who.dir === undefined) return undefined;
  const file = join(who.dir, PLUGIN_YAML);
  const text = readFileSync(file, "utf8");
  const version = plainVersion(text) ?? parseMetadata(text, { file }).version;
  const paths = keptArchivePaths(dirname(who.dir), { name: who.name, version });
  const archive = readOptional(paths.tarball);
  const prov = archive === undefined ? undefined : readOptional(paths.prov);
  return {
    name: who.name,
    version,
    filename: basename(paths.tarball),
    ...(archive ? { archive } : {}),
    ...(prov ? { prov } : {}),
  };
}

// Sync reads on purpose: these are small local files on the warm path, where each async
// read costs a thread-pool round trip (~0.2 ms) and the whole check should stay under 2 ms.
function readOptional(path: string): Uint8Array | undefined {
  try {
    return new Uint8Array(readFileSync(path));
  } catch (err) {
    if ((err as { code?: string }).code === "ENOENT") return undefined;
    throw err;
  }
}

const WASM_MISMATCH_FIX =
  "the plugin.wasm about to run is not the one in the signed archive; reinstall the plugin";

const UNSIGNED_FIX =
  "install it from a signed archive (hcp plugin install --verify), or run unsigned plugins at your own risk with --allow-unsigned or HCP_ALLOW_UNSIGNED=1";

/**
 * Builds the TrustGate for a run.
 * @throws (from the gate) HcpError PLUGIN_UNTRUSTED naming plugin, status and fix
 */
export function createTrustGate(options: TrustPolicyOptions): TrustGate {
  const cacheDir =
    options.cacheHome === undefined ? undefined : join(options.cacheHome, VERIFICATION_CACHE_DIR);
  let keyring: Promise<KeyringFile> | undefined;
  const locate = options.locate ?? locateKeptArchive;
  return async (wasm, who) => {
    const digest = sha256Digest(wasm);
    if (digest !== who.digest) {
      throw refuse(
        who,
        "mismatched provenance",
        "the Wasm bytes changed between hashing and running; retry",
        undefined,
      );
    }
    if (who.dir !== undefined) {
      const link = lstatSync(who.dir, { throwIfNoEntry: false })?.isSymbolicLink() ?? false;
      if (link) {
        options.log.warn(
          `running plugin "${who.name}" from a local development directory (not verified)`,
          {
            dir: who.dir,
          },
        );
        return;
      }
    }
    const where = await locate(who).catch((err: unknown) => {
      throw refuse(who, "unknown", "the plugin's plugin.yaml could not be read", err);
    });
    const archive = where?.archive;
    const prov = archive === undefined ? undefined : where?.prov;
    if (where === undefined || archive === undefined || prov === undefined) {
      if (options.allowUnsigned) {
        options.log.warn(`running unsigned plugin "${who.name}" (allowed by --allow-unsigned)`);
        return;
      }
      throw refuse(who, "unsigned", UNSIGNED_FIX);
    }
    keyring ??= readKeyringFile(options.keyring);
    const filename = where.filename;
    const keyringFile = await keyring.catch((err: unknown) => {
      throw refuse(
        who,
        "signed",
        `check that ${options.keyring} is a readable keyring`,
        err,
        "but the keyring cannot be read",
      );
    });
    // Warm path: a stored pass for these exact bytes (no .prov parsing, no openpgp).
    const hit =
      cacheDir === undefined
        ? undefined
        : await lookupVerification({
            archive,
            prov,
            filename,
            keyring: keyringFile,
            cacheDir,
            ...(options.now ? { now: options.now() } : {}),
          });
    if (hit !== undefined) {
      if (hit.wasmDigest !== digest) throw refuse(who, "mismatched provenance", WASM_MISMATCH_FIX);
      return;
    }
    const status: SigningStatus =
      prov.length > MAX_PROV_SIZE
        ? "invalid provenance"
        : statusFromBytes(where.name, where.version, archive, prov);
    if (status !== "signed") {
      throw refuse(
        who,
        status,
        "the kept archive and its .prov do not match; reinstall the plugin from a verified archive",
      );
    }
    let verified: Awaited<ReturnType<typeof verifyCached>>;
    try {
      verified = await verifyCached({
        archive,
        prov,
        filename,
        keyring: keyringFile,
        ...(cacheDir ? { cacheDir } : {}),
        ...(options.now ? { now: options.now() } : {}),
      });
    } catch (err) {
      throw refuse(
        who,
        "signed",
        signatureFix(err, options.keyring),
        err,
        "but the signature does not verify with the keyring",
      );
    }
    if (verified.wasmDigest !== digest)
      throw refuse(who, "mismatched provenance", WASM_MISMATCH_FIX);
  };
}
