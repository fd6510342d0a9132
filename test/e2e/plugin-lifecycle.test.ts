/**
 * The plugin lifecycle through the compiled binary: package → install → list → run →
 * update → uninstall, development links, hooks, exit codes and refusals.
 */
import { describe, expect, test } from "bun:test";
import { existsSync } from "node:fs";
import { cp, lstat, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import {
  createTestEnv,
  HCP_BIN,
  hasHcpBinary,
  REPO_ROOT,
  runHcp,
  runProcess,
} from "../helpers/env.ts";

const FIXTURES = join(REPO_ROOT, "test/fixtures/plugin");
const haveBinary = hasHcpBinary("plugin e2e");
const e2e = haveBinary ? describe : describe.skip;

async function setup() {
  const env = await createTestEnv({ prefix: "hcp-e2e-plugin-" });
  await cp(FIXTURES, join(env.work, "src"), { recursive: true });
  const hcp = (...args: string[]) => runHcp(env, args);
  return { env, hcp };
}

e2e("hcp plugin lifecycle (dist/hcp)", () => {
  test("package, install, list, run, uninstall a v1 plugin", async () => {
    const { env, hcp } = await setup();
    await using _ = env;
    const pkg = await hcp("plugin", "package", "src/echo-v1", "--sign=false", "-d", "out");
    expect(pkg.exitCode).toBe(0);
    expect(pkg.stdout).toBe(
      "WARNING: Skipping plugin signing. This is not recommended for plugins intended for distribution.\nSuccessfully packaged plugin and saved it to: out/echo-v1-0.1.0.tgz\n",
    );

    const install = await hcp("plugin", "install", "out/echo-v1-0.1.0.tgz", "--verify=false");
    expect(install.stderr).toBe("");
    expect(install.stdout).toBe(
      "WARNING: Skipping plugin signature verification\necho-v1 install hook: echo-v1\nInstalled plugin: echo-v1\n",
    );
    expect(install.exitCode).toBe(0);
    expect((await readdir(env.pluginsDir)).sort()).toEqual([
      ".hcp-sources",
      "echo-v1",
      "echo-v1-0.1.0.tgz",
    ]);

    const list = await hcp("plugin", "list");
    expect(list.stdout).toBe(
      "NAME   \tVERSION\tTYPE  \tAPIVERSION\tPROVENANCE\tSOURCE                     \n" +
        "echo-v1\t0.1.0  \tcli/v1\tv1        \tunsigned  \thttps://example.com/echo-v1\n",
    );

    const wide = await hcp("plugin", "list", "-o", "wide");
    expect(wide.stdout.split("\n")[0]).toEndWith("\tRUNTIME   ");
    expect(wide.stdout).toContain("\tsubprocess\n");

    const run = await hcp("echo-v1", "-n", "ns1", "a", "--flag", "--debug", "--", "b");
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe(
      "argc=5\narg=[fixed]\narg=[a]\narg=[--flag]\narg=[--]\narg=[b]\nHELM_PLUGIN_NAME=echo-v1\nHELM_NAMESPACE=ns1\nHELM_DEBUG=true\n",
    );

    const uninstall = await hcp("plugin", "uninstall", "echo-v1");
    expect(uninstall.stdout).toBe("echo-v1 delete hook\nUninstalled plugin: echo-v1\n");
    expect((await readdir(env.pluginsDir)).filter((f) => f !== ".hcp-sources")).toEqual([]);
  });

  test("a plugin's exit code and stderr pass through", async () => {
    const { env, hcp } = await setup();
    await using _ = env;
    expect((await hcp("plugin", "install", "src/exit42")).exitCode).toBe(0);
    const run = await hcp("exit42");
    expect(run.exitCode).toBe(42);
    expect(run.stderr).toBe('failing\nError: plugin "exit42" exited with error\n');
  });

  test("a local directory installs as a development link and uninstalls the link only", async () => {
    const { env, hcp } = await setup();
    await using _ = env;
    const install = await hcp("plugin", "install", "src/echo-legacy");
    expect(install.stdout).toBe(
      `Installing plugin from local directory (development mode)\necho-legacy installed from ${join(env.pluginsDir, "echo-legacy")}\nInstalled plugin: echo-legacy\n`,
    );
    expect((await lstat(join(env.pluginsDir, "echo-legacy"))).isSymbolicLink()).toBe(true);
    expect((await hcp("plugin", "list")).stdout).toContain("local dev");
    expect((await hcp("echo-legacy", "x")).stdout).toStartWith("argc=2\narg=[legacy]\narg=[x]\n");
    const update = await hcp("plugin", "update", "echo-legacy");
    expect(update.stdout).toBe("echo-legacy updated\nUpdated plugin: echo-legacy\n");
    expect((await hcp("plugin", "uninstall", "echo-legacy")).exitCode).toBe(0);
    expect(existsSync(join(env.work, "src/echo-legacy/plugin.yaml"))).toBe(true);
    expect(existsSync(join(env.pluginsDir, "echo-legacy"))).toBe(false);
  });

  test("a failing install hook leaves nothing installed", async () => {
    const { env, hcp } = await setup();
    await using _ = env;
    await hcp("plugin", "package", "src/hooks-v1", "--sign=false", "-d", "out");
    const result = await hcp("plugin", "install", "out/hooks-v1-1.0.0.tgz", "--verify=false");
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toBe('Error: plugin install hook for "hooks-v1" exited with error\n');
    expect((await readdir(env.pluginsDir)).filter((f) => f !== ".hcp-sources")).toEqual([]);
  });

  test("a second install is refused and the first stays as it was", async () => {
    const { env, hcp } = await setup();
    await using _ = env;
    await hcp("plugin", "package", "src/echo-v1", "--sign=false", "-d", "out");
    expect(
      (await hcp("plugin", "install", "out/echo-v1-0.1.0.tgz", "--verify=false")).exitCode,
    ).toBe(0);
    const before = await readFile(join(env.pluginsDir, "echo-v1/plugin.yaml"), "utf8");
    const again = await hcp("plugin", "install", "out/echo-v1-0.1.0.tgz", "--verify=false");
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toContain("Error: plugin already exists\n");
    expect(await readFile(join(env.pluginsDir, "echo-v1/plugin.yaml"), "utf8")).toBe(before);
  });

  test("--verify is the default: an archive without .prov is refused", async () => {
    const { env, hcp } = await setup();
    await using _ = env;
    await hcp("plugin", "package", "src/echo-v1", "--sign=false", "-d", "out");
    const result = await hcp("plugin", "install", "out/echo-v1-0.1.0.tgz");
    expect(result.stdout).toBe("Verifying plugin signature...\n");
    expect(result.stderr).toStartWith(
      "Error: plugin verification failed: no provenance file (.prov) found\n",
    );
    expect(result.exitCode).toBe(1);
    expect(await readdir(env.pluginsDir)).toEqual([]);
  });

  test("update reinstalls from the recorded archive", async () => {
    const { env, hcp } = await setup();
    await using _ = env;
    await hcp("plugin", "package", "src/echo-v1", "--sign=false", "-d", "out");
    await hcp("plugin", "install", "out/echo-v1-0.1.0.tgz", "--verify=false");
    const yaml = join(env.work, "src/echo-v1/plugin.yaml");
    await writeFile(yaml, (await readFile(yaml, "utf8")).replace("0.1.0", "0.2.0"));
    // Same archive path, new content: the recorded source now holds version 0.2.0.
    await hcp("plugin", "package", "src/echo-v1", "--sign=false", "-d", "new");
    await cp(join(env.work, "new/echo-v1-0.2.0.tgz"), join(env.work, "out/echo-v1-0.1.0.tgz"));
    const update = await hcp("plugin", "update", "echo-v1");
    expect(update.stderr).toBe("");
    expect(update.stdout).toBe(
      "WARNING: Skipping plugin signature verification\nUpdated plugin: echo-v1\n",
    );
    expect((await hcp("plugin", "list")).stdout).toContain("echo-v1\t0.2.0");
    expect((await readdir(env.pluginsDir)).sort()).toEqual([
      ".hcp-sources",
      "echo-v1",
      "echo-v1-0.2.0.tgz",
    ]);
  });

  test("a failed update leaves the installed plugin as it was", async () => {
    const { env, hcp } = await setup();
    await using _ = env;
    await hcp("plugin", "package", "src/echo-v1", "--sign=false", "-d", "out");
    await hcp("plugin", "install", "out/echo-v1-0.1.0.tgz", "--verify=false");
    await writeFile(join(env.work, "out/echo-v1-0.1.0.tgz"), "not an archive any more");
    const update = await hcp("plugin", "update", "echo-v1");
    expect(update.exitCode).toBe(1);
    expect(update.stderr).toContain("archive is not gzip-compressed");
    expect((await hcp("echo-v1", "still")).stdout).toStartWith(
      "argc=2\narg=[fixed]\narg=[still]\n",
    );
    expect((await readdir(env.pluginsDir)).sort()).toEqual([
      ".hcp-sources",
      "echo-v1",
      "echo-v1-0.1.0.tgz",
    ]);
    const noSource = await hcp("plugin", "update", "ghost");
    expect(noSource.stderr).toStartWith("Error: plugin: ghost not found\n");
  });

  test("unknown plugins and HELM_NO_PLUGINS=1 give an unknown command", async () => {
    const { env, hcp } = await setup();
    await using _ = env;
    await hcp("plugin", "install", "src/exit42");
    const missing = await hcp("nope");
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toStartWith('Error: unknown command "nope" for "hcp"\n');
    const disabled = await runProcess([HCP_BIN, "exit42"], {
      env: { ...env.env, HELM_NO_PLUGINS: "1" },
      cwd: env.work,
    });
    expect(disabled.stderr).toStartWith('Error: unknown command "exit42" for "hcp"\n');
  });

  test("uninstall and update of unknown names fail after handling the others", async () => {
    const { env, hcp } = await setup();
    await using _ = env;
    await hcp("plugin", "install", "src/exit42");
    const result = await hcp("plugin", "uninstall", "ghost", "exit42");
    expect(result.stdout).toBe("Uninstalled plugin: exit42\n");
    expect(result.stderr).toStartWith("Error: plugin: ghost not found\n");
    expect(result.exitCode).toBe(1);
    expect((await hcp("plugin", "uninstall")).stderr).toStartWith(
      "Error: please provide plugin name to uninstall\n",
    );
  });
});
