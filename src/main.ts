/**
 * Compile entry: real IO + environment → cli.run() → process.exit. The only exit in hcp.
 * `hcp __sandbox` is the internal mode the Wasm runtime re-executes for its sandbox child.
 */
export {};

// The Wasm sandbox child must not load the CLI: branch before importing it.
if (process.argv[2] === "__sandbox") {
  const { runSandbox } = await import("./runtimes/sandbox/main.ts");
  process.exit(await runSandbox());
}

const { run } = await import("./cli/run.ts");
let stdoutDone: Promise<void> = Promise.resolve();
const argv = process.argv.slice(2);
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
  stdoutIsTTY: Boolean(process.stdout.isTTY),
  stderrIsTTY: Boolean(process.stderr.isTTY),
});
// Let pending stdout writes drain before exiting (large manifests through a pipe).
await stdoutDone;
if (process.stdout.writableLength > 0) {
  await new Promise<void>((resolve) => process.stdout.once("drain", () => resolve()));
}
process.exit(code);
