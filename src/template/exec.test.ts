import { describe, expect, test } from "bun:test";
import {
  GoInt,
  GoStruct,
  goFunc,
  MAX_RANGE_INT,
  MAX_TEMPLATE_DEPTH,
  TemplateError,
  TemplateSet,
  type TemplateSetOptions,
} from "./index.ts";

function render(text: string, data: unknown, options: TemplateSetOptions = {}): string {
  const set = new TemplateSet(options);
  set.parse("t", text);
  return set.execute("t", data);
}

function renderError(text: string, data: unknown, options: TemplateSetOptions = {}): string {
  try {
    render(text, data, options);
  } catch (err) {
    expect(err).toBeInstanceOf(TemplateError);
    return (err as Error).message;
  }
  throw new Error("expected an error");
}

describe("missingkey modes", () => {
  const data = { a: { b: 1 } };
  test.each([
    { mode: "default", want: "<no value>|<nil>" },
    { mode: "invalid", want: "<no value>|<nil>" },
    { mode: "zero", want: "<no value>|<nil>" },
  ] as const)("missingkey=$mode prints $want", ({ mode, want }) => {
    expect(render("{{ .nope }}|{{ print .nope }}", data, { missingKey: mode })).toBe(want);
  });

  test("missingkey=error names the key", () => {
    expect(renderError("{{ .a.nope }}", data, { missingKey: "error" })).toBe(
      'template: t:1:5: executing "t" at <.a.nope>: map has no entry for key "nope"',
    );
  });

  test("missing keys chain without error in default mode", () => {
    expect(render("{{ .nope.deeper }}", data)).toBe("<no value>");
  });

  test("missingkey=error reports nil data on a missing chain", () => {
    expect(renderError("{{ $x := .nope }}{{ $x.y }}", data, { missingKey: "error" })).toContain(
      "map has no entry for key",
    );
  });
});

describe("structs and methods", () => {
  const files = new GoStruct(
    "chart.Files",
    {},
    {
      Get: goFunc(
        ["string"],
        ((name: string) => `content of ${name}`) as (...a: never[]) => unknown,
      ),
    },
  );
  const chart = new GoStruct("*chart.Metadata", { Name: "demo", Version: "1.0.0" });
  const kube = new GoStruct(
    "chartutil.KubeVersion",
    { Major: "1", Minor: "30" },
    { String: goFunc([], (() => "v1.30.0") as (...a: never[]) => unknown) },
  );
  const data = { Files: files, Chart: chart, Kube: kube };

  test("calls a method with arguments", () => {
    expect(render('{{ .Files.Get "a.txt" }}', data)).toBe("content of a.txt");
  });

  test("reads struct fields", () => {
    expect(render("{{ .Chart.Name }}-{{ .Chart.Version }}", data)).toBe("demo-1.0.0");
  });

  test("prints a pointer to struct like Go's template printer (no &)", () => {
    expect(render("{{ .Chart }}|{{ printf `%v` .Chart }}|{{ printf `%+v` .Chart }}", data)).toBe(
      "{demo 1.0.0}|&{demo 1.0.0}|&{Name:demo Version:1.0.0}",
    );
  });

  test("uses a String method when printing", () => {
    expect(render("{{ .Kube }} {{ .Kube.Major }}", data)).toBe("v1.30.0 1");
  });

  test("reports a missing field with the struct type", () => {
    expect(renderError("{{ $c := .Chart }}{{ $c.Nope }}", data)).toBe(
      'template: t:1:23: executing "t" at <$c.Nope>: can\'t evaluate field Nope in type *chart.Metadata',
    );
  });

  test("wraps method errors as error calling", () => {
    const bad = new GoStruct(
      "x.T",
      {},
      {
        Fail: goFunc([], (() => {
          throw new Error("boom");
        }) as (...a: never[]) => unknown),
      },
    );
    expect(renderError("{{ .Fail }}", bad)).toBe(
      'template: t:1:3: executing "t" at <.Fail>: error calling Fail: boom',
    );
  });
});

