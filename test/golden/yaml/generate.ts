/**
 * Regenerates cases.json, the YAML/JSON/TOML golden corpus, from the reference Helm binary:
 *   bun test/golden/yaml/generate.ts            (finds helm via HCP_REF_HELM or get-helm.sh)
 * Each case names a Helm function, its input (a tagged value for the to* functions, a string for
 * the from* functions) and what Helm 4 printed. from* results are piped through toJson so their
 * types show. Cases where Helm fails keep its error text. `manifest`, `values` and `split`
 * cases render a chart whose template (or values.yaml) is the input, for Helm's manifest check,
 * values-file errors and document splitting.
 */
import { join } from "node:path";
import { requireReferenceHelm } from "../../helpers/env.ts";
import { probeAll, probeFile } from "./helm-probe.ts";
import { goQuote, type Tagged, toTemplateExpr } from "./tagged.ts";

const TO_FNS = ["toYaml", "toJson", "toRawJson", "toPrettyJson", "toYamlPretty"] as const;

/** Strings whose quoting or style matters. */
const STRINGS: string[] = [
  "", " ", "  ", "a", "abc", "hello world", "yes", "no", "y", "n", "Y", "N", "on", "off", "On",
  "Off", "ON", "OFF", "Yes", "YES", "No", "NO", "true", "True", "TRUE", "false", "False",
  "FALSE", "tRue", "null", "Null", "NULL", "nULL", "~", "1", "-1", "+1", "01", "0", "00", "-0",
  "1.5", "-1.5", "1.", ".5", "+.5", "1e3", "1E3", "1e+3", "1e-3", "1e", "e1", "0x1F", "0X1F",
  "0o17", "0O17", "0777", "08", "0b101", "1_000", "1__0", "+12", ".inf", "-.inf", ".Inf",
  ".INF", ".nan", ".NaN", "inf", "nan", "NaN", "Infinity", "1:20", "1:20:30", "190:20:30.15",
  "2020-01-01", "2020-01-01T00:00:00Z", "2001-12-14 21:59:43.10 -5", "12:30", "1.2.3",
  "v1.2.3", "0.1.2", "1x", "x1", "a: b", "a:b", "a:", ":a", "a :b", "a #b", "a#b", "#a",
  "# a", "- a", "-a", "-", "--", "---", "--- a", "...", "....", "? a", "?a", "?", ":", ": a",
  "&a", "*a", "!a", "!!str", "|a", ">a", "%a", "@a", "`a", "'a", '"a', "a'b", 'a"b', "'",
  '"', "\\", "\\n", "a\\b", "{a}", "{", "}", "[a]", "[", "]", "a,b", ",a", "a,", "a]", "a}",
  "a[b]", "a{b}", "=", "<<", "a=b", "a b", " a", "a ", " a ", "a  b", "\ta", "a\t", "a\tb",
  "a\nb", "a\n", "a\n\n", "a\n\n\n", "\na", "\n", "\n\n", "a\n b", " a\nb", "  a\n  b",
  "a \nb", "a\n b\n", "a\r\nb", "a\rb", "line1\nline2\nline3\n", "a\n\nb", "a\n#b",
  "key: value\nother: 2\n", "é", "日本語", "emoji 😀", "ü: x", "\u2028", "a\u2028b", "\u2029",
  "\u0000", "a\u0007b", "\u007f", "\u0085", "a\u0085b", "\u00a0", "a\u00a0", "\ufeff", "\ufeffa",
  "<>&", "a<b>c&d", "</script>", "http://example.com/a?b=c&d=e#f", "*", "!", "&", "%", "@",
  "|", ">", "+", ".", "..", ".a", "a.", "~a", "true ", " true", "null ", "a\t\tb", "100%",
  "50% off", "$HOME", "${x}", "{{ .Values }}", "C:\\path", "/usr/bin", "-----BEGIN-----",
  "a - b", "a -b", "a- b", "1 2", "1,000", "1_0", "0x", "0b", "0o", "0xG", "+", "-+1", "--1",
  "1e400", "-1e400", "0.1e-5", "9223372036854775808", "18446744073709551616",
  "12345678901234567890123", "a".repeat(100), "word ".repeat(30).trim(), "word ".repeat(30),
  `${"x".repeat(70)} ${"y".repeat(20)} ${"z".repeat(90)}`, `${"a".repeat(79)} b`,
  `${"a".repeat(80)} b`, `${"a".repeat(81)} b`, `k ${"a".repeat(76)} b c`,
  `${"w ".repeat(50)}`, `${"w  ".repeat(40)}`, `${"long ".repeat(20)}\n${"line ".repeat(20)}`,
  `"${"q ".repeat(45)}"`, `${"y ".repeat(44)}#c`, `a: ${"b ".repeat(50)}`,
  `${" ".repeat(3)}${"lead ".repeat(20)}`, `${"é ".repeat(50)}`, `${"日本 ".repeat(40)}`,
  `${"tab\t".repeat(30)}`, `${"x".repeat(200)}\n${"y".repeat(200)}`,
];

