import { describe, expect, test } from "bun:test";
import { isHcpError } from "../errors.ts";
import { isStrictSemver, parseMetadata, sanitizeHelp } from "./metadata.ts";

const v1 = (
  extra: string,
  head = "apiVersion: v1\nname: x\ntype: cli/v1\nruntime: subprocess\nversion: 1.0.0\n",
) => head + extra;

// Messages are Helm 4.1.4's (../shared/testdata/provenance/results.md § Loading and validation).
const rejected: { name: string; input: string; want: string }[] = [
  {
    name: "legacy bad name",
    input: 'name: "a.b"\nversion: 1.0.0\n',
    want: 'invalid plugin name "a.b": must contain only a-z, A-Z, 0-9, _ and -',
  },
  {
    name: "legacy traversal name",
    input: 'name: "../x"\n',
    want: 'invalid plugin name "../x": must contain only a-z, A-Z, 0-9, _ and -',
  },
  {
    name: "legacy empty name",
    input: "version: 1.0.0\n",
    want: 'invalid plugin name "": must contain only a-z, A-Z, 0-9, _ and -',
  },
  {
    name: "legacy unicode name",
    input: "name: plügin\n",
    want: 'invalid plugin name "plügin": must contain only a-z, A-Z, 0-9, _ and -',
  },
  {
    name: "legacy both commands",
    input: "name: both\nversion: 1.0.0\ncommand: echo hi\nplatformCommand:\n  - command: echo\n",
    want: "both platformCommand and command are set",
  },
  {
    name: "legacy both hooks",
    input:
      "name: both\nversion: 1.0.0\nhooks:\n  install: echo\nplatformHooks:\n  install:\n    - command: echo\n",
    want: "both platformHooks and hooks are set",
  },
  {
    name: "legacy downloader empty protocol",
    input: 'name: dl\nversion: 1.0.0\ndownloaders:\n  - command: x\n    protocols: ["a", ""]\n',
    want: "downloader 0 has empty protocol at index 1",
  },
  {
    name: "legacy downloader without command",
    input: "name: dl\nversion: 1.0.0\ndownloaders:\n  - protocols: [x]\n",
    want: "downloader 0 has empty command",
  },
  {
    name: "legacy downloader without protocols",
    input: "name: dl\nversion: 1.0.0\ndownloaders:\n  - command: x\n",
    want: "downloader 0 has no protocols",
  },
  {
    name: "not yaml",
    input: "name: [unclosed\n",
    want: "failed to peek plugin.yaml API version: yaml: ",
  },
  {
    name: "apiVersion v2",
    input: "apiVersion: v2\nname: x\ntype: cli/v1\nruntime: subprocess\nversion: 1.0.0\n",
    want: 'invalid plugin apiVersion: "v2"',
  },
  {
    name: "v1 bad name",
    input: 'apiVersion: v1\nname: "bad name"\ntype: cli/v1\nruntime: subprocess\nversion: 1.0.0\n',
    want: "invalid plugin `name`",
  },
  {
    name: "v1 config type error",
    input: v1('config:\n  ignoreFlags: "notabool"\n'),
    want: "failed to convert MetadataV1 to Metadata: yaml: unmarshal errors:\n  line 1: cannot unmarshal !!str `notabool` into bool",
  },
  {
    name: "v1 negative maxPages",
    input: v1(
      "runtimeConfig:\n  memory:\n    maxPages: -1\n",
      "apiVersion: v1\nname: x\ntype: cli/v1\nruntime: extism/v1\nversion: 1.0.0\n",
    ),
    want: "failed to convert MetadataV1 to Metadata: failed to unmarshal runtimeConfig for extism/v1 runtime: yaml: unmarshal errors:\n  line 2: cannot unmarshal !!int `-1` into uint32",
  },
  {
    name: "v1 getter without protocols",
    input: "apiVersion: v1\nname: x\ntype: getter/v1\nruntime: subprocess\nversion: 1.0.0\n",
    want: "config validation failed: getter has no protocols",
  },
  {
    name: "v1 without runtime",
    input: "apiVersion: v1\nname: x\ntype: cli/v1\nversion: 1.0.0\n",
    want: "`runtime` missing",
  },
  {
    name: "v1 without type",
    input: "apiVersion: v1\nname: x\nruntime: subprocess\nversion: 1.0.0\n",
    want: "`type` missing",
  },
  {
    name: "v1 without version",
    input: "apiVersion: v1\nname: x\ntype: cli/v1\nruntime: subprocess\n",
    want: "plugin `version` is required",
  },
  {
    name: "v1 unknown config field",
    input: v1("config:\n  usage: x\n  bogus: 1\n"),
    want: "failed to convert MetadataV1 to Metadata: yaml: unmarshal errors:\n  line 1: field bogus not found in type schema.ConfigCLIV1",
  },
  {
    name: "v1 unknown top-level field",
    input: v1("description: not a v1 field\n"),
    want: "yaml: unmarshal errors:\n  line 6: field description not found in type plugin.MetadataV1",
  },
  {
    name: "v1 unknown runtime",
    input: "apiVersion: v1\nname: x\ntype: cli/v1\nruntime: wasm\nversion: 1.0.0\n",
    want: 'failed to convert MetadataV1 to Metadata: unsupported plugin runtime type: "wasm"',
  },
  {
    name: "v1 unknown type",
    input: "apiVersion: v1\nname: x\ntype: bogus/v1\nruntime: subprocess\nversion: 1.0.0\n",
    want: 'failed to convert MetadataV1 to Metadata: unknown plugin type "bogus/v1"',
  },
  {
    name: "v1 version with v prefix",
    input: "apiVersion: v1\nname: x\ntype: cli/v1\nruntime: subprocess\nversion: v1.0.0\n",
    want: 'invalid plugin `version` "v1.0.0": must be valid semver',
  },
  {
    name: "render/v1 without patterns",
    input: "apiVersion: v1\nname: x\ntype: render/v1\nruntime: extism/v1\nversion: 1.0.0\n",
    want: "config validation failed: render plugin has no patterns",
  },
];

