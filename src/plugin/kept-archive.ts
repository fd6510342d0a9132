/**
 * Where hcp keeps an installed plugin's archive and .prov: beside its directory, as Helm 4
 * does (`<plugins dir>/<name>-<version>.tgz[.prov]`), so the trust check and `plugin list`
 * can verify exactly the bytes that were installed.
 */
import { join } from "node:path";

/** The kept tarball and .prov paths of plugin `name`@`version` under `pluginsDir`. */
export function keptArchivePaths(
  pluginsDir: string,
  metadata: { readonly name: string; readonly version: string },
): { tarball: string; prov: string } {
  const tarball = join(pluginsDir, `${metadata.name}-${metadata.version}.tgz`);
  return { tarball, prov: `${tarball}.prov` };
}
