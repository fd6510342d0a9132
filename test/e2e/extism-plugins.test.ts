/**
 * The first-party AssemblyScript plugins (plugins/, built by `bun run build:plugins`) run
 * through the extism/v1 runtime with dist/hcp as the sandbox: the cli/v1 echo plugin and the
 * render/v1 reference plugins of chart-defined-plugins.md Appendix A, including non-ASCII text
 * (as-pdk's outputString would cut it short; Appendix B).
 */
import { afterAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { InvokeExecError, parseMetadata } from "../../src/plugin/index.ts";
import { createExtismRuntime } from "../../src/runtimes/extism.ts";
import { recordingGate } from "../fixtures/wasm/harness.ts";
import { HCP_BIN, REPO_ROOT } from "../helpers/env.ts";

const PLUGINS = join(REPO_ROOT, "plugins");
const PKL_SOURCE =
  // biome-ignore lint/suspicious/noTemplateCurlyInString: Pkl-style tokens, not JS templates
  "name: ${release.name}\nns: ${release.namespace}\nchart: ${chart.name}-${chart.version}\nreplicas: ${values.replicas}\nimage: ${values.image.repository}:${values.image.tag}\nkeep: ${values.missing}\nnote: ünïcødé ✓\n";
const PKL_RENDERED =
  // biome-ignore lint/suspicious/noTemplateCurlyInString: an unknown token stays as it is
  "name: my-release\nns: prod\nchart: varsubst-example-1.0.0\nreplicas: 3\nimage: nginx:1.24\nkeep: ${values.missing}\nnote: ünïcødé ✓\n";
const binary = await Bun.file(HCP_BIN).exists();
const built = await Bun.file(join(PLUGINS, "varsubst-render", "build", "plugin.wasm")).exists();
if (!binary || !built) {
  console.warn("skipping plugin e2e tests: run `bun run build && bun run build:plugins` first");
}

const runtime = createExtismRuntime({
  sandboxCommand: [HCP_BIN, "__sandbox"],
});
afterAll(() => runtime.close());

const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");
const fromB64 = (data: string) => Buffer.from(data, "base64").toString("utf8");

async function plugin(name: string) {
  const dir = join(PLUGINS, name, "build", name);
  const metadata = parseMetadata(await Bun.file(join(dir, "plugin.yaml")).text());
  return runtime.create(dir, metadata, { trustGate: recordingGate() });
}

function renderInput(sourceFiles: Record<string, string>, values: unknown = {}) {
  return {
    type: "render/v1" as const,
    payload: {
      release: {
        name: "my-release",
        namespace: "prod",
        revision: 1,
        isInstall: true,
        isUpgrade: false,
        service: "Helm",
      },
      values,
      chart: { name: "varsubst-example", version: "1.0.0", isRoot: true },
      subcharts: {},
      files: [],
      capabilities: {
        kubeVersion: { version: "v1.20.0", major: "1", minor: "20" },
        apiVersions: [],
        helmVersion: "v4",
      },
      sourceFiles: Object.entries(sourceFiles).map(([name, text]) => ({ name, data: b64(text) })),
    },
  };
}

async function render(name: string, sourceFiles: Record<string, string>, values: unknown = {}) {
  const { message } = await (await plugin(name)).invoke({
    message: renderInput(sourceFiles, values),
  });
  if (message.type !== "render/v1") throw new Error("not a render output");
  return message.payload as {
    renderedFiles: Record<string, string>;
    modifiedSourceFiles?: { name: string; data: string }[];
    errors?: string[];
  };
}

describe.skipIf(!binary || !built)("first-party Wasm plugins", () => {
  test("echo-cli prints its arguments on stdout", async () => {
    let stdout = "";
    await (await plugin("echo-cli")).invoke({
      message: { type: "cli/v1", extraArgs: ["hello", "wörld", "--flag"] },
      stdout: (b) => {
        stdout += new TextDecoder().decode(b);
      },
    });
    expect(stdout).toBe("hello wörld --flag\n");
  });

  test("varsubst-render substitutes tokens, prints values like Go's %v and renames .pkl", async () => {
    const out = await render(
      "varsubst-render",
      {
        "templates/deployment.pkl": PKL_SOURCE,
      },
      { replicas: 3, image: { repository: "nginx", tag: "1.24" } },
    );
    expect(out).toEqual({
      renderedFiles: {
        "templates/deployment.yaml": PKL_RENDERED,
      },
    });
  });

  test("sourcefiles-modifier drops #0, modifies #1, renames #2 and adds file4", async () => {
    const out = await render("sourcefiles-modifier", {
      "templates/file1.test": "first test file\n",
      "templates/file2.test": "second test file\n",
      "templates/file3.test": "third test file\n",
    });
    expect(out.modifiedSourceFiles?.map((f) => [f.name, fromB64(f.data)])).toEqual([
      ["templates/file2.test", "[MODIFIED BY PLUGIN 1]\nsecond test file\n"],
      ["templates/file3.renamed", "third test file\n"],
      [
        "templates/file4.test",
        "# This file was added by sourcefiles-modifier plugin\nkey: added-by-plugin-1",
      ],
    ]);
    const summary = out.renderedFiles["sourcefiles-modifier-summary.yaml"] ?? "";
    expect(summary).toContain("    - REMOVED: templates/file1.test\n");
    expect(summary).toContain("    - RENAMED: templates/file3.test -> templates/file3.renamed\n");
    expect(summary).toContain('  filesReceived: "3"\n  filesOutput: "3"\n');
  });

  test("test-processor renders each file as a ConfigMap plus a summary", async () => {
    const out = await render("test-processor", {
      "templates/file2.test": "[MODIFIED BY PLUGIN 1]\nsecond ✓",
      "templates/file4.test": "key: added",
    });
    expect(out.renderedFiles["templates/file2.yaml"]).toBe(
      "# Rendered by test-processor plugin\n# Original file: templates/file2.test\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: file2-test\ndata:\n  originalContent: |\n    [MODIFIED BY PLUGIN 1]\n    second ✓\n\n",
    );
    expect(out.renderedFiles["test-processor-summary.yaml"]).toContain(
      'filesReceived: "2"\n  fileList: |\n    - templates/file2.test\n    - templates/file4.test\n',
    );
  });

  test("globally-installed-fallback reports that the fallback worked", async () => {
    const out = await render("globally-installed-fallback", {
      "templates/test.fallback": "content\n",
    });
    const text = out.renderedFiles["fallback-test-result.yaml"] ?? "";
    expect(text).toContain("  name: fallback-test-result\n");
    expect(text).toContain('fallbackWorked: "true"');
    expect(text).toContain("  sourceFile: templates/test.fallback\n");
  });

  test("echo-render prefixes two comment lines and renames .echo", async () => {
    const out = await render("echo-render", { "templates/message.echo": "msg: «hi»\n" });
    expect(out.renderedFiles).toEqual({
      "templates/message.yaml": "# Rendered by echo-render\n# Release: my-release\nmsg: «hi»\n",
    });
  });

  test("a plugin returning non-zero with errors in its output: the errors are in the exec error", async () => {
    const dir = join(PLUGINS, "varsubst-render", "build", "varsubst-render");
    const metadata = parseMetadata(await Bun.file(join(dir, "plugin.yaml")).text());
    if (metadata.runtimeConfig.runtime !== "extism/v1") throw new Error("not extism");
    const err = await runtime
      .invokeWasm({
        wasm: new Uint8Array(await Bun.file(join(dir, "plugin.wasm")).arrayBuffer()),
        name: "varsubst-render",
        trustGate: recordingGate(),
        runtimeConfig: metadata.runtimeConfig,
        input: new TextEncoder().encode("not json"),
      })
      .then(
        () => undefined,
        (e: Error) => e,
      );
    expect(err).toBeInstanceOf(InvokeExecError);
    expect(err?.message).toBe(
      'plugin "varsubst-render" exited with error: varsubst-render: the input is not valid JSON',
    );
  });

  test("a render plugin given input of the wrong shape renders nothing instead of trapping", async () => {
    const p = await plugin("varsubst-render");
    const { message } = await p.invoke({
      message: { type: "render/v1", payload: { sourceFiles: "not a list" } },
    });
    expect(message).toEqual({ type: "render/v1", payload: { renderedFiles: {} } });
  });
});
