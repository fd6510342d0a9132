/**
 * Builds the first-party Wasm plugins in plugins/ (AssemblyScript + @extism/as-pdk). Every
 * directory with a plugin.yaml and assembly/index.ts becomes:
 *   plugins/<name>/build/plugin.wasm                  the compiled module
 *   plugins/<name>/build/<name>/{plugin.yaml,plugin.wasm}  packaged layout (one top dir, as
 *                                                     `hcp plugin package` archives it)
 *   plugins/<name>/plugin.wasm                        so plugins/<name> is itself a plugin dir
 *                                                     (file:// chart references, dev installs)
 * Uses the asc API in-process: no install scripts needed (npm 11 runs none), works from a
 * clean clone after `bun install`.
 *
 *   bun run build:plugins [NAME...]
 */
import { copyFile, mkdir, readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import asc from "assemblyscript/asc";

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
  const size = Bun.file(wasm).size;
  console.error(`built ${name} (${size} bytes)`);
}

const wanted = process.argv.slice(2);
const names = wanted.length > 0 ? wanted : await pluginNames();
for (const name of names) await buildPlugin(name);
