/**
 * Acceptance scenarios S3–S11 and N1–N7 of chart-defined-plugins.md §14 through dist/hcp:
 * reference charts rendered by the signed reference plugins, from the content cache (after a
 * `dependency update` from file:// tarballs), from $HELM_PLUGINS/versions/<name>/<version>/
 * and from an installed $HELM_PLUGINS/<name>/, plus the trust policy at render time.
 * (S1, S2, S12 need the registry: test/integration/oci-render.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import {
  copyChart,
  hcp,
  installHostile,
  installReference,
  KEYRING,
  PLUGINS,
  renderPrerequisites,
  writeChart,
} from "../fixtures/render-plugins/setup.ts";
import { createTestEnv, type TestEnv } from "../helpers/env.ts";

const ready = await renderPrerequisites();

/** Source paths of the documents, in output order. */
function sources(out: string): string[] {
  return [...out.matchAll(/^# Source: (.+)$/gm)].map((m) => m[1] as string);
}

describe.skipIf(!ready)("render/v1 from the content cache (signed, --keyring)", () => {
  let env: TestEnv;
  let chart: string;
  beforeAll(async () => {
    env = await createTestEnv();
    chart = await copyChart(env, "varsubst-chart");
    const update = await hcp(env, ["dependency", "update", chart]);
    expect(update.stderr).toBe("");
    expect(update.exitCode).toBe(0);
  });
  afterAll(() => env?.[Symbol.asyncDispose]());

  test("S3: two documents, Service then Deployment, rendered by varsubst-render", async () => {
    const r = await hcp(env, ["template", "my-release", chart, "--keyring", KEYRING]);
    expect(r.stderr).toBe("");
    expect(r.exitCode).toBe(0);
    expect(sources(r.stdout)).toEqual(["templates/service.yaml", "templates/deployment.yaml"]);
    const docs = r.stdout.split(/^---$/m).slice(1);
    expect(docs).toHaveLength(2);
    for (const doc of docs) {
      expect(doc).toContain("name: my-release");
      expect(doc).toContain("namespace: default");
      expect(doc).toContain("app.kubernetes.io/name: varsubst-example");
      expect(doc).toContain("app.kubernetes.io/version: 1.0.0");
      expect(doc).toContain("# Example Pkl template rendered by the varsubst-render plugin");
    }
    expect(docs[0]).toContain("kind: Service");
    expect(docs[1]).toContain("kind: Deployment");
    expect(docs[1]).toContain("replicas: 3");
    expect(docs[1]).toContain('image: "nginx:1.24"');
    expect(r.stdout).not.toMatch(/\$\{(release|chart|values)\./);
  });

  test("S4: --set values reach the plugin with Helm's typing", async () => {
    const r = await hcp(env, [
      "template",
      "my-release",
      chart,
      "--keyring",
      KEYRING,
      "--set",
      "replicas=5",
      "--set",
      "image.repository=httpd",
      "--set",
      "image.tag=2.4",
    ]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain("replicas: 5");
    expect(r.stdout).toContain('image: "httpd:2.4"');
  });

  test("S5: release name and --namespace in both documents", async () => {
    const r = await hcp(env, [
      "template",
      "custom-name",
      chart,
      "--namespace",
      "custom-ns",
      "--keyring",
      KEYRING,
    ]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout.match(/name: custom-name$/gm)).toHaveLength(2);
    expect(r.stdout.match(/namespace: custom-ns$/gm)).toHaveLength(2);
  });

  test("S6: --debug prints the same manifests; diagnostics only on stderr", async () => {
    const plain = await hcp(env, ["template", "my-release", chart, "--keyring", KEYRING]);
    const debug = await hcp(env, [
      "template",
      "my-release",
      chart,
      "--keyring",
      KEYRING,
      "--debug",
    ]);
    expect(debug.exitCode).toBe(0);
    expect(debug.stdout).toBe(plain.stdout);
  });

  test("unsigned is not enough: the keyring must hold the signer (default keyring absent)", async () => {
    const r = await hcp(env, ["template", "my-release", chart]);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(
      'Error: render plugins: failed to invoke render plugin "varsubst-render"',
    );
    expect(r.stderr).toContain("keyring cannot be read");
  });

  test("a keyring without the signer refuses the plugin", async () => {
    const other = join(env.work, "empty.gpg");
    await writeFile(other, "");
    const r = await hcp(env, ["template", "my-release", chart, "--keyring", other]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('refusing to run plugin "varsubst-render"');
  });

  test("N7: a cached tarball that no longer hashes to the locked digest fails before any Wasm", async () => {
    const corrupt = await copyChart(env, "varsubst-chart", "corrupt-chart");
    const update = await hcp(env, ["dependency", "update", corrupt]);
    expect(update.exitCode).toBe(0);
    const lock = await readFile(join(corrupt, "Chart.lock"), "utf8");
    const digest = /digest: ([a-f0-9]{64})/.exec(lock)?.[1] as string;
    const file = join(env.cacheHome, "content", digest.slice(0, 2), `${digest}.plugin`);
    const bytes = new Uint8Array(await readFile(file));
    bytes[bytes.length - 5] = (bytes[bytes.length - 5] ?? 0) ^ 0xff;
    await writeFile(file, bytes);
    try {
      const out = join(env.work, "out-n7");
      const r = await hcp(env, [
        "template",
        "my-release",
        corrupt,
        "--keyring",
        KEYRING,
        "--output-dir",
        out,
        "--debug",
      ]);
      expect(r.exitCode).toBe(1);
      expect(r.stdout).toBe("");
      expect(r.stderr).toContain('failed to load render plugin "varsubst-render"');
      expect(r.stderr).toContain(`(digest: ${digest.slice(0, 12)}) failed verification`);
      expect(r.stderr).not.toContain("sending module to wasm sandbox");
      expect(await Bun.file(out).exists()).toBe(false);
    } finally {
      await rm(file, { force: true });
    }
  });

  test("a Chart.lock digest that is not cached falls back, then fails naming the plugin", async () => {
    const chart2 = await copyChart(env, "varsubst-chart", "uncached-chart");
    await writeFile(
      join(chart2, "Chart.lock"),
      `digest: sha256:643d5437104296e21d906ecb15b2c96ad278f20cfc4af53b12bb6069bd853726\ngenerated: "2026-01-01T00:00:00Z"\nplugins:\n- digest: ${"ab".repeat(32)}\n  name: varsubst-render\n  repository: oci://127.0.0.1:1/plugins/varsubst-render\n  type: render/v1\n  version: 0.1.0\n`,
    );
    const r = await hcp(env, ["template", "my-release", chart2, "--keyring", KEYRING]);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(
      'plugin "varsubst-render" (digest: abababababab) is not in the content cache',
    );
    expect(r.stderr).toContain('plugin "varsubst-render" version 0.1.0 not found');
    expect(r.stderr).toContain("hint: run 'hcp dependency update' to download plugins");
  });
});

describe.skipIf(!ready)("S9: sequential hand-off between two plugins", () => {
  test("list order is execution order; modified, renamed and added files reach the next plugin", async () => {
    await using env = await createTestEnv();
    const chart = await copyChart(env, "sequential-plugins-test");
    expect((await hcp(env, ["dependency", "update", chart])).exitCode).toBe(0);
    const r = await hcp(env, ["template", "my-release", chart, "--keyring", KEYRING]);
    expect(r.stderr).toBe("");
    expect(r.exitCode).toBe(0);
    expect(sources(r.stdout)).toEqual([
      "sourcefiles-modifier-summary.yaml",
      "templates/file2.yaml",
      "templates/file4.yaml",
      "test-processor-summary.yaml",
    ]);
    expect(r.stdout).toContain("name: sourcefiles-modifier-summary");
    const lines = r.stdout.split("\n");
    const at = lines.findIndex((l) => l.includes("test-processor-summary"));
    expect(lines.slice(at, at + 20).join("\n")).toContain('filesReceived: "2"');
    const summary = r.stdout.slice(0, r.stdout.indexOf("# Source: templates/file2.yaml"));
    expect(summary).toContain('filesReceived: "3"');
    expect(summary).toContain('filesOutput: "3"');
    expect(r.stdout).toContain("[MODIFIED BY PLUGIN 1]");
    expect(r.stdout).not.toContain("name: file3");
  });
});

describe.skipIf(!ready)("S10/S11: plugins from HELM_PLUGINS, no registry, no cache", () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv();
    for (const name of ["varsubst-render", "sourcefiles-modifier", "test-processor"]) {
      await installReference(env, name, "versions");
    }
    await installReference(env, "globally-installed-fallback", "installed");
  });
  afterAll(() => env?.[Symbol.asyncDispose]());

  test("S11: varsubst-chart renders from versions/<name>/<version>/ (signed kept archive)", async () => {
    const chart = await copyChart(env, "varsubst-chart");
    const r = await hcp(env, ["template", "my-release", chart, "--keyring", KEYRING]);
    expect(r.stderr).toBe("");
    expect(r.exitCode).toBe(0);
    expect(sources(r.stdout)).toEqual(["templates/service.yaml", "templates/deployment.yaml"]);
    expect(await readdir(join(env.cacheHome))).not.toContain("content");
  });

  test("S11: the sequential chart renders from versions/ too", async () => {
    const chart = await copyChart(env, "sequential-plugins-test");
    const r = await hcp(env, ["template", "my-release", chart, "--keyring", KEYRING]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain("name: test-processor-summary");
  });

  test("S10: the globally installed fallback plugin renders fallback-test-chart", async () => {
    const chart = await copyChart(env, "fallback-test-chart");
    const r = await hcp(env, ["template", "my-release", chart, "--keyring", KEYRING]);
    expect(r.stderr).toBe("");
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('fallbackWorked: "true"');
    expect(sources(r.stdout)).toEqual(["fallback-test-result.yaml"]);
  });

  test("a symlinked (local dev) installed plugin runs with a warning, no keyring needed", async () => {
    await using dev = await createTestEnv();
    await symlink(
      join(PLUGINS, "varsubst-render", "build", "varsubst-render"),
      join(dev.pluginsDir, "varsubst-render"),
    );
    const chart = await copyChart(dev, "varsubst-chart");
    const r = await hcp(dev, ["template", "my-release", chart]);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain(
      'running plugin "varsubst-render" from a local development directory',
    );
    expect(r.stdout).toContain("kind: Deployment");
  });

  test("S7: a chart without plugins needs no plugin machinery", async () => {
    const dir = join(env.work, "test-chart");
    await writeChart(env, "test-chart", [], {});
    await writeFile(join(dir, "Chart.yaml"), "apiVersion: v2\nname: test-chart\nversion: 1.0.0\n");
    await writeFile(
      join(dir, "templates", "configmap.yaml"),
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\ndata:\n  key: value\n",
    );
    const r = await hcp(env, ["template", "test", dir], { HELM_PLUGINS: join(env.root, "none") });
    expect(r.exitCode).toBe(0);
    expect(sources(r.stdout)).toEqual(["test-chart/templates/configmap.yaml"]);
    expect(r.stdout).toContain("name: test");
    expect(r.stdout).toContain("key: value");
  });
});

describe.skipIf(!ready)("N1–N6: negative scenarios", () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv();
  });
  afterAll(() => env?.[Symbol.asyncDispose]());

  test("N1: a plugin found nowhere fails, names the plugin and suggests dependency update", async () => {
    const chart = await writeChart(env, "n1", [{ name: "nowhere" }], { "a.x": "a" });
    const r = await hcp(env, ["template", "r", chart]);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(
      'Error: render plugins: failed to load render plugin "nowhere": plugin "nowhere" version 0.1.0 not found',
    );
    expect(r.stderr).toContain("hint: run 'hcp dependency update' to download plugins");
  });

  test("N2: an installed plugin of another version is a version mismatch", async () => {
    const dir = await installHostile(env, "n2-plugin", "render-plugins/const-output");
    const yaml = await readFile(join(dir, "plugin.yaml"), "utf8");
    await writeFile(join(dir, "plugin.yaml"), yaml.replace("version: 0.1.0", "version: 0.2.0"));
    const chart = await writeChart(env, "n2", [{ name: "n2-plugin" }], { "a.x": "a" });
    const r = await hcp(env, ["template", "r", chart]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(
      `plugin "n2-plugin" version mismatch: chart requires 0.1.0, but installed version is 0.2.0 (at ${dir})`,
    );
  });

  test("N3: a plugin reporting errors fails the render with them", async () => {
    await installHostile(
      env,
      "n3-plugin",
      "render-plugins/const-output",
      'config:\n  output: \'{"errors":["boom"]}\'',
    );
    const chart = await writeChart(env, "n3", [{ name: "n3-plugin" }], { "a.x": "a" });
    const r = await hcp(env, ["template", "r", chart], { HCP_ALLOW_UNSIGNED: "1" });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(
      'Error: render plugins: render plugin "n3-plugin" reported errors: [boom]',
    );
  });

  test("N4: a plugin of another type at the resolved location", async () => {
    const dir = join(env.pluginsDir, "n4-plugin");
    await installHostile(env, "n4-plugin", "render-plugins/const-output");
    await writeFile(
      join(dir, "plugin.yaml"),
      "apiVersion: v1\nname: n4-plugin\nversion: 0.1.0\ntype: cli/v1\nruntime: extism/v1\nconfig:\n  usage: x\n",
    );
    const chart = await writeChart(env, "n4", [{ name: "n4-plugin" }], { "a.x": "a" });
    const r = await hcp(env, ["template", "r", chart]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('plugin "n4-plugin" is type "cli/v1", expected render/v1');
  });

  test("N5: a Chart.yaml plugin without repository fails, naming the field", async () => {
    const chart = await writeChart(env, "n5", [{ name: "n5-plugin", repository: "" }], {});
    const r = await hcp(env, ["template", "r", chart]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain("plugins[0]: repository is required");
  });

  test("an unknown plugin type fails, naming the supported types; other known types are ignored", async () => {
    const bad = await writeChart(env, "unknown-type", [{ name: "p", type: "foo/v1" }], {});
    const r = await hcp(env, ["template", "r", bad]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(
      'plugins[0] "p": unsupported plugin type "foo/v1" (supported: cli/v1, getter/v1, postrenderer/v1, render/v1, test/v1)',
    );
    const getter = await writeChart(env, "getter-type", [{ name: "g", type: "getter/v1" }], {
      "cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: g\n",
    });
    const ok = await hcp(env, ["template", "r", getter]);
    expect(ok.stderr).toBe("");
    expect(ok.exitCode).toBe(0);
    expect(sources(ok.stdout)).toEqual(["getter-type/templates/cm.yaml"]);
  });

  test("N6: a plugin whose patterns match nothing is not invoked", async () => {
    // It would fail the render if it ran: its output reports an error.
    await installHostile(
      env,
      "n6-plugin",
      "render-plugins/const-output",
      'config:\n  output: \'{"errors":["ran"]}\'',
    );
    const chart = await writeChart(env, "n6", [{ name: "n6-plugin" }], {
      "cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n",
    });
    const r = await hcp(env, ["template", "r", chart], { HCP_ALLOW_UNSIGNED: "1" });
    expect(r.stderr).toBe("");
    expect(r.exitCode).toBe(0);
    expect(sources(r.stdout)).toEqual(["n6/templates/cm.yaml"]);
  });

  test("an unsigned plugin is refused unless --allow-unsigned or HCP_ALLOW_UNSIGNED=1", async () => {
    await installHostile(
      env,
      "unsigned-plugin",
      "render-plugins/const-output",
      'config:\n  output: \'{"renderedFiles":{"templates/u.yaml":"kind: ConfigMap\\napiVersion: v1\\nmetadata:\\n  name: u\\n"}}\'',
    );
    const chart = await writeChart(env, "unsigned", [{ name: "unsigned-plugin" }], { "a.x": "a" });
    const refused = await hcp(env, ["template", "r", chart]);
    expect(refused.exitCode).toBe(1);
    expect(refused.stdout).toBe("");
    expect(refused.stderr).toContain(
      'failed to invoke render plugin "unsigned-plugin": refusing to run plugin "unsigned-plugin": signing status is "unsigned"',
    );
    const flag = await hcp(env, ["template", "r", chart, "--allow-unsigned"]);
    expect(flag.exitCode).toBe(0);
    expect(flag.stderr).toContain('running unsigned plugin "unsigned-plugin"');
    expect(sources(flag.stdout)).toEqual(["templates/u.yaml"]);
    const envVar = await hcp(env, ["template", "r", chart], { HCP_ALLOW_UNSIGNED: "1" });
    expect(envVar.stdout).toBe(flag.stdout);
  });
});
