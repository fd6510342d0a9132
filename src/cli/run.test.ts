import { describe, expect, test } from "bun:test";
import { createCapturedIo } from "./io.ts";
import { findCommandIndex, run } from "./run.ts";

describe("run()", () => {
  test("hcp version --short prints the version and exits 0", async () => {
    const io = createCapturedIo();
    expect(await run(["version", "--short"], io)).toBe(0);
    expect(io.out()).toMatch(/^v\d+\.\d+\.\d+/);
  });

  test("hcp env prints every HELM_* variable sorted, with Helm's defaults", async () => {
    const io = createCapturedIo({ env: { HOME: "/tmp/hcp-home" } });
    expect(await run(["env"], io)).toBe(0);
    const lines = io.out().trimEnd().split("\n");
    expect(lines).toEqual([...lines].sort());
    expect(lines).toContain('HELM_CACHE_HOME="/tmp/hcp-home/.cache/helm"');
    expect(lines).toContain('HELM_PLUGINS="/tmp/hcp-home/.local/share/helm/plugins"');
    expect(lines).toContain('HELM_QPS="0.00"');
    expect(lines).toContain('HELM_NAMESPACE="default"');
  });

  test("hcp env NAME honours flag > HELM_* > XDG > default", async () => {
    const cases = [
      { env: { HOME: "/h" }, argv: [], want: "/h/.config/helm/repositories.yaml" },
      { env: { HOME: "/h", XDG_CONFIG_HOME: "/x" }, argv: [], want: "/x/helm/repositories.yaml" },
      {
        env: { HOME: "/h", XDG_CONFIG_HOME: "/x", HELM_CONFIG_HOME: "/c" },
        argv: [],
        want: "/c/repositories.yaml",
      },
      {
        env: { HOME: "/h", HELM_REPOSITORY_CONFIG: "/r.yaml" },
        argv: ["--repository-config", "/flag.yaml"],
        want: "/flag.yaml",
      },
    ];
    for (const c of cases) {
      const io = createCapturedIo({ env: c.env });
      expect(await run(["env", "HELM_REPOSITORY_CONFIG", ...c.argv], io)).toBe(0);
      expect(io.out()).toBe(`${c.want}\n`);
    }
  });

  test("an unknown command fails with Helm's wording and a hint", async () => {
    const io = createCapturedIo();
    expect(await run(["nonexistent"], io)).toBe(1);
    expect(io.err()).toContain('Error: unknown command "nonexistent" for "hcp"');
    expect(io.err()).toContain("hint: ");
  });

  test("command checks: unknown options, missing option values, extra arguments", async () => {
    const cases = [
      { argv: ["template", "r", "c", "--bogus"], err: "Error: Unknown option `--bogus`" },
      {
        argv: ["template", "r", "c", "--keyring"],
        err: "Error: option `--keyring <file>` value is missing",
      },
      { argv: ["plugin", "list", "extra"], err: "Error: Unused args: `extra`" },
    ];
    for (const c of cases) {
      const io = createCapturedIo();
      expect(await run(c.argv, io)).toBe(1);
      expect(io.err()).toStartWith(c.err);
    }
  });

  test("a negated flag is not a missing value (--no-hooks)", async () => {
    const io = createCapturedIo();
    expect(await run(["template", "r", "does-not-exist/chart", "--no-hooks"], io)).toBe(1);
    expect(io.err()).not.toContain("value is missing");
  });
});

describe("findCommandIndex()", () => {
  test.each([
    { argv: ["template", "r", "c"], want: 0 },
    { argv: ["--debug", "template", "r"], want: 1 },
    { argv: ["-n", "ns", "template"], want: 2 },
    { argv: ["--namespace=ns", "version"], want: 1 },
    { argv: ["--kube-context", "x", "--debug", "myplugin", "a"], want: 3 },
    { argv: ["--debug"], want: -1 },
    { argv: [], want: -1 },
  ])("$argv → $want", ({ argv, want }) => {
    expect(findCommandIndex(argv)).toBe(want);
  });

  test("global flags before the command word reach the command", async () => {
    const io = createCapturedIo({ env: { HOME: "/h" } });
    expect(await run(["-n", "team-a", "env", "HELM_NAMESPACE"], io)).toBe(0);
    expect(io.out()).toBe("team-a\n");
  });
});