describe("parseMetadata() rejects invalid plugin.yaml", () => {
  test.each(rejected)("$name", ({ input, want }) => {
    let caught: unknown;
    try {
      parseMetadata(input, { file: "p/plugin.yaml" });
    } catch (err) {
      caught = err;
    }
    expect(isHcpError(caught, "PLUGIN_INVALID_METADATA")).toBe(true);
    expect((caught as Error).message.startsWith(want)).toBe(true);
    expect((caught as { file?: string }).file).toBe("p/plugin.yaml");
  });

  test("reports every problem at once", () => {
    expect(() =>
      parseMetadata('apiVersion: v1\nname: "bad name"\ntype: cli/v1\nruntime: wasm\n'),
    ).toThrow(
      'invalid plugin `name`\nplugin `version` is required\nfailed to convert MetadataV1 to Metadata: unsupported plugin runtime type: "wasm"',
    );
  });
});

describe("parseMetadata() accepts valid plugin.yaml", () => {
  test("legacy without version, unknown fields ignored", () => {
    const m = parseMetadata("name: unk\nfoo: bar\ncommand: echo hi\nusage: say\thi\n");
    expect(m).toMatchObject({ apiVersion: "legacy", name: "unk", version: "", type: "cli/v1" });
    expect(m.config).toEqual({
      type: "cli/v1",
      usage: "",
      shortHelp: "say hi",
      longHelp: "",
      ignoreFlags: false,
    });
    expect(m.runtimeConfig).toMatchObject({
      runtime: "subprocess",
      platformCommand: [{ os: "", arch: "", command: "echo hi", args: [] }],
    });
  });

  test("legacy hooks become sh -c and are not arg-expanded", () => {
    const m = parseMetadata('name: h\nhooks:\n  install: "echo $HELM_PLUGIN_DIR"\n');
    expect(m.runtimeConfig).toMatchObject({
      platformHooks: { install: [{ command: "sh", args: ["-c", "echo $HELM_PLUGIN_DIR"] }] },
      expandHookArgs: false,
    });
  });

  test("legacy platformHooks are arg-expanded", () => {
    const m = parseMetadata(
      "name: h\nplatformHooks:\n  delete:\n    - command: rm\n      args: [$X]\n",
    );
    expect(m.runtimeConfig).toMatchObject({ expandHookArgs: true });
  });

  test("legacy downloaders make a getter only, with every protocol", () => {
    const m = parseMetadata(
      "name: g\ncommand: echo\ndownloaders:\n  - command: bin/a\n    protocols: [s3, gs]\n  - command: bin/b\n    protocols: [x]\n",
    );
    expect(m.type).toBe("getter/v1");
    expect(m.config).toEqual({ type: "getter/v1", protocols: ["s3", "gs", "x"] });
  });

  test("legacy prerelease+build version", () => {
    expect(parseMetadata("name: sb\nversion: 1.0.0-rc.1+build.5\n").version).toBe(
      "1.0.0-rc.1+build.5",
    );
  });

  test("v1 extism with defaults", () => {
    const m = parseMetadata(
      "apiVersion: v1\nname: w\ntype: cli/v1\nruntime: extism/v1\nversion: 0.1.0\nsourceURL: https://e.x\nruntimeConfig:\n  timeout: 500\n  config: {a: 1}\n",
    );
    expect(m.sourceURL).toBe("https://e.x");
    expect(m.runtimeConfig).toEqual({
      runtime: "extism/v1",
      memory: { maxPages: 0, maxHttpResponseBytes: 0, maxVarBytes: 0 },
      config: { a: "1" },
      allowedHosts: [],
      fileSystem: { createTempDir: false },
      timeout: 500,
      hostFunctions: [],
      entryFuncName: "helm_plugin_main",
    });
  });

  test("v1 ignores unknown runtimeConfig keys", () => {
    const m = parseMetadata(v1('runtimeConfig:\n  command: "echo hi"\n'));
    expect(m.runtimeConfig).toMatchObject({ platformCommand: [] });
  });

  test("v1 test/v1 loads", () => {
    expect(
      parseMetadata(
        v1("", "apiVersion: v1\nname: x\ntype: test/v1\nruntime: subprocess\nversion: 1.0.0\n"),
      ).type,
    ).toBe("test/v1");
  });

  test("render/v1 keeps patterns and accepts description", () => {
    const m = parseMetadata(
      "apiVersion: v1\nname: pkl\ntype: render/v1\nruntime: extism/v1\nversion: 0.1.0\ndescription: renders pkl\nconfig:\n  patterns: ['templates/*.pkl']\n",
    );
    expect(m.config).toEqual({ type: "render/v1", patterns: ["templates/*.pkl"] });
  });
});

