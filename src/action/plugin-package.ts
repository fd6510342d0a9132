/**
 * `hcp plugin package DIR`: checks the directory loads as a plugin, then writes
 * `<dest>/<name>-<version>.tgz` in Helm's CreatePluginTarball layout. Signing is injected:
 * the signer is prepared before anything is written (as Helm unlocks the key first), and a
 * signing failure removes the tarball.
 */
import { stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { HcpError } from "../errors.ts";
import { createPluginTarball, removePath, writeFileAtomic } from "../files/index.ts";
import { loadPluginDir, type PluginMetadata } from "../plugin/index.ts";
import type { Signer } from "../provenance/index.ts";

/** Signs a packaged archive; returns the .prov text. */
export type PackageSigner = (
  archive: Uint8Array,
  filename: string,
  metadata: PluginMetadata,
) => Promise<string>;

/** A PackageSigner that signs with an unlocked key (openpgp loads only here). */
export function signWith(signer: Signer): PackageSigner {
  return async (archive, filename, metadata) => {
    const { signPluginArchive } = await import("../provenance/index.ts");
    return signPluginArchive({ archive, filename, metadata, signer });
  };
}

/** Options of packagePlugin. */
export interface PluginPackageOptions {
  /** The plugin directory as given on the command line. */
  readonly path: string;
  /** --destination (default "."). */
  readonly destination: string;
  readonly cwd: string;
  /**
   * Prepares signing once the directory has loaded and before anything is written (Helm
   * loads and unlocks the key at that point); undefined = do not sign.
   */
  readonly prepareSigner?: () => Promise<PackageSigner | undefined>;
}

/** What packaging wrote (paths as the user would write them: destination + file name). */
export interface PluginPackageResult {
  readonly metadata: PluginMetadata;
  readonly tarballPath: string;
  readonly provPath?: string;
}

/**
 * Packages a plugin directory.
 * @throws HcpError PLUGIN_PACKAGE_SOURCE, PLUGIN_INVALID_DIRECTORY, FILES_UNSUPPORTED_ENTRY,
 *   and the signer's errors
 */
export async function packagePlugin(options: PluginPackageOptions): Promise<PluginPackageResult> {
  const dir = resolve(options.cwd, options.path);
  const st = await stat(dir).catch((err: unknown) => {
    throw new HcpError("PLUGIN_PACKAGE_SOURCE", `stat ${options.path}: no such file or directory`, {
      cause: err,
    });
  });
  if (!st.isDirectory()) {
    throw new HcpError(
      "PLUGIN_PACKAGE_SOURCE",
      "plugin package only supports directories, not tarballs",
    );
  }
  const record = await loadPluginDir(dir, { label: options.path }).catch((err: unknown) => {
    throw new HcpError("PLUGIN_INVALID_DIRECTORY", "invalid plugin directory", { cause: err });
  });
  const { metadata } = record;
  const sign = options.prepareSigner ? await options.prepareSigner() : undefined;
  const filename = `${metadata.name}-${metadata.version}.tgz`;
  const tarball = await createPluginTarball(dir, metadata.name);
  const tarballPath = join(options.destination, filename);
  const absolute = resolve(options.cwd, tarballPath);
  await writeFileAtomic(absolute, tarball);
  if (!sign) return { metadata, tarballPath };
  try {
    const prov = await sign(tarball, filename, metadata);
    await writeFileAtomic(`${absolute}.prov`, prov);
  } catch (err) {
    await removePath(absolute);
    throw err;
  }
  return { metadata, tarballPath, provPath: `${tarballPath}.prov` };
}