/** Non-string scalars and structures. */
const VALUES: Tagged[] = [
  null, true, false, 0, 1, -1, 1.5, -1.5, 0.1, 0.5, 100, 1e6, 1e7, 1e15, 1e20, 1e21, 1.5e21,
  123456789, 1234567890123, 1e-6, 1e-7, 0.000001, 0.0000012, 3.14159, 1.2345678901e10,
  2 ** 53, 2 ** 53 + 2, 2 ** 63, 1e100, 5e-324, 1.7976931348623157e308, 123456789012345680000,
  0.30000000000000004, 100.25, -0.0001, { $f: "-0" }, { $i: "0" }, { $i: "1" }, { $i: "-1" },
  { $i: "1000000" }, { $i: "9223372036854775807" }, { $i: "-9223372036854775808" },
  { $i: "9007199254740993" }, [], {}, [1, 2, 3], ["a", "b"], [null], [[]], [{}], [[1, 2], [3]],
  [{ a: 1, b: 2 }, { c: [1, 2] }], { a: 1 }, { a: { b: { c: { d: "deep" } } } },
  { a: [1, 2], b: { c: [] }, d: {} }, { list: [{ name: "x", value: "y" }, { name: "z" }] },
  { a: null, b: [null, 1] }, { "": "empty key" }, { " ": 1 },
  // No "1a"-like keys next to "9" and "10": go-yaml's key order is cyclic there (9 < 10 < 1a < 9)
  // and Helm's output then depends on Go's random map order.
  { a10: 1, a9: 2, a1: 3, a01: 4, a001: 5, b: 6, B: 7, _x: 8, "10": 9, "9": 10, "0x": 11 },
  { z: 1, a: 2, m: 3, Z: 4, A: 5 }, { "a.b": 1, "a-b": 2, a_b: 3, "a b": 4, "a:b": 5 },
  { "x1y10": 1, "x1y9": 2, "x01y1": 3, "x1y01": 4 }, { "2": "a", "10": "b", "1.5": "c", "-1": "d" },
  { y: 1, n: 2, yes: 3, no: 4, on: 5, off: 6, true: 7, null: 8, "~": 9, "1": 10, "1.0": 11 },
  { "-a": 1, "? a": 2, "#a": 3, "a#": 4, "a #": 5, "&a": 6, "*a": 7, "!a": 8, "|": 9 },
  { "key with\nnewline": 1 }, { "é": 1, "日本": 2, e: 3, f: 4 },
  { "k": "multi\nline", "l": ["multi\nline", "x"] }, { m: { n: ["a\nb", { o: "c\nd\n" }] } },
  [["a\nb"]], [[[1]]], [{ a: [{ b: [{ c: 1 }] }] }], { a: [[1, 2], [3, [4, 5]]] },
  { a: { "": { "": 1 } } }, { longkey: `${"v ".repeat(60)}` }, [`${"v ".repeat(60)}`],
  { a: { b: { c: `${"deep ".repeat(30)}` } } }, { "<a>": "&b" }, ["<", ">", "&"],
  { a: 1.5, b: { $i: "2" }, c: true, d: null, e: "s", f: [], g: {} },
  { $f: "NaN" }, { $f: "+Inf" }, { a: { $f: "-Inf" } },
  1234567.5, 123456.5, 0.0001, 0.00001, 12345678.9, 1e-5, 2.5e-8, 999999.9, 1e22, -1e21,
  { a: 1234567.5, b: 1e-5, c: 1e22, d: 0.1, e: 100000000, f: -2.5 }, [0.5, 1e6, 1e-7],
];

