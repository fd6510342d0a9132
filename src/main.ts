/**
 * Compile entry: real IO + environment → cli.run() → process.exit. The only exit in hcp.
 * `hcp __sandbox` is the internal mode the Wasm runtime re-executes for its sandbox child.
 */
import { SHORT_RUN_JIT_POLICY, TEMPLATE_START_JIT_POLICY } from "./jit.ts";

// The Wasm sandbox child must not load the CLI: branch before importing it.
if (process.argv[2] === "__sandbox") {
  Bun.unsafe.setJITPolicy(SHORT_RUN_JIT_POLICY);
  const { runSandbox } = await import("./runtimes/sandbox/main.ts");
  process.exit(await runSandbox());
}

const { run, GROUPS, findCommandIndex } = await import("./cli/run.ts");
let stdoutDone: Promise<void> = Promise.resolve();
const argv = process.argv.slice(2);
const word = argv[findCommandIndex(argv)] ?? "";
if (word === "version" || word === "plugin" || !Object.hasOwn(GROUPS, word)) {
  Bun.unsafe.setJITPolicy(SHORT_RUN_JIT_POLICY);
}
if (word === "template") {
  // Until the chart is loaded; then the render's policy follows its template count.
  Bun.unsafe.setJITPolicy(TEMPLATE_START_JIT_POLICY);
  // A chart with render/v1 plugins: boot the Wasm sandbox child while the CLI loads.
  const early = await import("./action/render-sandbox.ts");
  await early.startRenderSandboxEarly(argv, process.execPath);
}
const code = await run(argv, {
  stdout: (chunk) => {
    // Bun.write to stdout writes everything even into a slow pipe; chain to keep order.
    stdoutDone = stdoutDone.then(() => Bun.write(Bun.stdout, chunk)).then(() => {});
  },
  stderr: (chunk) => process.stderr.write(chunk),
  readStdin: async () => new Uint8Array(await Bun.stdin.arrayBuffer()),
  env: process.env,
  cwd: process.cwd(),
  argv0: process.argv0 === "bun" ? (process.argv[1] ?? "hcp") : process.argv0,
  execPath: process.execPath,
  // Getters: creating process.stdout/stderr loads node:stream (~8 ms CPU per run), so only
  // the commands that ask (progress output) pay for it.
  get stdoutIsTTY() {
    return Boolean(process.stdout.isTTY);
  },
  get stderrIsTTY() {
    return Boolean(process.stderr.isTTY);
  },
  setJitPolicy: (scale) => Bun.unsafe.setJITPolicy(scale),
});
// Let pending stdout writes drain before exiting (large manifests through a pipe). The only
// other writer of process.stdout (CLI plugin output relay) waits for its writes to flush.
await stdoutDone;
process.exit(code);