describe("function arguments follow Go's evalArg", () => {
  const funcs = {
    double: goFunc(["int"], ((n: GoInt) => new GoInt(n.value * 2n)) as (...a: never[]) => unknown),
    half: goFunc(["float64"], ((x: number) => x / 2) as (...a: never[]) => unknown),
    shout: goFunc(["string"], ((s: string) => s.toUpperCase()) as (...a: never[]) => unknown),
    fail: goFunc(
      ["string"],
      ((s: string) => {
        throw new Error(s);
      }) as (...a: never[]) => unknown,
      { returnsError: true },
    ),
  };

  test("untyped constants convert to the parameter type", () => {
    expect(render("{{ double 21 }} {{ half 3 }} {{ shout `x` }}", {}, { funcs })).toBe("42 1.5 X");
  });

  test("a float constant is not an integer", () => {
    expect(renderError("{{ double 1.5 }}", {}, { funcs })).toBe(
      'template: t:1:10: executing "t" at <1.5>: expected integer; found 1.5',
    );
  });

  test("a float64 value is not an int", () => {
    expect(renderError("{{ double .n }}", { n: 2 }, { funcs })).toBe(
      'template: t:1:10: executing "t" at <.n>: wrong type for value; expected int; got float64',
    );
  });

  test("a missing value is invalid for a string parameter in default mode", () => {
    expect(renderError("{{ .nope | shout }}", {}, { funcs })).toBe(
      'template: t:1:11: executing "t" at <shout>: invalid value; expected string',
    );
  });

  test("function errors read error calling NAME", () => {
    expect(renderError('{{ fail "bad input" }}', {}, { funcs })).toBe(
      'template: t:1:3: executing "t" at <fail "bad input">: error calling fail: bad input',
    );
  });

  test("functions override builtins of the same name", () => {
    const len = goFunc(["interface {}"], (() => "mine") as (...a: never[]) => unknown);
    expect(render("{{ len 1 }}", {}, { funcs: { len } })).toBe("mine");
  });

  test("int64 values compare with int constants", () => {
    expect(render("{{ eq .n 3 }} {{ lt .n 4 }}", { n: 3n })).toBe("true true");
  });
});

describe("template sets", () => {
  test("later parses override definitions; empty bodies do not", () => {
    const set = new TemplateSet();
    set.parse("a", '{{ define "x" }}one{{ end }}{{ template "x" }}');
    set.parse("b", '{{ define "x" }}two{{ end }}');
    set.parse("c", '{{ define "x" }}   {{ end }}');
    expect(set.execute("a", null)).toBe("two");
    expect(set.definedTemplates()).toBe('; defined templates are: "a", "b", "c", "x"');
  });

  test("functions added after creation can re-enter the set (include)", () => {
    const set = new TemplateSet();
    set.addFuncs({
      include: goFunc(["string", "interface {}"], ((name: string, data: unknown) =>
        set.execute(name, data)) as (...a: never[]) => unknown),
    });
    set.parse(
      "main",
      '{{ define "inner" }}<{{ .a }}>{{ end }}{{ include "inner" . | printf "%s!" }}',
    );
    expect(set.execute("main", { a: 1 })).toBe("<1>!");
  });

  test("clones are isolated (tpl parses into a copy)", () => {
    const set = new TemplateSet();
    set.parse("main", '{{ define "x" }}orig{{ end }}');
    const copy = set.clone();
    copy.parse("tpl", '{{ define "x" }}changed{{ end }}{{ template "x" }}');
    expect(copy.execute("tpl", null)).toBe("changed");
    expect(set.lookup("tpl")).toBeUndefined();
    expect(set.execute("x", null)).toBe("orig");
  });

  test("executing an unknown template names it", () => {
    expect(() => new TemplateSet({ name: "gotpl" }).execute("nope", null)).toThrow(
      'template: no template "nope" associated with template "gotpl"',
    );
  });

  test("rejects unknown options", () => {
    expect(() => new TemplateSet({ strict: true } as unknown as TemplateSetOptions)).toThrow(
      'unknown TemplateSet option "strict"',
    );
  });

  test("custom delimiters", () => {
    expect(render("[[ .a ]] {{ .a }} [[- ` x ` -]]", { a: 1 }, { delims: ["[[", "]]"] })).toBe(
      "1 {{ .a }} x ",
    );
  });
});

