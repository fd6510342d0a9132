/**
 * `hcp plugin push TARBALL oci://REF`: publishes a plugin tarball (plus TARBALL.prov) as a
 * Helm 4 plugin artifact. Registered by the plugin command group.
 */
import type { CAC } from "cac";
import { type CliOptions, createContext } from "../context.ts";
import type { Io } from "../io.ts";
import { addRegistryFlags, registryFlagsFrom } from "./registry-flags.ts";

/** Registers `hcp plugin push` on the plugin group's cac instance. */
export function registerPushCommand(cli: CAC, io: Io): void {
  addRegistryFlags(
    cli.command(
      "push <tarball> <remote>",
      "push a plugin tarball (and its .prov) to an OCI registry: oci://host/namespace",
    ),
  ).action(async (tarball: string, remote: string, options: CliOptions) => {
    const { settings, log } = createContext(io, options);
    const { resolve } = await import("node:path");
    const { pushPluginArchive } = await import("../../action/plugin-push.ts");
    const result = await pushPluginArchive({
      tarball: resolve(io.cwd, tarball),
      target: remote,
      registryConfig: settings.registryConfig,
      log,
      ...registryFlagsFrom(options),
    });
    io.stdout(`Pushed: ${result.ref.slice("oci://".length)}\n`);
    if (result.hasProv) io.stdout(`Provenance: ${result.name}-${result.version}.tgz.prov\n`);
    io.stdout(`Digest: ${result.manifestDigest}\n`);
    return 0;
  });
}
