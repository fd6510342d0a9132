/** Builds dist/hcp: one compiled Bun binary, bytecode + minify, .env/bunfig autoload off. */
import { $ } from "bun";

const pkg = (await Bun.file(new URL("../package.json", import.meta.url)).json()) as {
  version: string;
};
const commit = (await $`git rev-parse --short HEAD`.nothrow().quiet().text()).trim() || "unknown";
await $`bun build src/main.ts --compile --bytecode --format=esm --minify --no-compile-autoload-dotenv --no-compile-autoload-bunfig --sourcemap=external --define HCP_VERSION=${JSON.stringify(pkg.version)} --define HCP_COMMIT=${JSON.stringify(commit)} --outfile dist/hcp`;
