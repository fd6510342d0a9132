import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import { TemplateError, TemplateSet } from "./index.ts";
import { ItemType } from "./lex.ts";
import { type ArgNode, type NumberNode, nodeString } from "./node.ts";
import { idealValue, type NumberFacts, parseNumber } from "./number.ts";
import { parseTemplate } from "./parse.ts";
import { unquoteString } from "./unquote.ts";

const FUNCS = new Set(["printf", "print", "len", "index", "eq", "and", "or", "not", "html"]);
const hasFunction = (name: string): boolean => FUNCS.has(name);

function printAll(text: string): string {
  const trees = parseTemplate("t", text, { hasFunction });
  return [...trees.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, tree]) => `${name}=${nodeString(tree.root)}`)
    .join("\n");
}

// text/template's parse_test.go style: input → tree printed back to source.
describe("parse prints back to source", () => {
  test.each([
    { name: "text", input: "hello", want: "t=hello" },
    { name: "trim", input: "a  {{- .x -}}  b", want: "t=a{{.x}}b" },
    { name: "comment dropped", input: "a{{/* c */}}b", want: "t=ab" },
    {
      name: "pipeline",
      input: "{{ .a | printf  `%s` | len }}",
      want: "t={{.a | printf `%s` | len}}",
    },
    { name: "decl", input: "{{ $x := 1 }}{{ $x = 2 }}", want: "t={{$x := 1}}{{$x = 2}}" },
    {
      name: "range two vars",
      input: "{{range $i, $v := .l}}{{$i}}{{end}}",
      want: "t={{range $i, $v := .l}}{{$i}}{{end}}",
    },
    {
      name: "else if",
      input: "{{if .a}}1{{else if .b}}2{{else}}3{{end}}",
      want: "t={{if .a}}1{{else}}{{if .b}}2{{else}}3{{end}}{{end}}",
    },
    {
      name: "else with",
      input: "{{with .a}}1{{else with .b}}2{{end}}",
      want: "t={{with .a}}1{{else}}{{with .b}}2{{end}}{{end}}",
    },
    { name: "chain", input: "{{ (index .a 1).b.c }}", want: "t={{(index .a 1).b.c}}" },
    { name: "variable fields", input: "{{ $.a.b }}", want: "t={{$.a.b}}" },
    {
      name: "numbers keep text",
      input: "{{ 0x1F }} {{ 1e3 }} {{ 'a' }}",
      want: "t={{0x1F}} {{1e3}} {{'a'}}",
    },
    { name: "strings keep quotes", input: '{{ "a\\n" }}{{ `b` }}', want: 't={{"a\\n"}}{{`b`}}' },
    { name: "define", input: '{{define "x"}}X{{end}}a', want: "t=a\nx=X" },
    { name: "block", input: '{{block "b" .}}B{{end}}', want: 'b=B\nt={{template "b" .}}' },
    {
      name: "break continue",
      input: "{{range .}}{{break}}{{continue}}{{end}}",
      want: "t={{range .}}{{break}}{{continue}}{{end}}",
    },
    { name: "nil and bools", input: "{{ eq nil true false }}", want: "t={{eq nil true false}}" },
  ])("$name", ({ input, want }) => {
    expect(printAll(input)).toBe(want);
  });
});

describe("parse errors have Go's shape", () => {
  test.each([
    { input: "{{ if }}", want: "template: t:1: missing value for if" },
    { input: "a\n{{ nope }}", want: 'template: t:2: function "nope" not defined' },
    { input: "{{ .a", want: "template: t:1: unclosed action" },
    { input: "{{ .a\n\n", want: "template: t:3: unclosed action started at t:1" },
    { input: "{{ $x }}", want: 'template: t:1: undefined variable "$x"' },
    { input: "{{ end }}", want: "template: t:1: unexpected {{end}}" },
    { input: '{{ "x".y }}', want: 'template: t:1: unexpected . after term "\\"x\\""' },
    { input: "{{ 1 | 2 }}", want: "template: t:1: non executable command in pipeline stage 2" },
  ])("$input", ({ input, want }) => {
    expect(() => parseTemplate("t", input, { hasFunction })).toThrow(want);
  });
});

// Pieces that exercise every lexer and parser path when glued together at random.
const PIECES = [
  "{{",
  "}}",
  "{{- ",
  " -}}",
  " ",
  "\n",
  ".",
  ".a",
  ".b.c",
  "$",
  "$x",
  ":=",
  "=",
  "|",
  "(",
  ")",
  "if",
  "else",
  "end",
  "range",
  "with",
  "define",
  "template",
  "block",
  "break",
  "continue",
  '"s"',
  '"x"',
  "`r`",
  "'c'",
  "1",
  "-2",
  "1.5",
  "0x1F",
  "1e3",
  "nil",
  "true",
  ",",
  "/*",
  "*/",
  "printf",
  "len",
  "index",
  "eq",
  "and",
  "text",
  "é",
  "{",
  "}",
  "\\",
  "'",
  '"',
  "`",
];
const templateText = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((p) => p.join(""));
const anyText = fc.oneof(templateText, fc.string({ maxLength: 60 }));

