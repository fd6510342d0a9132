import { describe, expect, test } from "bun:test";
import { INSTALL_ORDER, type ManifestHead, sortManifests, splitManifests } from "./manifests.ts";

describe("splitManifests() follows Helm 4.1.4's separator regexp", () => {
  test.each([
    { name: "plain", input: "a: 1\n---\nb: 2\n", want: ["a: 1", "b: 2"] },
    { name: "leading separator", input: "---\na: 1", want: ["a: 1"] },
    {
      name: "trailing spaces and blank lines around",
      input: "a: 1  \n\n---  \n\nb: 2",
      want: ["a: 1", "b: 2"],
    },
    { name: "not a separator mid-line", input: "a: x---y\n", want: ["a: x---y"] },
    { name: "four dashes split after three", input: "a: 1\n----\nb: 2", want: ["a: 1", "-\nb: 2"] },
    {
      name: "document marker with text after it",
      input: "a: 1\n--- # c\nb: 2",
      want: ["a: 1", "# c\nb: 2"],
    },
    {
      name: "empty documents dropped",
      input: "---\n---\n\n---\na: 1\n---\n",
      want: ["---", "a: 1"],
    },
    { name: "only whitespace", input: " \n\t\n", want: [] },
  ])("$name", ({ input, want }) => {
    expect(splitManifests(input)).toEqual([...want]);
  });
});

function head(doc: string): ManifestHead {
  const kind = /^kind: (.*)$/m.exec(doc)?.[1] ?? "";
  const hook = /helm.sh\/hook: (.*)$/m.exec(doc)?.[1];
  const weight = /helm.sh\/hook-weight: "?(-?\d+)"?$/m.exec(doc)?.[1];
  const annotations: Record<string, string> = {};
  if (hook !== undefined) annotations["helm.sh/hook"] = hook;
  if (weight !== undefined) annotations["helm.sh/hook-weight"] = weight;
  return {
    apiVersion: "v1",
    kind,
    name: /name: (.*)$/m.exec(doc)?.[1] ?? "",
    annotations: Object.keys(annotations).length > 0 ? annotations : undefined,
  };
}

describe("sortManifests()", () => {
  test("bucketed order equals a stable sort by Helm's kind comparison", () => {
    const rank = (k: string) => INSTALL_ORDER.indexOf(k);
    const less = (a: string, b: string) => {
      const [ra, rb] = [rank(a), rank(b)];
      if (ra < 0 && rb < 0) return a < b ? -1 : a > b ? 1 : 0;
      return ra < 0 ? 1 : rb < 0 ? -1 : ra - rb;
    };
    const pool = [...INSTALL_ORDER.slice(0, 12), "Zeta", "Alpha", "alpha", "", "Deployment"];
    let x = 7;
    for (let round = 0; round < 200; round++) {
      const files = new Map<string, string>();
      const n = round % 30;
      for (let i = 0; i < n; i++) {
        x = (x * 1103515245 + 12345) % 2147483648;
        files.set(
          `t/${String(i).padStart(3, "0")}.yaml`,
          `kind: ${pool[x % pool.length]}\nname: m${i}`,
        );
      }
      const got = sortManifests(files, head).manifests.map((m) => m.head.name);
      const want = [...files.values()]
        .map((c, index) => ({
          kind: c.slice(6, c.indexOf("\n")),
          name: c.slice(c.indexOf("name: ") + 6),
          index,
        }))
        .sort((a, b) => less(a.kind, b.kind) || a.index - b.index)
        .map((m) => m.name);
      expect(got).toEqual(want);
    }
  });
  test("install order by kind, stable within a kind, unknown kinds last alphabetically", () => {
    const files = new Map([
      ["c/templates/b.yaml", "kind: Zeta\nname: z\n---\nkind: Deployment\nname: d1"],
      [
        "c/templates/a.yaml",
        "kind: Service\nname: s\n---\nkind: Alpha\nname: a\n---\nkind: Namespace\nname: n",
      ],
      ["c/templates/c.yaml", "kind: Deployment\nname: d2"],
      ["c/templates/_helpers.tpl", "kind: ConfigMap\nname: never"],
      ["c/templates/empty.yaml", "  \n"],
    ]);
    const { manifests } = sortManifests(files, head);
    expect(manifests.map((m) => `${m.head.kind}/${m.head.name}`)).toEqual([
      "Namespace/n",
      "Service/s",
      "Deployment/d1",
      "Deployment/d2",
      "Alpha/a",
      "Zeta/z",
    ]);
  });

  test("hooks are separated; unknown hook events drop the document; test-success is test", () => {
    const files = new Map([
      [
        "c/templates/h.yaml",
        'kind: Job\nname: j\nhelm.sh/hook: pre-install, post-upgrade\nhelm.sh/hook-weight: "5"',
      ],
      ["c/templates/t.yaml", "kind: Pod\nname: t\nhelm.sh/hook: test-success"],
      ["c/templates/u.yaml", "kind: Pod\nname: u\nhelm.sh/hook: sometimes"],
    ]);
    const { hooks, manifests } = sortManifests(files, head);
    expect(manifests).toEqual([]);
    expect(hooks.map((h) => [h.name, h.events, h.weight])).toEqual([
      ["t", ["test"], 0],
      ["j", ["pre-install", "post-upgrade"], 5],
    ]);
  });
});
