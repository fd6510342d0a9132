import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { isHcpError } from "../errors.ts";
import {
  fromYaml,
  fromYamlArray,
  isFastPathSafe,
  parseYaml,
  splitManifests,
  validateManifest,
} from "./index.ts";

const fast = { fastParse: (t: string) => Bun.YAML.parse(t) };

describe("parseYaml()", () => {
  test.each([
    ["a: yes\nb: on\ng: y\nm: Off\n", { a: true, b: true, g: true, m: false }],
    [
      "c: 0777\nd: 1_000\ni: 0x1F\nq: 0o17\no: 0b101\np: +12\n",
      { c: 511, d: 1000, i: 31, q: 15, o: 5, p: 12 },
    ],
    ["f: 2020-01-01\nk: 1:20\n", { f: "2020-01-01", k: "1:20" }],
    ["n: 1\n", { false: 1 }],
    ["", {}],
    ["# comment only\n", {}],
    ["a: 1\n---\nb: 2\n", { a: 1 }],
    ["a: -0\nb: -0.0\n", { a: 0, b: -0 }],
  ])("reads %j like Helm, with and without the fast parser", (text, want) => {
    expect(parseYaml(text)).toEqual(want);
    expect(parseYaml(text, fast)).toEqual(want);
  });

  test("keeps -0 apart from 0 like Go's float64", () => {
    expect(Object.is(parseYaml("a: -0\n", fast)["a"], 0)).toBe(true);
    expect(Object.is(parseYaml("a: -0.0\n", fast)["a"], -0)).toBe(true);
  });

  test.each([
    ["a: .inf\n", "error converting YAML to JSON: json: unsupported value: +Inf"],
    [
      "- 1\n",
      "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}",
    ],
    ["a: [1, 2\n", "error converting YAML to JSON: yaml: line 1: did not find expected ',' or ']'"],
  ])("rejects %j with Helm's message", (text, message) => {
    for (const options of [{}, fast]) {
      try {
        parseYaml(text, options);
        throw new Error("no error");
      } catch (err) {
        expect(isHcpError(err, "YAML_INVALID")).toBe(true);
        expect((err as Error).message).toBe(message);
      }
    }
  });

  test("keeps __proto__ as an ordinary key", () => {
    const v = parseYaml("__proto__: 1\n", fast);
    expect(Object.keys(v)).toEqual(["__proto__"]);
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
  });
});

describe("fromYaml() and fromYamlArray() read the first document", () => {
  // Counts the texts the fast parser was given, so the tests see which path ran.
  const counting = () => {
    const seen: string[] = [];
    const fastParse = (t: string) => {
      seen.push(t);
      return Bun.YAML.parse(t);
    };
    return { seen, fastParse };
  };

  test.each([
    ["a: 1\nb: [x]\n---\n", { a: 1, b: ["x"] }, true],
    ["a: |\n  line\n---   \n\n", { a: "line\n" }, true],
    ["a: 1\n...\n", { a: 1 }, true],
    ["# only a comment\n---\n", {}, true],
    ["a: 1\n---\nb: 2\n", { a: 1 }, false],
    // A marker after nothing but comments opens the first document (upstream CRD files).
    ["---\na: yes\n", { a: true }, true],
    ["# https://example.com/crd.yaml\n---\na: 1\n", { a: 1 }, true],
    ["# c\n\n--- # x\na: 1\n---\nb: 2\n", { a: 1 }, false],
  ])("%j: same map as the exact path (fast path taken: %p)", (text, want, viaFast) => {
    const c = counting();
    expect(fromYaml(text)).toEqual(want);
    expect(fromYaml(text, c)).toEqual(want);
    expect(c.seen.length > 0).toBe(viaFast);
  });

  test("an error before a final marker reads like the exact path's", () => {
    const text = 'a: "open\n---\n';
    expect(fromYaml(text, counting())).toEqual(fromYaml(text));
    expect(fromYaml(text)["Error"]).toBeString();
  });

  test("fromYamlArray takes the fast path too", () => {
    const c = counting();
    expect(fromYamlArray("- a\n- 0644\n- yes\n---\n", c)).toEqual(["a", 420, true]);
    expect(c.seen.length).toBe(1);
    expect(fromYamlArray("- a\n- 0644\n- yes\n")).toEqual(["a", 420, true]);
  });
});

