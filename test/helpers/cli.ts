/**
 * hcp in process for cross-module tests (test/integration, test/cli): src/cli/run.ts with a
 * captured Io whose env and cwd come from a deterministic TestEnv.
 */
import { createCapturedIo } from "../../src/cli/io.ts";
import { run } from "../../src/cli/run.ts";
import type { TestEnv } from "./env.ts";

/** Exit code and captured output of one in-process hcp run. */
export interface InProcessResult {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Runs `hcp <argv>` in process in `env.work`, with `stdin` as its standard input. */
export async function runInProcess(
  env: TestEnv,
  argv: readonly string[],
  stdin?: string,
): Promise<InProcessResult> {
  const io = createCapturedIo({
    env: env.env,
    cwd: env.work,
    ...(stdin === undefined ? {} : { stdin }),
  });
  const code = await run([...argv], io);
  return { code, out: io.out(), err: io.err() };
}
