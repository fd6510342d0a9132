/**
 * `hcp plugin push TARBALL oci://REF`: publish a plugin tarball (and `TARBALL.prov` when it
 * exists) as a Helm 4 plugin artifact. Like `helm push` for charts, the reference names the
 * namespace: `oci://host/plugins` pushes to `host/plugins/<name>:<version>`; a reference
 * that already ends in `/<name>` or carries a tag is used as given.
 */
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { HcpError } from "../errors.ts";
import { readOptionalFile } from "../files/index.ts";
import type { Logger } from "../log.ts";
import {
  createRegistryClient,
  type FetchLike,
  formatReference,
  isValidTag,
  type PushedPlugin,
  parseReference,
  repositoryBaseName,
} from "../registry/index.ts";
import { MAX_PLUGIN_ARCHIVE_SIZE, readArchiveMetadata } from "./dependency-archive.ts";
import type { RegistryFlags } from "./dependency-update.ts";

/** Options of pushPluginArchive. */
export interface PluginPushOptions extends RegistryFlags {
  readonly tarball: string;
  readonly target: string;
  readonly registryConfig: string;
  readonly fetch?: FetchLike;
  readonly log?: Logger;
}

/** Result: the pushed reference and digests. */
export interface PluginPushResult extends PushedPlugin {
  readonly name: string;
  readonly version: string;
  readonly hasProv: boolean;
}

/** Computes the full reference a push goes to (see the module comment). */
export function pushReference(target: string, name: string, version: string): string {
  if (!target.startsWith("oci://")) {
    throw new HcpError("OCI_INVALID_REFERENCE", `push target "${target}" must start with oci://`);
  }
  const trimmed = target.replace(/\/+$/, "");
  const tag = version.replaceAll("+", "_");
  if (!isValidTag(tag)) {
    throw new HcpError(
      "OCI_INVALID_REFERENCE",
      `plugin version "${version}" is not a valid OCI tag`,
    );
  }
  if (!/^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/.test(name)) {
    // Helm finds the layer by the repository's last segment, which must be lower-case
    throw new HcpError(
      "OCI_INVALID_REFERENCE",
      `plugin name "${name}" cannot be an OCI repository name (lower-case a-z, 0-9, ., _, -)`,
      { hint: "rename the plugin; helm plugin install oci:// looks the layer up by that name" },
    );
  }
  if (!trimmed.includes("/", "oci://".length)) {
    // oci://host alone: the plugin goes to the registry's root namespace
    const { registry } = parseReference(`${trimmed}/${name}`);
    return formatReference({ registry, repository: name, tag });
  }
  const ref = parseReference(trimmed);
  if (ref.tag !== undefined || ref.digest !== undefined) return formatReference(ref);
  const repository =
    repositoryBaseName(ref) === name ? ref.repository : `${ref.repository}/${name}`;
  return formatReference({ registry: ref.registry, repository, tag });
}

/**
 * Pushes a plugin tarball (plus its .prov) to an OCI registry.
 * @throws HcpError PLUGIN_ARCHIVE_INVALID, OCI_INVALID_REFERENCE, OCI_PUSH_FAILED
 */
export async function pushPluginArchive(options: PluginPushOptions): Promise<PluginPushResult> {
  let tarball: Uint8Array;
  try {
    tarball = new Uint8Array(await readFile(options.tarball));
  } catch (err) {
    throw new HcpError(
      "PLUGIN_ARCHIVE_INVALID",
      `failed to read plugin archive "${options.tarball}"`,
      {
        cause: err,
      },
    );
  }
  if (tarball.length > MAX_PLUGIN_ARCHIVE_SIZE) {
    throw new HcpError(
      "PLUGIN_ARCHIVE_INVALID",
      `"${options.tarball}" is larger than ${MAX_PLUGIN_ARCHIVE_SIZE} bytes`,
    );
  }
  const metadata = await readArchiveMetadata(tarball, basename(options.tarball));
  if (metadata.version === "") {
    throw new HcpError(
      "PLUGIN_ARCHIVE_INVALID",
      `plugin "${metadata.name}" has no version to use as the tag`,
    );
  }
  const prov = await readOptionalFile(`${options.tarball}.prov`);
  const ref = pushReference(options.target, metadata.name, metadata.version);
  const { tarball: _, target: __, registryConfig, ...flags } = options;
  const client = createRegistryClient({ ...flags, registryConfig });
  const pushed = await client.pushPlugin(ref, tarball, prov, {
    title: `${metadata.name}-${metadata.version}.tgz`,
  });
  return { ...pushed, name: metadata.name, version: metadata.version, hasProv: prov !== undefined };
}
