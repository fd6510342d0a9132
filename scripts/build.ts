/**
 * Builds dist/hcp: one compiled Bun binary, bytecode + minify, .env/bunfig autoload off.
 * --splitting keeps each lazily imported command group (and the Wasm sandbox child) in its own
 * chunk inside the binary, so a process loads only the code it runs: ~3 ms less startup for
 * `hcp version` and the sandbox child than one whole-program module (bench/plugin.sh).
 */
import { existsSync, readdirSync, rmSync } from "node:fs";
import { $ } from "bun";

const pkg = (await Bun.file(new URL("../package.json", import.meta.url)).json()) as {
  version: string;
};
const commit = (await $`git rev-parse --short HEAD`.nothrow().quiet().text()).trim() || "unknown";
// Chunk names carry content hashes: drop the previous build's source maps so dist/ does not
// collect one set per build.
const stale = existsSync("dist") ? readdirSync("dist") : [];
for (const name of stale) if (name.endsWith(".js.map")) rmSync(`dist/${name}`);
await $`bun build src/main.ts --compile --splitting --bytecode --format=esm --minify --no-compile-autoload-dotenv --no-compile-autoload-bunfig --sourcemap=external --define HCP_VERSION=${JSON.stringify(pkg.version)} --define HCP_COMMIT=${JSON.stringify(commit)} --outfile dist/hcp`;