describe("deferred parses (parseDeferred)", () => {
  test("a text without define/block is parsed on use and its tree can be forgotten", () => {
    const set = new TemplateSet();
    set.parseDeferred("m", "<{{ .a }}>");
    expect(set.templateNames()).toEqual(["m"]);
    expect(set.execute("m", { a: 1 })).toBe("<1>");
    set.forget("m");
    expect(set.execute("m", { a: 2 })).toBe("<2>");
    expect(set.printTemplate("m")).toBe("<{{.a}}>");
  });

  test("a parse error waits for use, and firstDeferredError finds the first one in order", () => {
    const set = new TemplateSet();
    set.parseDeferred("ok", "fine");
    set.parseDeferred("bad1", "{{ .a ");
    set.parseDeferred("bad2", "{{ nope }}");
    expect(set.execute("ok", null)).toBe("fine");
    expect(() => set.execute("bad2", null)).toThrow('function "nope" not defined');
    const first = set.firstDeferredError();
    expect(first?.name).toBe("bad1");
    expect(String(first?.error)).toContain("unclosed action");
  });

  test("texts that may define templates, or names already taken, are parsed at once", () => {
    const set = new TemplateSet();
    expect(() => set.parseDeferred("d", '{{ define "x" }}{{ end')).toThrow(TemplateError);
    set.parse("a", '{{ define "b" }}from-define{{ end }}');
    set.parseDeferred("b", "   ");
    expect(set.execute("b", null)).toBe("from-define");
  });

  test("a later define replaces a deferred text; a later empty body does not", () => {
    const set = new TemplateSet();
    set.parseDeferred("f", "from-file");
    set.parseDeferred("g", "also-file");
    set.parse("h", '{{ define "f" }}from-define{{ end }}{{ define "g" }} {{ end }}');
    expect(set.execute("f", null)).toBe("from-define");
    expect(set.execute("g", null)).toBe("also-file");
    set.forget("f");
    expect(set.execute("f", null)).toBe("from-define");
  });

  test("{{template}} and clones see deferred texts", () => {
    const set = new TemplateSet();
    set.parseDeferred("file", "[{{ . }}]");
    const copy = set.clone();
    copy.parse("t", '{{ template "file" 7 }}');
    expect(copy.execute("t", null)).toBe("[7]");
    expect(set.lookup("t")).toBeUndefined();
  });

  test("new function names after a deferral are refused (a parse depends on them)", () => {
    const set = new TemplateSet();
    set.parseDeferred("m", "{{ later }}");
    expect(() => set.addFuncs({ later: goFunc([], () => "x") })).toThrow(
      'function "later" added after templates were deferred',
    );
  });
});

describe("limits", () => {
  test(`recursion stops at ${MAX_TEMPLATE_DEPTH} template calls with Go's message`, () => {
    expect(
      renderError('{{ define "r" }}{{ template "r" . }}{{ end }}{{ template "r" . }}', 1),
    ).toBe(
      `template: t:1:28: executing "r" at <{{template "r" .}}>: exceeded maximum template depth (${MAX_TEMPLATE_DEPTH})`,
    );
  });

  test("range over a huge integer is refused instead of hanging", () => {
    expect(renderError("{{ range 9223372036854775807 }}{{ end }}", null)).toContain(
      `exceeds the limit of ${MAX_RANGE_INT} iterations`,
    );
  });

  test("range over an integer below the limit runs", () => {
    expect(render("{{ range 3 }}{{ . }}{{ end }}", null)).toBe("012");
  });
});

describe("parse cache", () => {
  test("re-parsing the same text in a clone reuses the trees and still defines them", () => {
    const set = new TemplateSet();
    set.parse("a", '{{ define "x" }}X{{ end }}{{ template "x" }}');
    const copy = set.clone();
    copy.parse("a", '{{ define "x" }}X{{ end }}{{ template "x" }}');
    expect(copy.lookup("a")).toBe(set.lookup("a"));
    expect(copy.execute("a", null)).toBe("X");
  });

  test("a cached parse is not reused when the functions it consulted changed", () => {
    const set = new TemplateSet();
    set.parse("a", "{{ range . }}{{ break }}{{ end }}");
    expect(set.execute("a", [1, 2])).toBe("");
    const copy = set.clone();
    copy.addFuncs({ break: goFunc([], (() => "B") as (...a: never[]) => unknown) });
    copy.parse("a", "{{ range . }}{{ break }}{{ end }}");
    expect(copy.execute("a", [1, 2])).toBe("BB");
  });

  test("the same text under another name shares nodes but errors name the new file", () => {
    const text = '{{ define "x" }}{{ .a.b }}{{ end }}top {{ template "x" . }}';
    const set = new TemplateSet({ missingKey: "error" });
    set.parse("one", text);
    set.parse("two", text);
    expect(set.lookup("two")?.root).toBe(set.lookup("one")?.root);
    expect(set.lookup("two")?.parseName).toBe("two");
    expect(set.lookup("x")?.parseName).toBe("two");
    expect(set.execute("two", { a: { b: 1 } })).toBe("top 1");
    const fresh = new TemplateSet({ missingKey: "error" }).parse("two", text);
    const message = (s: TemplateSet): string => {
      try {
        s.execute("two", {});
      } catch (err) {
        return (err as Error).message;
      }
      return "no error";
    };
    expect(message(set)).toStartWith('template: two:1:21: executing "x" at <.a.b>');
    expect(message(set)).toBe(message(fresh));
    expect(set.templateNames()).toEqual(["one", "two", "x"]);
  });

  test("a text defining a template named like the file is parsed again under another name", () => {
    const text = '{{ define "one" }}D{{ end }}';
    const set = new TemplateSet();
    set.parse("one", text);
    set.parse("two", text);
    expect(set.execute("one", null)).toBe("D");
    // Parsed as "two", the define is an ordinary template and "two" is the (empty) top level.
    expect(set.execute("two", null)).toBe("");
  });
});

