/**
 * Builds the first-party Wasm plugins in plugins/ (AssemblyScript + @extism/as-pdk). Every
 * directory with a plugin.yaml and assembly/index.ts becomes:
 *   plugins/<name>/build/plugin.wasm                  the compiled module
 *   plugins/<name>/build/<name>/{plugin.yaml,plugin.wasm}  packaged layout (one top dir, as
 *                                                     `hcp plugin package` archives it)
 *   plugins/<name>/plugin.wasm                        so plugins/<name> is itself a plugin dir
 *                                                     (file:// chart references, dev installs)
 *   plugins/<name>/build/<name>-<version>.tgz(.prov)  the packaged archive, signed with the
 *                                                     TEST key in keys/ (DO NOT TRUST); what the
 *                                                     charts' file:// repositories point at
 * Uses the asc API in-process: no install scripts needed (npm 11 runs none), works from a
 * clean clone after `bun install`.
 *
 *   bun run build:plugins [NAME...]
 */
import { copyFile, mkdir, readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import asc from "assemblyscript/asc";
import { loadPluginSigner } from "../src/action/plugin-sign.ts";
import { createPluginTarball } from "../src/files/index.ts";
import { parseMetadata } from "../src/plugin/index.ts";
import { type Signer, signPluginArchive } from "../src/provenance/index.ts";

const PLUGINS_DIR = import.meta.dir;

async function pluginNames(): Promise<string[]> {
  const names: string[] = [];
  for (const entry of await readdir(PLUGINS_DIR, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const dir = join(PLUGINS_DIR, entry.name);
    const hasYaml = await Bun.file(join(dir, "plugin.yaml")).exists();
    const hasSource = await Bun.file(join(dir, "assembly", "index.ts")).exists();
    if (hasYaml && hasSource) names.push(entry.name);
  }
  return names.sort();
}

let testSigner: Promise<Signer> | undefined;

/** Packages build/<name>/ as build/<name>-<version>.tgz and signs it with the test key. */
async function packageAndSign(name: string, build: string): Promise<void> {
  testSigner ??= loadPluginSigner({
    key: "hcp-test-key@example.invalid",
    keyring: join(PLUGINS_DIR, "..", "keys", "hcp-test.sec.gpg"),
    readStdin: async () => new Uint8Array(),
    cwd: PLUGINS_DIR,
  });
  const dir = join(build, name);
  const metadata = parseMetadata(await Bun.file(join(dir, "plugin.yaml")).text());
  const filename = `${metadata.name}-${metadata.version}.tgz`;
  const archive = await createPluginTarball(dir, metadata.name);
  const prov = await signPluginArchive({ archive, filename, metadata, signer: await testSigner });
  await Bun.write(join(build, filename), archive);
  await Bun.write(join(build, `${filename}.prov`), prov);
}

async function buildPlugin(name: string): Promise<void> {
  const dir = join(PLUGINS_DIR, name);
  const build = join(dir, "build");
  await rm(build, { recursive: true, force: true });
  await mkdir(join(build, name), { recursive: true });
  const wasm = join(build, "plugin.wasm");
  const { error, stderr } = await asc.main(
    [
      `${name}/assembly/index.ts`,
      "--baseDir",
      PLUGINS_DIR,
      "--outFile",
      `${name}/build/plugin.wasm`,
      "--optimize",
      // One-shot calls on a fresh instance: no collector needed, smallest and fastest.
      "--runtime",
      "stub",
      "--use",
      "abort=lib/assembly/io/pluginAbort",
    ],
    {},
  );
  if (error) {
    throw new Error(`failed to build plugin "${name}": ${error.message}\n${stderr.toString()}`);
  }
  await copyFile(join(dir, "plugin.yaml"), join(build, name, "plugin.yaml"));
  await copyFile(wasm, join(build, name, "plugin.wasm"));
  await copyFile(wasm, join(dir, "plugin.wasm"));
  await packageAndSign(name, build);
  const size = Bun.file(wasm).size;
  console.error(`built ${name} (${size} bytes)`);
}

const wanted = process.argv.slice(2);
const names = wanted.length > 0 ? wanted : await pluginNames();
for (const name of names) await buildPlugin(name);
