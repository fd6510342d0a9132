import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { decodeTagged, type Tagged } from "../../test/golden/yaml/tagged.ts";
import * as Y from "./index.ts";

interface GoldenCase {
  readonly id: string;
  readonly fn: string;
  readonly input: Tagged;
  readonly want?: string;
  readonly error?: string;
}

const corpus = (await Bun.file(
  join(import.meta.dir, "../../test/golden/yaml/cases.json"),
).json()) as {
  helm: string;
  cases: GoldenCase[];
};

const conformanceValues = (await Bun.file(
  join(import.meta.dir, "../../test/golden/yaml/conformance-values.json"),
).json()) as {
  helm: string;
  charts: Record<string, Record<string, { sha256: string; length: number }>>;
};

type Fn = (input: unknown) => string;
const bunYaml = (t: string) => Bun.YAML.parse(t);
const FNS: Record<string, Fn> = {
  toYaml: (v) => Y.toYaml(v),
  mustToYaml: (v) => Y.mustToYaml(v),
  toYamlPretty: (v) => Y.toYamlPretty(v),
  toJson: (v) => Y.toJson(v),
  mustToJson: (v) => Y.mustToJson(v),
  toRawJson: (v) => Y.toRawJson(v),
  toPrettyJson: (v) => Y.toPrettyJson(v),
  fromYaml: (s) => Y.toJson(Y.fromYaml(s as string)),
  fromYamlArray: (s) => Y.toJson(Y.fromYamlArray(s as string)),
  "fromYaml (fast)": (s) => Y.toJson(Y.fromYaml(s as string, { fastParse: bunYaml })),
  "fromYamlArray (fast)": (s) => Y.toJson(Y.fromYamlArray(s as string, { fastParse: bunYaml })),
  fromJson: (s) => Y.toJson(Y.fromJson(s as string)),
  fromJsonArray: (s) => Y.toJson(Y.fromJsonArray(s as string)),
  toToml: (v) => Y.toToml(v),
  fromToml: (s) => Y.toJson(Y.fromToml(s as string)),
};

/** The message of Helm's failing call: "error calling FN: MESSAGE". */
function helmCallError(stderr: string): string {
  const m = /error calling \w+: (.*)\n/.exec(stderr);
  return m ? (m[1] as string) : stderr;
}

describe(`golden corpus from ${corpus.helm}`, () => {
  for (const fn of Object.keys(FNS)) {
    const cases = corpus.cases.filter((c) => c.fn === fn.replace(" (fast)", ""));
    if (cases.length === 0) continue;
    test.each(cases.map((c) => [c.id, c] as const))("%s", (_id, c) => {
      const call = FNS[fn] as Fn;
      const input =
        typeof c.input === "string" && c.fn.startsWith("from") ? c.input : decodeTagged(c.input);
      if (c.error !== undefined) {
        expect(() => call(input)).toThrow(helmCallError(c.error));
      } else {
        expect(call(input)).toBe(c.want as string);
      }
    });
  }
});

describe(`rendered manifests and values files through ${corpus.helm}`, () => {
  const manifests = corpus.cases.filter((c) => c.fn === "manifest");
  test.each(manifests.map((c) => [c.id, c] as const))("%s", (_id, c) => {
    for (const fast of [undefined, bunYaml]) {
      const run = () => {
        for (const doc of Y.splitManifests(c.input as string))
          Y.validateManifest(doc, "probe/templates/t.yaml", fast);
      };
      if (c.error === undefined) expect(run).not.toThrow();
      else expect(run).toThrow((c.error.split("\n")[0] as string).replace(/^Error: /, ""));
    }
  });

  const values = corpus.cases.filter((c) => c.fn === "values");
  const PREFIX = "Error: cannot load values.yaml: cannot unmarshal yaml document: ";
  test.each(values.map((c) => [c.id, c] as const))("%s", (_id, c) => {
    for (const fastParse of [undefined, (t: string) => Bun.YAML.parse(t)]) {
      const parse = () => Y.parseYaml(c.input as string, fastParse ? { fastParse } : {});
      if (c.error !== undefined) {
        expect(parse).toThrow((c.error.split("\n")[0] as string).replace(PREFIX, ""));
      } else {
        const b64 = /^v: (.*)$/m.exec(c.want as string)?.[1] as string;
        const json = new TextDecoder().decode(Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0)));
        expect(Y.toJson(parse())).toBe(json);
      }
    }
  });
});

describe(`document splitting like ${corpus.helm}`, () => {
  const cases = corpus.cases.filter((c) => c.fn === "split");
  const HEADER = "---\n# Source: probe/templates/t.yaml\n";
  test.each(cases.map((c) => [c.id, c] as const))("%s", (_id, c) => {
    const docs = Y.splitManifests(c.input as string);
    const check = () => {
      for (const doc of docs) {
        Y.validateManifest(doc, "probe/templates/t.yaml");
        Y.validateManifest(doc, "probe/templates/t.yaml", bunYaml);
      }
    };
    if (c.error !== undefined) {
      expect(check).toThrow((c.error.split("\n")[0] as string).replace(/^Error: /, ""));
      return;
    }
    check();
    const want = (c.want as string)
      .split(HEADER)
      .slice(1)
      .map((d) => d.replace(/\n$/, ""));
    expect(docs).toEqual(want);
  });
});

describe("conformance values.yaml files through fromYaml then toYaml/toYamlPretty/toJson", () => {
  const root = join(import.meta.dir, "../../../shared/conformance/charts");
  const golden = conformanceValues;
  const sha256 = (s: string) => new Bun.CryptoHasher("sha256").update(s).digest("hex");
  test.each(Object.keys(golden.charts))(`%s matches ${golden.helm}`, async (chart) => {
    const file = Bun.file(join(root, chart, "values.yaml"));
    if (!(await file.exists())) {
      console.warn(`skipped: ${chart} absent (../shared/conformance)`);
      return;
    }
    const v = Y.fromYaml(await file.text(), { fastParse: bunYaml });
    const want = golden.charts[chart] as Record<string, { sha256: string; length: number }>;
    const outs: Record<string, string> = {
      toYaml: Y.toYaml(v),
      toYamlPretty: Y.toYamlPretty(v),
      toJson: Y.toJson(v),
    };
    for (const [fn, out] of Object.entries(outs)) {
      expect({ fn, length: out.length, sha256: sha256(out) }).toEqual({
        fn,
        ...(want[fn] as { sha256: string; length: number }),
      });
    }
  });
});
