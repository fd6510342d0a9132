/**
 * `hcp template` against reference Helm on the fixture charts (flags and errors the conformance
 * corpus lacks). Goldens: cli-cases.json, made by generate-cli.ts with the real helm. Runs the
 * CLI in-process; compares stdout byte for byte, and stderr and the exit code for failures.
 */
import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { run } from "../../../src/cli/run.ts";
import { createCapturedIo } from "../../../src/cli/io.ts";
import golden from "./cli-cases.json";

const fixtures = join(import.meta.dir, "..", "..", "fixtures", "chart");

describe(`hcp template matches ${golden.helmVersion}`, () => {
  test.each(golden.cases)("$name", async (c) => {
    const io = createCapturedIo({
      cwd: fixtures,
      env: { HOME: "/nonexistent", NO_COLOR: "1", TZ: "UTC" },
      ...(c.stdin === undefined ? {} : { stdin: c.stdin }),
    });
    const code = await run(["template", ...c.args], io);
    expect(io.out()).toBe(c.stdout);
    expect(code).toBe(c.rc);
    // With --debug Helm logs its own debug lines and hcp adds a stack trace: stdout only then.
    if (c.rc !== 0 && !c.args.includes("--debug")) expect(io.err()).toBe(c.stderr);
  });
});
