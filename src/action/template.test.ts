import { describe, expect, test } from "bun:test";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { createCapturedIo } from "../cli/io.ts";
import { run } from "../cli/run.ts";

const fixtures = join(import.meta.dir, "..", "..", "test", "fixtures", "chart");

function listFiles(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = readFileSync(p, "utf8");
    }
  };
  walk(dir);
  return out;
}

function helmPath(): string | undefined {
  const env = process.env.HCP_REF_HELM;
  if (env) return env;
  const r = Bun.spawnSync([
    "bash",
    join(fixtures, "..", "..", "..", "..", "shared", "tools", "get-helm.sh"),
  ]);
  const p = r.stdout.toString().trim();
  return r.exitCode === 0 && p !== "" ? p : undefined;
}

describe("hcp template --post-renderer", () => {
  test("a postrenderer/v1 plugin rewrites the output; new documents get Helm's generated names", async () => {
    const io = createCapturedIo({
      cwd: fixtures,
      env: { HELM_PLUGINS: join(fixtures, "plugins"), PATH: process.env.PATH ?? "" },
    });
    const code = await run(
      ["template", "r", "flags", "--post-renderer", "tagger", "--post-renderer-args", "a"],
      io,
    );
    expect(io.err()).toBe("");
    expect(code).toBe(0);
    expect(io.out()).toContain(
      "# Source: generated-by-postrender-7.yaml\n# post-rendered with: a\napiVersion: v1\nkind: ConfigMap",
    );
    expect(io.out()).toContain("# Source: flags/templates/configmap.yaml\n");
  });

  test("an unknown post-renderer is an error naming the plugin", async () => {
    const io = createCapturedIo({
      cwd: fixtures,
      env: { HELM_PLUGINS: join(fixtures, "plugins") },
    });
    const code = await run(["template", "r", "flags", "--post-renderer", "nope"], io);
    expect(code).toBe(1);
    expect(io.err()).toContain("plugin: {Name:nope Type:postrenderer/v1} not found");
  });
});

const helm = helmPath();
if (!helm) console.warn("template --output-dir parity: SKIPPED (reference Helm not found)");

describe.skipIf(!helm)("hcp template --output-dir matches Helm 4.1.4", () => {
  test.each([[[]], [["--release-name"]], [["--include-crds"]]])(
    "writes the same files as Helm (%j)",
    async (extra) => {
      const mine = mkdtempSync(join(tmpdir(), "hcp-out-"));
      const theirs = mkdtempSync(join(tmpdir(), "helm-out-"));
      try {
        const io = createCapturedIo({ cwd: fixtures, env: {} });
        const code = await run(["template", "r", "flags", "--output-dir", mine, ...extra], io);
        expect(code).toBe(0);
        const h = Bun.spawnSync(
          [helm as string, "template", "r", "flags", "--output-dir", theirs, ...extra],
          { cwd: fixtures, env: { HOME: theirs, PATH: process.env.PATH ?? "" } },
        );
        expect(h.exitCode).toBe(0);
        expect(listFiles(mine)).toEqual(listFiles(theirs));
        expect(io.out().replaceAll(mine, "OUT")).toBe(
          h.stdout.toString().replaceAll(theirs, "OUT"),
        );
      } finally {
        rmSync(mine, { recursive: true, force: true });
        rmSync(theirs, { recursive: true, force: true });
      }
    },
  );
});