/** YAML texts for fromYaml / fromYamlArray: Helm's YAML 1.1 typing, syntax, errors. */
const YAML_DOCS: string[] = [
  "a: yes\nb: on\nc: 0777\nd: 1_000\nf: 2020-01-01\ng: y\ni: 0x1F\nk: 1:20\nm: Off\nn: 0o17\no: 0b101\np: +12\n",
  "y: 1\nn: 2\nyes: 3\nno: 4\non: 5\noff: 6\nTrue: 7\nNULL: 8\n~: 9\n",
  "1: a\n2.5: b\n-1: c\n0x10: d\n1e3: e\n3.0: f\n010: g\n+5: h\n.5: i\n1_0: j\n1e6: k\n",
  "a: 1\nb: 1.0\nc: 1e3\nd: -0\ne: -0.0\nf: 0.0\ng: 1.\nh: .5\ni: 12345678901234567890\nj: 9007199254740993\n",
  "a: .inf\n", "a: -.Inf\n", "a: .nan\n", "a: 1e400\n", "a: 0b2\n", "a: 09\n", "a: 0o8\n",
  "a: 0x\n", "a: 1__0\n", "a: _1\n", "a: 1_\n", "a: 0_7\n", "a: -0x1F\n", "a: +0x1F\n",
  "a: -0b11\n", "a: 0B11\n", "a: 0O17\n", "a: 0X1F\n", "a: -010\n", "a: 1.5e3\n", "a: 1E+3\n",
  "a: 1.5E-3\n", "a: +1.5\n", "a: 1:20:30\n", "a: 190:20:30.15\n", "a: 2001-12-14t21:59:43.10-05:00\n",
  "a: 2002-12-14\nb: !!timestamp 2002-12-14\n", "a: ~\nb: null\nc: Null\nd: NULL\ne:\nf: nULL\n",
  "a: true\nb: True\nc: TRUE\nd: tRUE\ne: Y\nf: N\ng: YES\nh: NO\ni: ON\nj: OFF\nk: yEs\n",
  "a: !!str 123\nb: !!int \"5\"\nc: !!float 1\nd: !!bool yes\ne: !!null ''\n",
  "a: !!binary aGVsbG8=\n", "a: !custom bar\n", "a: !!str\n", "a: !!map {b: 1}\n",
  "a: !!int 1.5\n", "a: !!float abc\n", "a: !!bool maybe\n",
  "base: &b\n  x: 1\n  y: 2\nderived:\n  <<: *b\n  y: 3\n",
  "a: &a {p: 1}\nb: &b {q: 2}\nc:\n  <<: [*a, *b]\n  r: 3\n",
  "a: &x hello\nb: *x\nc: [*x, *x]\n", "a: *nope\n", "a: &x [1, 2]\nb: *x\n",
  "<<: {a: 1}\nb: 2\n", "a:\n  <<: 5\n", "a: 1\na: 2\n", "a:\n  b: 1\n  b: 2\n",
  "a: 1\nA: 2\n", "y: a\ntrue: b\n", "a: 1\n---\nb: 2\n", "---\na: 1\n",
  "a: 1\n...\n", "a: 1\n---\n: - [\n", "", "# only a comment\n", "---\n", "~\n", "null\n",
  "- 1\n- 2\n", "hello\n", "42\n", "true\n", "\"a\": 1\n", "{a: 1, b: [2, 3]}\n", "[1, 2]\n",
  "a: [1, 2\n", "a: {b: 1\n", "a: b: c\n", "a:\n- b\n  c: d\n", "a:\tb\n", "\ta: 1\n",
  "a:\n\tb: 1\n", "a: 'unterminated\n", "a: \"unterminated\n", "a: 1\n b: 2\n",
  "a:\n  b: 1\n c: 2\n", "- a\nb: 1\n", "a: |\n  line1\n  line2\n", "a: |-\n  x\n",
  "a: |+\n  x\n\n", "a: >\n  folded\n  text\n\n  para\n", "a: >-\n  x\n  y\n",
  "a: |2\n   indented\n", "a: \"esc \\t \\n \\u00e9 \\x41 \\\\\"\n", "a: 'it''s'\n",
  "a: \"multi\n  line\"\n", "a: plain\n  continued\n", "a: x # comment\n", "a: x#y\n",
  "? complex\n: value\n", "? [1, 2]\n: v\n", "? {a: 1}\n: v\n", "[a, b]: c\n", "a: {b: }\n",
  "a: [b, c, ]\n", "a: [ ]\nb: { }\n", "a: - b\n", "a: @x\n", "a: `x\n", "a: %x\n",
  "%YAML 1.1\n---\na: 1\n", "%TAG ! tag:x,2000:\n---\na: !b 1\n", "a: b\n\n\n", "\n\na: 1\n",
  "a: \"\\uD83D\\uDE00\"\n", "a: \"\\U0001F600\"\n", "a: 😀\n", "é: ü\n", "a: \u00a0x\n",
  "a:\n  - b\n  -\n  - c\n", "a:\n  -\n    b: 1\n", "a: [1, [2, [3]]]\n", "a: {b: {c: {}}}\n",
  "__proto__: 1\nconstructor: 2\n", "a:\r\n  b: 1\r\n", "\ufeffa: 1\n", "a: \"\\/\"\n",
  "a: x\nb: *\n", "key with spaces: 1\n\"quoted key\": 2\n'single': 3\n", "? a\n? b\n",
  "a: !!set {x, y}\n", "a: !!omap [x: 1, y: 2]\n", "- &a 1\n- *a\n", "a: ''\nb: \"\"\n",
  "a: \"x\\\ny\"\n", "a: \"x\ny\"\n", "a: 'x\ny'\n", "a:\n  b: \"x\n  y\"\n", "a: \"x\n\ny\"\n",
  "a: 'x\n\n  y'\n", "a: x\n  # c\n  y\n", "a: >\n  x\n\n   y\n  z\n", "k: |+\n  a\n\n\nb: 1\n",
  "a: \"\\x41\\u00e9\\U0001F600\\N\\_\\L\\P\\e\\0\"\n", "a: ! x\n", "a: [1, {b: 2}, [3]]\n",
  "a:\n- 1\n-\n- [ ]\n", "- \"x\ny\"\n", "a:\n  - 'p\n  q'\n", "a: \"x\n    y\n z\"\n",
  "a: 'it''s\nok'\n", "a: \"# not comment\"\nb: x #c\n", "a: \"x\" # c\n", "a: x\n\n  y\n",
  "script: |\n  key: value\n\t\n  echo b\n", "script: |\n  x\n \t\n  y\n", "a:\n  b: 1\n\t\n  c: 2\n",
  "a: [1,\n\t2]\n", "a: {b: 1,\n\tc: 2}\n", "a: [\n\t\"x\",\n\t'y']\n",
];

