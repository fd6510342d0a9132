/**
 * Hostile and broken render/v1 plugins through dist/hcp: a trap, an endless loop (timeout),
 * a non-zero exit, invalid JSON, paths outside templates/ or with "..", invalid globs. Each
 * must fail with a clear error naming the plugin and the cause, exit 1 and write nothing
 * (--output-dir stays absent). Also: one sandbox process serves every plugin of a render.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import {
  copyChart,
  hcp,
  installHostile,
  KEYRING,
  renderPrerequisites,
  writeChart,
} from "../fixtures/render-plugins/setup.ts";
import { createTestEnv, type TestEnv } from "../helpers/env.ts";

const ready = await renderPrerequisites();

/** Single-quoted YAML of a JSON output for const-output.wat. */
function outputConfig(json: unknown): string {
  return `config:\n  output: '${JSON.stringify(json).replaceAll("'", "''")}'`;
}

describe.skipIf(!ready)("hostile render plugins fail cleanly and write nothing", () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv({ extra: { HCP_ALLOW_UNSIGNED: "1" } });
  });
  afterAll(() => env?.[Symbol.asyncDispose]());

  const cases: {
    name: string;
    fixture: string;
    runtimeConfig: string;
    expected: readonly string[];
  }[] = [
    {
      name: "trapper",
      fixture: "wasm/exit-code",
      runtimeConfig: "entryFuncName: trap",
      expected: ['failed to invoke render plugin "trapper"', "plugin error:", "unreachable"],
    },
    {
      name: "spinner",
      fixture: "wasm/loop",
      runtimeConfig: "timeout: 300",
      expected: ['failed to invoke render plugin "spinner"', "plugin error:"],
    },
    {
      name: "quitter",
      fixture: "wasm/exit-code",
      runtimeConfig: "",
      expected: ['render plugin "quitter" exited with code 3'],
    },
    {
      name: "garbler",
      fixture: "render-plugins/const-output",
      runtimeConfig: "config:\n  output: 'not json {'",
      expected: ['invalid output from render plugin "garbler": not valid UTF-8 JSON'],
    },
    {
      name: "escaper",
      fixture: "render-plugins/const-output",
      runtimeConfig: outputConfig({ renderedFiles: { "../../etc/passwd": "x" } }),
      expected: [
        'invalid output from render plugin "escaper": rendered file path "../../etc/passwd" is not a normalised relative path',
      ],
    },
    {
      name: "absolutist",
      fixture: "render-plugins/const-output",
      runtimeConfig: outputConfig({ renderedFiles: { "/tmp/x.yaml": "x" } }),
      expected: ['rendered file path "/tmp/x.yaml" is absolute'],
    },
    {
      name: "outsider",
      fixture: "render-plugins/const-output",
      runtimeConfig: outputConfig({
        modifiedSourceFiles: [{ name: "values.yaml", data: btoa("replicas: 99\n") }],
      }),
      expected: ['modified source file "values.yaml" is outside templates/'],
    },
    {
      name: "shaper",
      fixture: "render-plugins/const-output",
      runtimeConfig: outputConfig({ renderedFiles: ["templates/a.yaml"] }),
      expected: ['invalid output from render plugin "shaper": "renderedFiles" must be an object'],
    },
  ];

  for (const c of cases) {
    test(`${c.name}: ${c.expected[c.expected.length - 1]}`, async () => {
      await installHostile(env, c.name, c.fixture, c.runtimeConfig);
      const chart = await writeChart(env, `chart-${c.name}`, [{ name: c.name }], {
        "a.x": "source\n",
        "cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n",
      });
      const out = join(env.work, `out-${c.name}`);
      const r = await hcp(env, ["template", "r", chart, "--output-dir", out]);
      expect(r.exitCode).toBe(1);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(/^Error: render plugins: /m);
      for (const text of c.expected) expect(r.stderr).toContain(text);
      expect(await Bun.file(join(out, `chart-${c.name}`, "templates", "cm.yaml")).exists()).toBe(
        false,
      );
    });
  }

  test("an invalid glob in plugin.yaml names the plugin and the pattern", async () => {
    await installHostile(env, "globber", "render-plugins/const-output", "", ["templates/[a.x"]);
    const chart = await writeChart(env, "chart-globber", [{ name: "globber" }], { "a.x": "a" });
    const r = await hcp(env, ["template", "r", chart]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('failed to get patterns for render plugin "globber"');
    expect(r.stderr).toContain("templates/[a.x");
  });

  test("a plugin output that collides with a built-in template wins (plugin keys verbatim)", async () => {
    await installHostile(
      env,
      "overrider",
      "render-plugins/const-output",
      outputConfig({
        renderedFiles: {
          "chart-overrider/templates/cm.yaml":
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-plugin\n",
        },
      }),
    );
    const chart = await writeChart(env, "chart-overrider", [{ name: "overrider" }], {
      "a.x": "a",
      "cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-engine\n",
    });
    const r = await hcp(env, ["template", "r", chart]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain("name: from-plugin");
    expect(r.stdout).not.toContain("from-engine");
    expect(r.stdout.match(/# Source: /g)).toHaveLength(1);
  });
});

describe.skipIf(!ready)("one sandbox per render", () => {
  test("two plugins of one chart run in the same sandbox process", async () => {
    await using env = await createTestEnv();
    const chart = await copyChart(env, "sequential-plugins-test");
    expect((await hcp(env, ["dependency", "update", chart])).exitCode).toBe(0);
    const r = await hcp(env, ["template", "r", chart, "--keyring", KEYRING, "--debug"]);
    expect(r.exitCode).toBe(0);
    expect(r.stderr.match(/started wasm sandbox/g)).toHaveLength(1);
    expect(r.stderr.match(/sending module to wasm sandbox/g)).toHaveLength(2);
  });
});