describe("parser properties", () => {
  test("parsing arbitrary input throws nothing but TemplateError", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        try {
          parseTemplate("t", text, { hasFunction });
        } catch (err) {
          if (!(err instanceof TemplateError)) throw err;
        }
      }),
      { numRuns: 3000 },
    );
  });

  test("parse → print → parse is stable", () => {
    fc.assert(
      fc.property(templateText, (text) => {
        let first: string;
        try {
          first = printAll(text);
        } catch {
          return;
        }
        const reparsed = first
          .split("\n")
          .filter((line) => line.startsWith("t="))
          .map((line) => line.slice(2))
          .join("\n");
        const trees = parseTemplate("t", reparsed, { hasFunction });
        expect(nodeString(trees.get("t")!.root)).toBe(reparsed);
      }),
      { numRuns: 3000 },
    );
  });

  test("executing arbitrary parsed templates terminates with output or a TemplateError", () => {
    const data = { a: [1, 2, 3], b: { c: "x" } };
    fc.assert(
      fc.property(templateText, (text) => {
        const set = new TemplateSet();
        try {
          set.parse("t", text);
          set.execute("t", data);
        } catch (err) {
          if (!(err instanceof TemplateError)) throw err;
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe("lexer array reuse between parses", () => {
  test("a large template, a parse error, then a small one parse as if each were alone", () => {
    const big = Array.from({ length: 20_000 }, (_, i) => `{{ .f${i} }}`).join("\n");
    const bigTree = printAll(big);
    expect(bigTree.startsWith("t={{.f0}}\n{{.f1}}")).toBe(true);
    expect(bigTree.endsWith("{{.f19999}}")).toBe(true);
    expect(() => printAll("{{ .a ")).toThrow(TemplateError);
    expect(printAll("x{{ .b }}y")).toBe("t=x{{.b}}y");
    expect(printAll(big)).toBe(bigTree);
  });
});

describe("parser fast paths match the general ones", () => {
  const arg = (text: string, k = 0): ArgNode => {
    const root = parseTemplate("t", text, { hasFunction }).get("t")!.root;
    const action = root.nodes.at(-1)!;
    if (action.kind !== "action") throw new Error(`not an action: ${action.kind}`);
    return action.pipe.cmds[0]!.args[k]!;
  };

  test("a .Field or $var chain is one node placed at its first trailing field, as Go", () => {
    expect(arg("{{ .a }}")).toEqual({ kind: "field", pos: 3, ident: ["a"] });
    expect(arg("{{ .a.b.c }}")).toEqual({ kind: "field", pos: 5, ident: ["a", "b", "c"] });
    expect(arg("{{ $x := 1 }}{{ $x.y }}")).toEqual({
      kind: "variable",
      pos: 18,
      ident: ["$x", "y"],
    });
    const chain = arg("{{ (len .a).b.c }}");
    expect(chain.kind === "chain" && [chain.pos, chain.field]).toEqual([11, ["b", "c"]]);
  });

  test("small decimal ints get parseNumber's facts", () => {
    for (const text of ["0", "4", "10", "999999999999999", "1000000000000000", "007", "0x1F"]) {
      const { kind, pos, text: t, ...facts } = arg(`{{ print ${text} }}`, 1) as NumberNode;
      const want = parseNumber(text, ItemType.Number) as NumberFacts;
      expect([kind, pos, t]).toEqual(["number", 9, text]);
      expect(facts).toEqual({ ...want, ideal: idealValue(text, want) });
    }
  });

  test('"…" strings without a backslash get unquoteString\'s text', () => {
    for (const quoted of ['""', '"a b"', '"é\u{1F600}"', '"\\t"', '"\\x41\\""', "`a\r\nb`"]) {
      const node = arg(`{{ print ${quoted} }}`, 1);
      expect(node).toEqual({ kind: "string", pos: 9, quoted, text: unquoteString(quoted)! });
    }
  });

  test("errors after a {{define}} or {{block}} body report the line they are on", () => {
    const cases = [
      ['{{define "a"}}x{{end}}\n\n{{ nope }}', 'template: t:3: function "nope" not defined'],
      ['{{block "b" .}}\n{{end}}\n{{ $y }}', 'template: t:3: undefined variable "$y"'],
      ['{{define "a"}}\n{{ .x.y 1 | 2 }}{{end}}', "template: t:2: non executable command"],
      ['{{ $x := 1 }}{{define "a"}}{{ $x }}{{end}}', 'template: t:1: undefined variable "$x"'],
    ];
    for (const [input, want] of cases) {
      expect(() => parseTemplate("t", input!, { hasFunction })).toThrow(want!);
    }
  });
});