describe("typed maps", () => {
  test("a tagged map reports its Go type (Helm's common.Values) and copies drop the tag", async () => {
    const { typedMap } = await import("./value.ts");
    const values = typedMap({ a: { b: 1 } }, "common.Values");
    expect(render('{{ printf "%T %T %v" . .a . }}', values)).toBe(
      "common.Values map[string]interface {} map[a:map[b:1]]",
    );
    expect(render('{{ printf "%T" . }}', { ...values })).toBe("map[string]interface {}");
  });
});

describe("named maps and slices with methods", () => {
  test("a map with methods ranges like a map and answers method calls (Helm's .Files.Glob)", async () => {
    const { withMethods } = await import("./value.ts");
    const glob = withMethods(
      { "b.txt": new TextEncoder().encode("B"), "a.txt": new TextEncoder().encode("A") },
      { AsConfig: goFunc([], (() => "a.txt: A\nb.txt: B") as (...a: never[]) => unknown) },
      "engine.files",
    );
    const data = { glob };
    expect(render("{{ range $k, $v := .glob }}{{ $k }}={{ printf `%s` $v }};{{ end }}", data)).toBe(
      "a.txt=A;b.txt=B;",
    );
    expect(render("{{ .glob.AsConfig }}|{{ printf `%T` .glob }}|{{ len .glob }}", data)).toBe(
      "a.txt: A\nb.txt: B|engine.files|2",
    );
  });

  test("a slice with methods (Helm's .Capabilities.APIVersions.Has)", async () => {
    const { withMethods } = await import("./value.ts");
    const versions = ["v1", "apps/v1"];
    withMethods(
      versions,
      {
        Has: goFunc(["string"], ((v: string) => versions.includes(v)) as (
          ...a: never[]
        ) => unknown),
      },
      "common.VersionSet",
    );
    expect(
      render('{{ .v.Has "apps/v1" }} {{ .v.Has "x" }} {{ range .v }}{{ . }},{{ end }}', {
        v: versions,
      }),
    ).toBe("true false v1,apps/v1,");
    expect(renderError("{{ .v.Nope }}", { v: versions })).toBe(
      'template: t:1:5: executing "t" at <.v.Nope>: can\'t evaluate field Nope in type interface {}',
    );
  });
});

describe("call", () => {
  const add = goFunc(
    ["int", "int"],
    ((a: GoInt, b: GoInt) => new GoInt(a.value + b.value)) as (...a: never[]) => unknown,
  );
  test("calls a function value with converted arguments", () => {
    expect(render("{{ call .add 1 2 }}", { add })).toBe("3");
  });
  test("reports argument type errors like Go's prepareArg", () => {
    expect(renderError('{{ call .add 1 "x" }}', { add })).toBe(
      'template: t:1:3: executing "t" at <call .add 1 "x">: error calling call: arg 1: value has type string; should be int',
    );
  });
  test("reports arity errors", () => {
    expect(renderError("{{ call .add 1 }}", { add })).toBe(
      'template: t:1:3: executing "t" at <call .add 1>: error calling call: wrong number of args for .add: got 1 want 2',
    );
  });
});

describe("functions as arguments", () => {
  const funcs = {
    zero: goFunc([], (() => "z") as (...a: never[]) => unknown),
    pair: goFunc(
      ["string", "string"],
      ((a: string, b: string) => a + b) as (...a: never[]) => unknown,
    ),
  };

  test("a zero-argument function named as an argument is called with no arguments", () => {
    expect(
      render("{{ print zero }}|{{ pair zero zero }}|{{ zero | print }}", null, { funcs }),
    ).toBe("z|zz|z");
  });

  test("a function named as an argument still checks its argument count", () => {
    expect(renderError("{{ print pair }}", null, { funcs })).toBe(
      'template: t:1:9: executing "t" at <pair>: wrong number of args for pair: want 2 got 0',
    );
  });
});