describe("isFastPathSafe()", () => {
  test.each([
    ["replicas: 1\nport: 8080\nratio: 0.5\nimage: nginx:1.25\ntag: 1.2.3\nx: ~\n", true],
    ["enabled: yes\n", false],
    ["mode: 0644\n", false],
    ["1.0: a\n", false],
    ["a: !!str 1\n", false],
    ["a: 1\n---\nb: 2\n", false],
    ["# enabled: yes\na: 1\n", true],
    ["~: 1\n", false],
    ["retention: 10d\n", true],
    ["config: |\n  appendonly yes\n  mode 0755\n", true],
    ["- key: |\n    content\n  other: yes\n", false],
    ["a:\n  b: |-\n    x: !tag\n  c: on\n", false],
    ["a: |\n  x\nb: 0777\n", false],
    ["# [a]: b\n# !tag\nc: 1\n", true],
  ])("%j → %p", (text, want) => {
    expect(isFastPathSafe(text)).toBe(want);
  });

  const long = "A".repeat(1500);
  test.each([
    ["a long value after a short key (a certificate)", `tls.crt: ${long}\nb: 1\n`, true, true],
    ["a long quoted value", `- ca: "${long}"\n`, true, true],
    ["a long plain key", `${long}: 1\n`, false, false],
    ["a long flow value", `a: [${long}]\n`, false, false],
    ["a long continuation line", `a: x\n  ${long}\n`, false, false],
    [
      'a quoted scalar with a line starting "? " (CRD rules)',
      "rule: '(has(self.a)\n  ? 1 : 0) + 1'\n",
      false,
      true,
    ],
    ["a real complex key", "? a\n: 1\n", false, false],
  ])("%s: typed %p, manifest check %p", (_name, text, typed, check) => {
    expect(isFastPathSafe(text)).toBe(typed);
    expect(isFastPathSafe(text, { typing: false })).toBe(check);
  });
});

describe("conformance values.yaml files", () => {
  const dir = join(import.meta.dir, "../../../shared/conformance/charts");
  const files = [...new Bun.Glob("*/values.yaml").scanSync({ cwd: dir, onlyFiles: true })].sort();
  if (files.length === 0) {
    test.skip("conformance corpus absent (../shared/conformance): skipped", () => {});
    return;
  }
  test.each(files)("%s: fast path and exact path agree", async (file) => {
    const text = await Bun.file(join(dir, file)).text();
    expect(parseYaml(text, fast)).toEqual(parseYaml(text));
  });
});

describe("splitManifests()", () => {
  test.each([
    ["a: 1\n---\nb: 2\n", ["a: 1", "b: 2"]],
    ["---\na: 1\n---\n\n---\nb: 2", ["a: 1", "---\nb: 2"]],
    ["a: 1\n--- # c\nb: 2", ["a: 1", "# c\nb: 2"]],
    ["a: |\n  x\n  ---\n  y\n", ["a: |\n  x\n  ---\n  y"]],
    ["", []],
  ])("%j", (text, want) => {
    expect(splitManifests(text)).toEqual(want);
  });
});

describe("validateManifest()", () => {
  test("reads the head Helm sorts and hooks by", () => {
    const head = validateManifest(
      "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    helm.sh/hook: pre-install\n",
      "c/templates/p.yaml",
    );
    expect(head).toEqual({
      apiVersion: "v1",
      kind: "Pod",
      name: "p",
      annotations: { "helm.sh/hook": "pre-install" },
    });
  });

  test("helm-invalid-yaml: Helm's error wording", () => {
    const doc =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: "x-"\nspec:\n  containers:\n  - name: waiter\n    image: "alpine:3.9"\n    command: ["/bin/sleep","9000"]\ninvalid\n';
    expect(() =>
      validateManifest(doc, "chart-with-template-with-invalid-yaml/templates/alpine-pod.yaml"),
    ).toThrow(
      "YAML parse error on chart-with-template-with-invalid-yaml/templates/alpine-pod.yaml: error converting YAML to JSON: yaml: line 11: could not find expected ':'",
    );
  });
});

describe("conformance rendered outputs", () => {
  const dir = join(import.meta.dir, "../../../shared/conformance/expected");
  const files = [...new Bun.Glob("*.yaml").scanSync({ cwd: dir, onlyFiles: true })].sort();
  if (files.length === 0) {
    test.skip("conformance corpus absent (../shared/conformance): skipped", () => {});
    return;
  }
  test.each(files)(
    "%s: every document passes Helm's check, fast and exact heads agree",
    async (file) => {
      for (const doc of splitManifests(await Bun.file(join(dir, file)).text())) {
        const exact = validateManifest(doc, file);
        expect(validateManifest(doc, file, (t) => Bun.YAML.parse(t))).toEqual(exact);
      }
    },
  );
});
