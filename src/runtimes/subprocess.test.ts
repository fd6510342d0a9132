import { describe, expect, test } from "bun:test";
import { chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isHcpError } from "../errors.ts";
import { InvokeExecError, type Plugin, parseMetadata } from "../plugin/index.ts";
import { createSubprocessRuntime } from "./subprocess.ts";

async function pluginFrom(yaml: string, files: Record<string, string> = {}) {
  const dir = await mkdtemp(join(tmpdir(), "hcp-subprocess-"));
  for (const [name, text] of Object.entries(files)) {
    await writeFile(join(dir, name), text);
    await chmod(join(dir, name), 0o755);
  }
  const plugin: Plugin = createSubprocessRuntime().create(dir, parseMetadata(yaml));
  return {
    dir,
    plugin,
    async [Symbol.asyncDispose]() {
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function collector() {
  const chunks: Uint8Array[] = [];
  return {
    sink: (c: Uint8Array) => chunks.push(c),
    text: () => Buffer.concat(chunks).toString("utf8"),
  };
}

const PATH = process.env.PATH ?? "/usr/bin:/bin";

describe("subprocess runtime: cli/v1", () => {
  test("passes expanded args and extra args, and the given env", async () => {
    await using p = await pluginFrom(
      'name: echoer\nversion: 0.1.0\ncommand: "$HELM_PLUGIN_DIR/run.sh $HELM_PLUGIN_NAME"\n',
      { "run.sh": '#!/bin/sh\nprintf "%s|" "$@"; printf "%s" "$HELM_BIN"\n' },
    );
    const out = collector();
    await p.plugin.invoke({
      message: { type: "cli/v1", extraArgs: ["a b", "--x"] },
      env: { PATH, HELM_PLUGIN_DIR: p.dir, HELM_PLUGIN_NAME: "echoer", HELM_BIN: "hcp" },
      stdout: out.sink,
      stdin: "ignore",
    });
    expect(out.text()).toBe("echoer|a b|--x|hcp");
  });

  test("ignoreFlags drops every user argument", async () => {
    await using p = await pluginFrom(
      'apiVersion: v1\nname: quiet\ntype: cli/v1\nruntime: subprocess\nversion: 1.0.0\nconfig:\n  ignoreFlags: true\nruntimeConfig:\n  platformCommand:\n    - command: "$HELM_PLUGIN_DIR/run.sh fixed"\n',
      { "run.sh": '#!/bin/sh\necho "$#:$*"\n' },
    );
    const out = collector();
    await p.plugin.invoke({
      message: { type: "cli/v1", extraArgs: ["dropped"] },
      env: { PATH, HELM_PLUGIN_DIR: p.dir },
      stdout: out.sink,
      stdin: "ignore",
    });
    expect(out.text()).toBe("1:fixed\n");
  });

  test("a non-zero exit becomes InvokeExecError carrying the code", async () => {
    await using p = await pluginFrom('name: fail\ncommand: "$HELM_PLUGIN_DIR/x.sh"\n', {
      "x.sh": "#!/bin/sh\nexit 42\n",
    });
    let caught: unknown;
    try {
      await p.plugin.invoke({
        message: { type: "cli/v1", extraArgs: [] },
        env: { PATH, HELM_PLUGIN_DIR: p.dir },
        stdin: "ignore",
      });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(InvokeExecError);
    expect((caught as InvokeExecError).exitCode).toBe(42);
    expect((caught as Error).message).toBe('plugin "fail" exited with error');
  });

  test("a missing program is a fork/exec error", async () => {
    await using p = await pluginFrom("name: missing\ncommand: /nonexistent/bin\n");
    let caught: unknown;
    try {
      await p.plugin.invoke({ message: { type: "cli/v1", extraArgs: [] }, env: { PATH } });
    } catch (err) {
      caught = err;
    }
    expect(isHcpError(caught, "PLUGIN_START")).toBe(true);
    expect((caught as Error).message).toBe("fork/exec /nonexistent/bin: no such file or directory");
  });
});

describe("subprocess runtime: getter/v1 and postrenderer/v1", () => {
  const options = {
    URL: "",
    CertFile: "c.pem",
    KeyFile: "",
    CAFile: "",
    UNTar: false,
    InsecureSkipVerifyTLS: false,
    PlainHTTP: false,
    AcceptHeader: "",
    Username: "u",
    Password: "",
    PassCredentialsAll: false,
    UserAgent: "",
    Version: "",
    Timeout: 0,
  };

  test("getter gets cert/key/ca/href, runs from the plugin dir path, returns stdout", async () => {
    await using p = await pluginFrom(
      "name: g\nversion: 1.0.0\ndownloaders:\n  - command: get.sh\n    protocols: [s3]\n",
      { "get.sh": '#!/bin/sh\nprintf "%s," "$@"; printf "%s" "$HELM_PLUGIN_USERNAME"\n' },
    );
    const out = await p.plugin.invoke({
      message: { type: "getter/v1", href: "s3://b/k", protocol: "s3", options },
      env: { PATH },
    });
    expect(out.message.type).toBe("getter/v1");
    const data = out.message.type === "getter/v1" ? out.message.data : new Uint8Array();
    expect(new TextDecoder().decode(data)).toBe("c.pem,,,s3://b/k,u");
  });

  test("getter without a command for the scheme fails like Helm", async () => {
    await using p = await pluginFrom(
      "apiVersion: v1\nname: g\ntype: getter/v1\nruntime: subprocess\nversion: 1.0.0\nconfig:\n  protocols: [s3, gs]\nruntimeConfig:\n  protocolCommands:\n    - protocols: [s3]\n      platformCommand: [{command: get.sh}]\n",
    );
    await expect(
      p.plugin.invoke({
        message: { type: "getter/v1", href: "gs://b", protocol: "gs", options },
        env: { PATH },
      }),
    ).rejects.toThrow('no downloader found for protocol "gs"');
  });

  test("post-renderer receives manifests on stdin and returns stdout", async () => {
    await using p = await pluginFrom(
      'apiVersion: v1\nname: pr\ntype: postrenderer/v1\nruntime: subprocess\nversion: 1.0.0\nruntimeConfig:\n  platformCommand:\n    - command: "$HELM_PLUGIN_DIR/pr.sh"\n',
      { "pr.sh": '#!/bin/sh\necho "# args: $*"\ncat\n' },
    );
    const out = await p.plugin.invoke({
      message: {
        type: "postrenderer/v1",
        manifests: new TextEncoder().encode("kind: A\n"),
        extraArgs: ["x"],
      },
      env: { PATH, HELM_PLUGIN_DIR: p.dir },
    });
    const data = out.message.type === "postrenderer/v1" ? out.message.manifests : undefined;
    expect(new TextDecoder().decode(data)).toBe("# args: x\nkind: A\n");
  });
});

describe("subprocess runtime: hooks", () => {
  test("v1 hook args are not expanded; the program is; runs from the plugin dir", async () => {
    await using p = await pluginFrom(
      'apiVersion: v1\nname: hk\ntype: cli/v1\nruntime: subprocess\nversion: 1.0.0\nruntimeConfig:\n  platformHooks:\n    install:\n      - command: "$HELM_PLUGIN_DIR/hook.sh"\n        args: ["$HELM_PLUGIN_NAME"]\n',
      { "hook.sh": '#!/bin/sh\necho "$1 $(pwd)" > out.txt\n' },
    );
    await p.plugin.invokeHook("install", {
      env: { PATH, HELM_PLUGIN_DIR: p.dir, HELM_PLUGIN_NAME: "hk" },
    });
    const text = await readFile(join(p.dir, "out.txt"), "utf8");
    expect(text.startsWith("$HELM_PLUGIN_NAME ")).toBe(true);
  });

  test("legacy hooks run through sh -c with the env", async () => {
    await using p = await pluginFrom(
      'name: lh\nhooks:\n  update: "echo $HELM_PLUGIN_NAME > up.txt"\n',
    );
    await p.plugin.invokeHook("update", { env: { PATH, HELM_PLUGIN_NAME: "lh" } });
    expect(await readFile(join(p.dir, "up.txt"), "utf8")).toBe("lh\n");
  });

  test("a failing hook reports the event and plugin", async () => {
    await using p = await pluginFrom('name: bad\nhooks:\n  delete: "exit 3"\n');
    await expect(p.plugin.invokeHook("delete", { env: { PATH } })).rejects.toThrow(
      'plugin delete hook for "bad" exited with error',
    );
  });

  test("an event without hooks is a no-op", async () => {
    await using p = await pluginFrom("name: none\n");
    await p.plugin.invokeHook("install", { env: { PATH } });
  });
});