describe("isStrictSemver() follows SemVer 2 exactly", () => {
  test.each([
    ["0.0.0", true],
    ["1.0.0-rc.1", true],
    ["1.0.0+b.1", true],
    ["1.0.0-rc.1+build.5", true],
    ["v1.0.0", false],
    ["1.0", false],
    ["01.0.0", false],
    ["1.0.0-01", false],
    ["1.2.3-alpha_1", false],
    ["1.0.0 ", false],
    ["1.0.0.0", false],
  ])("%p → %p", (input, want) => {
    expect(isStrictSemver(input)).toBe(want);
  });
});

test("sanitizeHelp() turns whitespace into spaces and drops control characters", () => {
  expect(sanitizeHelp("a\tb\u00a0c\u0007d")).toBe("a b cd");
});

describe("the fast path (Bun.YAML) decides exactly like the full parse", () => {
  const outcome = (text: string, fast: boolean) => {
    try {
      return { ok: parseMetadata(text, fast ? { fastParse: Bun.YAML.parse } : {}) };
    } catch (err) {
      return { error: (err as Error).message };
    }
  };
  const inputs = [
    ...rejected.map((c) => c.input),
    "name: unk\nfoo: bar\ncommand: echo hi\nusage: say\thi\n",
    'name: h\nhooks:\n  install: "echo $HELM_PLUGIN_DIR"\n',
    "name: g\ndownloaders:\n  - command: bin/a\n    protocols: [s3, gs]\n",
    "name: n\nversion: 1.0.0\nplatformCommand:\n  - command: x\n    args: [0755, 1e3, yes]\n",
    "name: 123\nversion: 1.0.0\n",
    v1("runtimeConfig:\n  timeout: 500\n  config: {a: 1, b: x}\n"),
    v1("config:\n  usage: 'x y'\n  ignoreFlags: true\n"),
    "apiVersion: v1\nname: pkl\ntype: render/v1\nruntime: extism/v1\nversion: 0.1.0\nconfig:\n  patterns: ['templates/*.pkl']\n",
  ];
  test.each(inputs)("%p", (input) => {
    expect(outcome(input, true)).toEqual(outcome(input, false));
  });
});
