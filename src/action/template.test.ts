import { describe, expect, test } from "bun:test";
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
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

/** Writes a tiny chart tree (path → text) under `root`. */
function writeTree(root: string, tree: Record<string, string>): void {
  for (const [path, text] of Object.entries(tree)) {
    const p = join(root, path);
    mkdirSync(join(p, ".."), { recursive: true });
    writeFileSync(p, text);
  }
}

const CHART_WITH_SUB = {
  "Chart.yaml":
    "apiVersion: v2\nname: top\nversion: 0.1.0\ndependencies:\n- name: sub\n  version: 0.1.0\n",
  "values.yaml": "m:\n  k: v\n",
  "templates/t.yaml": '# {{ printf "%T %T %T %T %T" . .Values .Values.m .Template .Release }}\n',
  "charts/sub/Chart.yaml": "apiVersion: v2\nname: sub\nversion: 0.1.0\n",
  "charts/sub/templates/s.yaml": '# {{ printf "%T %T %T" . .Values .Template }}\n',
};

describe("hcp template: Helm's Go types and messages", () => {
  test("`.`, `.Values` and `.Template` are common.Values, in subcharts too (checked with Helm 4.1.4)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hcp-types-"));
    try {
      writeTree(dir, CHART_WITH_SUB);
      const io = createCapturedIo({ cwd: dir, env: {} });
      expect(await run(["template", "r", "."], io)).toBe(0);
      expect(io.out()).toContain(
        "# common.Values common.Values map[string]interface {} common.Values map[string]interface {}\n",
      );
      expect(io.out()).toContain("# common.Values common.Values common.Values\n");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("common.Values is accepted where Sprig wants map[string]interface {} (get, hasKey)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hcp-types-"));
    try {
      writeTree(dir, {
        ...CHART_WITH_SUB,
        "values.yaml": "k: v\n",
        "templates/g.yaml": '# {{ get .Values "k" }} {{ hasKey . "Values" }}\n',
      });
      const io = createCapturedIo({ cwd: dir, env: {} });
      expect(await run(["template", "r", "."], io)).toBe(0);
      expect(io.out()).toContain("# v true\n");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("eq on .Values names common.Values in the error, like Helm", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hcp-types-"));
    try {
      writeTree(dir, { ...CHART_WITH_SUB, "templates/e.yaml": "{{ eq .Values 1 }}\n" });
      const io = createCapturedIo({ cwd: dir, env: {} });
      expect(await run(["template", "r", "."], io)).toBe(1);
      expect(io.err()).toContain(
        "error calling eq: incompatible types for comparison: common.Values and int",
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("a missing dependency names `helm dependency build` in backticks, like Helm", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hcp-deps-"));
    try {
      const {
        "charts/sub/Chart.yaml": _sub,
        "charts/sub/templates/s.yaml": _s,
        ...rest
      } = CHART_WITH_SUB;
      writeTree(dir, rest);
      const io = createCapturedIo({ cwd: dir, env: {} });
      expect(await run(["template", "r", "."], io)).toBe(1);
      expect(io.err()).toBe(
        "Error: an error occurred while checking for chart dependencies. You may need to run `helm dependency build` to fetch missing dependencies: found in Chart.yaml, but missing in charts/ directory: sub\n",
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