const JSON_DOCS: string[] = [
  '{"a":1,"b":1.5,"c":"x","d":null,"e":true,"f":[1,"2"],"g":{}}', '{"a":1e400}', "{",
  '{"a":1,}', "[1,2]", "1", '"s"', "null", "", " ", '{"a":12345678901234567890}',
  '{"b":2,"a":1,"b":3}', '{"a":"\\u003c\\u2028"}', '{"a":-0}', '{"a":1E2}', "{'a':1}",
  '{"a":1} x', '{"a":"\\ud800"}', '{"__proto__":{"x":1}}', '{"a":[]}', "[]", "[{}]",
  "[1,", '{"a":01}', "NaN", '{"a":.5}',
];

const TOML_DOCS: string[] = [
  'a = 1\nb = 1.5\nc = "x"\nd = true\ne = [1, 2]\n[t]\nx = "y"\n[[arr]]\nn = 1\n[[arr]]\nn = 2\n',
  "a = 1979-05-27T07:32:00Z\n", "a = \n", "a = 'lit'\nb = \"\"\"multi\nline\"\"\"\n",
  "a = 9223372036854775807\nb = 0x1F\nc = 1_000\nd = inf\ne = nan\n", "x.y.z = 1\n", "[a\n",
  "a = [[1, 2], ['a']]\n", "a = {b = 1, c = {d = 2}}\n", "",
];

