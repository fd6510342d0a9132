/**
 * Plugin archives as `dependency update` and `plugin push` meet them: read the name and
 * version from the plugin.yaml inside a tarball (root or first-level directory, both layouts
 * of spec §4) through files/' safe archive reader, and package a plugin directory for a
 * `file://` repository exactly as `hcp plugin package` does (files/ createPluginTarball).
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { HcpError } from "../errors.ts";
import { createPluginTarball, readArchive } from "../files/index.ts";
import { isArchivePluginYaml, type PluginMetadata, parseMetadata } from "../plugin/index.ts";

/** Largest archive accepted (compressed bytes). */
export const MAX_PLUGIN_ARCHIVE_SIZE = 100 * 1024 * 1024;

/**
 * Finds and parses the plugin.yaml of a gzip tarball (at the root or one directory down).
 * @throws HcpError PLUGIN_ARCHIVE_INVALID, FILES_*, PLUGIN_INVALID_METADATA
 */
export async function readArchiveMetadata(
  archive: Uint8Array,
  file = "archive",
): Promise<PluginMetadata> {
  if (archive.length > MAX_PLUGIN_ARCHIVE_SIZE) {
    throw new HcpError(
      "PLUGIN_ARCHIVE_INVALID",
      `${file} is larger than ${MAX_PLUGIN_ARCHIVE_SIZE} bytes`,
    );
  }
  let entries: Awaited<ReturnType<typeof readArchive>>;
  try {
    entries = await readArchive(archive);
  } catch (err) {
    throw new HcpError("PLUGIN_ARCHIVE_INVALID", `failed to read plugin archive ${file}`, {
      cause: err,
    });
  }
  const yaml = entries.find((e) => e.type === "file" && isArchivePluginYaml(e.path));
  if (yaml === undefined) {
    throw new HcpError("PLUGIN_ARCHIVE_INVALID", `no plugin.yaml found in archive ${file}`);
  }
  return parseMetadata(new TextDecoder().decode(yaml.data), { file: `${file}:${yaml.path}` });
}

/**
 * Packages a plugin directory as a `<name>/…` tarball, as `hcp plugin package` does.
 * @throws HcpError PLUGIN_ARCHIVE_INVALID, PLUGIN_INVALID_METADATA, FILES_UNSUPPORTED_ENTRY
 */
export async function packagePluginDirectory(
  dir: string,
): Promise<{ archive: Uint8Array; metadata: PluginMetadata }> {
  const yamlPath = join(dir, "plugin.yaml");
  let text: string;
  try {
    text = await readFile(yamlPath, "utf8");
  } catch (err) {
    throw new HcpError(
      "PLUGIN_ARCHIVE_INVALID",
      `plugin metadata (plugin.yaml) missing in ${dir}`,
      { cause: err },
    );
  }
  const metadata = parseMetadata(text, { file: yamlPath });
  return { archive: await createPluginTarball(dir, metadata.name), metadata };
}
