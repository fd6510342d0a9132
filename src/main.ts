/**
 * Compile entry: real IO + environment → cli.run() → process.exit. The only exit in hcp.
 * `hcp __sandbox` is the internal mode the Wasm runtime re-executes for its sandbox child.
 */
export {};

/**
 * JIT tier-up scale for short runs (`version`, `plugin …`, `hcp <plugin>`, the sandbox child
 * until its first call): their code runs about once, so compiling it is wasted CPU (~5 ms of
 * ~30 ms for a Wasm plugin call, bench/plugin.sh). Long renders keep the normal policy.
 */
const SHORT_RUN_JIT_POLICY = 10;

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
  // A chart with render/v1 plugins: boot the Wasm sandbox child while the CLI loads.
  const early = await import("./action/render-sandbox.ts");
  if (await early.startRenderSandboxEarly(argv, process.execPath)) {
    // A small chart whose templates its plugins render: a short run (~3 ms less CPU).
    if (early.isSmallRenderPluginChart(argv)) Bun.unsafe.setJITPolicy(SHORT_RUN_JIT_POLICY);
  }
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
});
// Let pending stdout writes drain before exiting (large manifests through a pipe). The only
// other writer of process.stdout (CLI plugin output relay) waits for its writes to flush.
await stdoutDone;
process.exit(code);