/** Rendered manifests (as a template file) that Helm's YAML check accepts or rejects. */
const MANIFESTS: string[] = [
  "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\ninvalid\n", "a: b: c\n", "a:\n- b\n  c: d\n",
  "a: [1, 2\n", "a: {b: 1\n", "\ta: 1\n", "a:\n\tb: 1\n", "a: 'x\n", "a: \"x\n", "a: 1\n b: 2\n",
  "a:\n  b: 1\n c: 2\n", "- a\nb: 1\n", "a: - b\n", "a: @x\n", "a: *nope\n", "a: x\nb: *\n",
  "a: 1\na: 2\n", "- 1\n- 2\n", "hello\n", "a: .inf\n", "kind: ConfigMap\ndata:\n  k: |\n    x\n   y\n",
  "a: \"\\/\"\n", "x:\n  - a\n  b: c\n", "a: b\n  c: d\n", "k: v\n# c\n  - x\n",
  "apiVersion: v1\nkind: List\nitems:\n- a\n -b\n", "a:\n  - b\n   - c\n", "{a: 1\n", "[1, 2\n",
  "a: 1\n---\nb: [\n", "a: 'it''s\n", "? a\n: b\n: c\n", "a: !!int x\n", "a: !!binary '@@'\n",
  `${"k".repeat(1100)}: 1\n`, "a: &x 1\nb: &x 2\nc: *x\n", "a: [1, 2]]\n", "a: {b: [}\n", "a: 'x' y\n",
  "a: \"x\"y\n", "- a\n  - b\n", "a:\n  - b\n  c\n", "key: |\n  text\n bad: 1\n",
  "a: 1 # comment\n#only\n  b: 2\n", "? x\n", "a: b\n\t\nc: d\n", "a: b\t\n", "a:\n  b: 1\n  \tc: 2\n",
  "a: &anchor\n  b: 1\nc: *anchor\n", "{a: 1, a: 2}\n", "a: b\n ...\n", "%YAML 1.2\n---\na: 1\n",
  "a: 'x'\n'b': 'y'\n", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: 0777\n",
  "kind: 0x1F\nmetadata:\n  name: yes\n", "a: b\nc\n", "a: \"x\\\n  y\"\n", "a:\n- b: 1\n c: 2\n",
];

/** Template outputs for Helm's document splitting (releaseutil.SplitManifests). */
const SPLITS: string[] = [
  "a: 1\n---\nb: 2\n", "---\na: 1\n", "a: 1\n---\n", "a: 1\n--- \nb: 2\n", "a: 1\n---\n---\nb: 2\n",
  "a: 1\n---\n\n---\nb: 2\n", "a: 1\n---x: 2\n", "a: 1\n--- # c\nb: 2\n", "a: 1\n  ---\nb: 2\n",
  "a: |\n  x\n---\nb: 2\n", "\n\n  a: 1\n\n", "# only comment\n", "a: 1\n---\n# c\n",
  "a: 1\r\n---\r\nb: 2\r\n", "a: 1\n\t---\nb: 2\n", "---\n---\n", "a: 1\n----\nb: 2\n",
  "a: 1\n...\nb: 2\n", "a: 1\n---   \n  b: 2\n", "x: '---'\n",
];

interface Case {
  id: string;
  fn: string;
  input: Tagged;
  want?: string;
  error?: string;
}

