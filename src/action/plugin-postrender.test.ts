// biome-ignore-all lint/suspicious/noTemplateCurlyInString: shell ${VAR:-default} syntax in plugin scripts
import { describe, expect, test } from "bun:test";
import { chmod, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createTestEnv } from "../../test/helpers/env.ts";
import { formatErrorChain } from "../errors.ts";
import { NULL_LOGGER } from "../log.ts";
import { loadSettings } from "../settings/index.ts";
import { findGetterPlugin, getWithPlugin } from "./plugin-getter.ts";
import { runPostRenderer } from "./plugin-postrender.ts";

async function withPlugin(name: string, yaml: string, script: string) {
  const env = await createTestEnv({ prefix: "hcp-action-plugin-" });
  const dir = join(env.pluginsDir, name);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, "plugin.yaml"), yaml);
  await writeFile(join(dir, "run.sh"), script);
  await chmod(join(dir, "run.sh"), 0o755);
  return { env, settings: loadSettings(env.env, { namespace: "from-flag" }) };
}

const postRenderer = (name: string) =>
  `apiVersion: v1\nname: ${name}\ntype: postrenderer/v1\nruntime: subprocess\nversion: 1.0.0\nruntimeConfig:\n  platformCommand:\n    - command: "$HELM_PLUGIN_DIR/run.sh fixed"\n`;

describe("runPostRenderer()", () => {
  test("pipes manifests through the plugin with extra args and no Helm settings", async () => {
    const { env, settings } = await withPlugin(
      "pr",
      postRenderer("pr"),
      '#!/bin/sh\necho "# $HELM_PLUGIN_NAME ns=${HELM_NAMESPACE:-unset} args=$*"\ncat\n',
    );
    await using _ = env;
    const out = await runPostRenderer({
      name: "pr",
      args: ["x1", "y 2"],
      manifests: new TextEncoder().encode("kind: A\n"),
      settings,
      log: NULL_LOGGER,
    });
    // Post-renderers get the process env only, not Helm settings such as the namespace.
    expect(new TextDecoder().decode(out)).toBe("# pr ns=unset args=fixed x1 y 2\nkind: A\n");
  });

  test("a missing post-renderer uses Helm's flag error", async () => {
    await using env = await createTestEnv();
    await expect(
      runPostRenderer({
        name: "nope",
        args: [],
        manifests: new Uint8Array(),
        settings: loadSettings(env.env),
        log: NULL_LOGGER,
      }),
    ).rejects.toThrow(
      'invalid argument "nope" for "--post-renderer" flag: plugin: {Name:nope Type:postrenderer/v1} not found',
    );
  });

  test("empty output is an error", async () => {
    const { env, settings } = await withPlugin(
      "empty",
      postRenderer("empty"),
      "#!/bin/sh\necho '  '\n",
    );
    await using _ = env;
    await expect(
      runPostRenderer({
        name: "empty",
        args: [],
        manifests: new Uint8Array(1),
        settings,
        log: NULL_LOGGER,
      }),
    ).rejects.toThrow('post-renderer "empty" produced empty output');
  });

  test("a failing post-renderer is wrapped with its name and exit", async () => {
    const { env, settings } = await withPlugin("bad", postRenderer("bad"), "#!/bin/sh\nexit 4\n");
    await using _ = env;
    let caught: unknown;
    try {
      await runPostRenderer({
        name: "bad",
        args: [],
        manifests: new Uint8Array(1),
        settings,
        log: NULL_LOGGER,
      });
    } catch (err) {
      caught = err;
    }
    expect(formatErrorChain(caught)).toBe(
      'failed to invoke post-renderer plugin "bad": plugin "bad" exited with error',
    );
  });
});

describe("getter plugins", () => {
  test("a legacy downloader serves its scheme with cert/key/ca/href args and settings env", async () => {
    const { env, settings } = await withPlugin(
      "s3get",
      "name: s3get\nversion: 1.0.0\ndownloaders:\n  - command: run.sh\n    protocols: [s3]\n",
      '#!/bin/sh\nprintf "%s|" "$@"; printf "%s|%s" "$HELM_NAMESPACE" "$HELM_PLUGIN_USERNAME"\n',
    );
    await using _ = env;
    const record = await findGetterPlugin("s3", settings);
    expect(record?.metadata.name).toBe("s3get");
    expect(await findGetterPlugin("gs", settings)).toBeUndefined();
    const data = await getWithPlugin({
      url: "s3://bucket/chart.tgz",
      record: record!,
      settings,
      log: NULL_LOGGER,
      options: { CAFile: "ca.pem", Username: "me" },
    });
    expect(new TextDecoder().decode(data)).toBe(
      "|||ca.pem|s3://bucket/chart.tgz|from-flag|me".slice(1),
    );
  });
});