function buildCases(): { cases: Case[]; exprs: string[] } {
  const cases: Case[] = [];
  const exprs: string[] = [];
  const add = (fn: string, input: Tagged, expr: string) => {
    cases.push({ id: `${fn}-${cases.filter((c) => c.fn === fn).length + 1}`, fn, input });
    exprs.push(expr);
  };
  const values: Tagged[] = [
    ...STRINGS.map((s) => ({ k: s })),
    ...STRINGS.filter((_, i) => i % 4 === 0),
    ...STRINGS.filter((s) => s.includes("\n") || s.length > 70).map((s) => [s]),
    ...STRINGS.filter((s) => s.includes("\n") || s.length > 70).map((s) => ({ a: { b: s } })),
    ...VALUES,
  ];
  for (const fn of TO_FNS) {
    for (const v of values) {
      if (fn !== "toYaml" && fn !== "toJson" && typeof v === "object" && v !== null && "k" in v)
        continue; // the string table runs in full through toYaml and toJson only
      add(fn, v, `${fn} ${toTemplateExpr(v)}`);
    }
  }
  for (const s of STRINGS.slice(0, 60)) add("toRawJson", { k: s }, `toRawJson ${toTemplateExpr({ k: s })}`);
  for (const v of VALUES.slice(0, 60)) add("mustToYaml", v, `mustToYaml ${toTemplateExpr(v)}`);
  for (const v of [{ $f: "NaN" }, { a: 1 }] as Tagged[]) add("mustToJson", v, `mustToJson ${toTemplateExpr(v)}`);
  for (const v of [{ $f: "NaN" }, { a: { $f: "+Inf" } }, { k: "\u007f" }] as Tagged[])
    add("mustToYaml", v, `mustToYaml ${toTemplateExpr(v)}`);
  for (const v of [{ a: 1e21, b: 1e6, c: 1234567.5, d: 1e-7, e: 0.5, f: 100 }, { a: [{ b: 1 }, { c: [{ d: 2 }] }] }] as Tagged[])
    add("toToml", v, `toToml ${toTemplateExpr(v)}`);
  for (const d of YAML_DOCS) add("fromYaml", d, `fromYaml ${goQuote(d)} | toJson`);
  for (const d of YAML_DOCS.slice(0, 40).concat(["- 1\n- a\n", "[1, 2]\n", "a: 1\n", "- [\n", "", "- .inf\n"]))
    add("fromYamlArray", d, `fromYamlArray ${goQuote(d)} | toJson`);
  for (const d of JSON_DOCS) add("fromJson", d, `fromJson ${goQuote(d)} | toJson`);
  for (const d of JSON_DOCS) add("fromJsonArray", d, `fromJsonArray ${goQuote(d)} | toJson`);
  for (const d of TOML_DOCS) add("fromToml", d, `fromToml ${goQuote(d)} | toJson`);
  const tomlValues = VALUES.filter((v) => typeof v === "object" && v !== null && !Array.isArray(v));
  for (const v of [...tomlValues, ...STRINGS.slice(0, 80).map((s) => ({ k: s }))])
    add("toToml", v, `toToml ${toTemplateExpr(v)}`);
  return { cases, exprs };
}

async function fileCases(helm: string): Promise<Case[]> {
  const out: Case[] = [];
  const keep = (r: { out: string } | { error: string }): Pick<Case, "want" | "error"> =>
    "out" in r ? { want: r.out } : { error: r.error };
  for (const [i, doc] of MANIFESTS.entries())
    out.push({ id: `manifest-${i + 1}`, fn: "manifest", input: doc, ...keep(await probeFile(helm, doc, "template")) });
  for (const [i, doc] of SPLITS.entries())
    out.push({ id: `split-${i + 1}`, fn: "split", input: doc, ...keep(await probeFile(helm, doc, "template")) });
  const valueDocs = [...YAML_DOCS.slice(0, 12), ...MANIFESTS.slice(0, 24)];
  for (const [i, doc] of valueDocs.entries())
    out.push({ id: `values-${i + 1}`, fn: "values", input: doc, ...keep(await probeFile(helm, doc, "values")) });
  return out;
}

const helm = await requireReferenceHelm();
const version = (await new Response(Bun.spawn([helm, "version", "--short"]).stdout).text()).trim();
const { cases, exprs } = buildCases();
const results = await probeAll(helm, exprs);
results.forEach((r, i) => {
  const c = cases[i] as Case;
  if ("out" in r) c.want = r.out;
  else c.error = r.error;
});
cases.push(...(await fileCases(helm)));
const lines = cases.map((c) => JSON.stringify(c));
await Bun.write(
  join(import.meta.dir, "cases.json"),
  `{"helm": ${JSON.stringify(version)}, "cases": [\n${lines.join(",\n")}\n]}\n`,
);
console.log(`${cases.length} cases from ${version}`);
