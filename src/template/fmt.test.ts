import { describe, expect, test } from "bun:test";
import {
  formatValue,
  goKind,
  goQuote,
  goTypeName,
  sortedKeys,
  sprint,
  sprintf,
  sprintln,
} from "./fmt.ts";
import { GoComplex, GoInt, GoStruct, goFunc, goInt, typedSlice } from "./value.ts";

// Expected strings are Go 1.25's fmt output (the golden corpus checks the same via real Helm).
describe("formatValue is Go's %v", () => {
  test.each([
    { v: 1e6, want: "1e+06" },
    { v: 3, want: "3" },
    { v: 6.02214, want: "6.02214" },
    { v: 1.2345678901e10, want: "1.2345678901e+10" },
    { v: 1e-5, want: "1e-05" },
    { v: 0.0001, want: "0.0001" },
    { v: 123456, want: "123456" },
    { v: -0, want: "-0" },
    { v: Number.POSITIVE_INFINITY, want: "+Inf" },
    { v: Number.NaN, want: "NaN" },
    { v: 1n, want: "1" },
    { v: goInt(-4), want: "-4" },
    { v: null, want: "<nil>" },
    { v: undefined, want: "<nil>" },
    { v: true, want: "true" },
    { v: ["a", 1, null], want: "[a 1 <nil>]" },
    { v: { b: 2, a: [1], C: { x: "y" } }, want: "map[C:map[x:y] a:[1] b:2]" },
    { v: new Uint8Array([104, 105]), want: "[104 105]" },
    { v: new GoStruct("chart.Dep", { Name: "x", Enabled: true }), want: "{x true}" },
    { v: new GoStruct("*chart.Dep", { Name: "x" }), want: "&{x}" },
    { v: new GoComplex(1, -2), want: "(1-2i)" },
  ])("$want", ({ v, want }) => {
    expect(formatValue(v)).toBe(want);
  });
});

describe("sprintf", () => {
  test.each([
    {
      f: "%d|%5d|%-5d|%05d",
      a: [goInt(1), goInt(2), goInt(3), goInt(-4)],
      want: "1|    2|3    |-0004",
    },
    {
      f: "%x %X %o %b %#x %#o %O",
      a: [255n, 255n, 8n, 5n, 255n, 8n, 8n],
      want: "ff FF 10 101 0xff 010 0o10",
    },
    { f: "%.2f %.0f %.0f %8.3f|", a: [2.345, 2.5, 3.5, 6.02214], want: "2.35 2 4    6.022|" },
    {
      f: "%e %E %g %G",
      a: [123456.789, 0.000123, 1e21, 1e-7],
      want: "1.234568e+05 1.230000E-04 1e+21 1E-07",
    },
    { f: "%s %q %v %T", a: ["a", 'b"c', "d", "e"], want: 'a "b\\"c" d string' },
    { f: "%t %v", a: [false, true], want: "false true" },
    {
      f: "%c %U %#U %q",
      a: [goInt(0x263a), goInt(0x263a), goInt(65), goInt(65)],
      want: "☺ U+263A U+0041 'A' 'A'",
    },
    { f: "%d", a: ["x"], want: "%!d(string=x)" },
    { f: "%s %s", a: ["a"], want: "a %!s(MISSING)" },
    { f: "%s", a: ["a", goInt(1), null], want: "a%!(EXTRA int=1, <nil>)" },
    { f: "%!", a: [], want: "%!!(MISSING)" },
    { f: "100%", a: [], want: "100%!(NOVERB)" },
    { f: "%[2]s %[1]s", a: ["a", "b"], want: "b a" },
    { f: "%[3]s", a: ["a"], want: "%!s(BADINDEX)" },
    { f: "%*d|%-*d|", a: [goInt(4), goInt(7), goInt(3), goInt(8)], want: "   7|8  |" },
    { f: "%.*f", a: [goInt(1), 2.25], want: "2.2" },
    { f: "%6.2v|", a: [6.02214], want: "     6|" },
    {
      f: "%+v %#v",
      a: [new GoStruct("t.T", { A: 1 }), { a: "x" }],
      want: '{A:1} map[string]interface {}{"a":"x"}',
    },
    { f: "%x % X %#x", a: ["hi", new Uint8Array([1, 171]), "hi"], want: "6869 01 AB 0x6869" },
    {
      f: "%v %T",
      a: [typedSlice(["a"], "[]string"), typedSlice(["a"], "[]string")],
      want: "[a] []string",
    },
  ])("$f", ({ f, a, want }) => {
    expect(sprintf(f, a)).toBe(want);
  });
});

describe("sprint and sprintln", () => {
  test("Sprint adds spaces only between operands that are not strings", () => {
    expect(sprint(["a", 1, 2, "b", "c", goInt(3), null])).toBe("a1 2bc3 <nil>");
  });
  test("Sprintln always separates and ends with a newline", () => {
    expect(sprintln(["a", 1, null])).toBe("a 1 <nil>\n");
  });
});

describe("type names and kinds", () => {
  test.each([
    { v: 1.5, type: "float64", kind: "float64" },
    { v: 1n, type: "int64", kind: "int64" },
    { v: goInt(1), type: "int", kind: "int" },
    { v: new GoInt(1, "uint8"), type: "uint8", kind: "uint8" },
    { v: "s", type: "string", kind: "string" },
    { v: false, type: "bool", kind: "bool" },
    { v: null, type: "<nil>", kind: "invalid" },
    { v: [], type: "[]interface {}", kind: "slice" },
    { v: typedSlice([], "[]string"), type: "[]string", kind: "slice" },
    { v: {}, type: "map[string]interface {}", kind: "map" },
    { v: new Uint8Array(), type: "[]uint8", kind: "slice" },
    { v: new GoStruct("*chart.Metadata", {}), type: "*chart.Metadata", kind: "ptr" },
    { v: new GoStruct("chart.File", {}), type: "chart.File", kind: "struct" },
    { v: goFunc(["string"], () => ""), type: "func(string) interface {}", kind: "func" },
  ])("$type is a $kind", ({ v, type, kind }) => {
    expect(goTypeName(v)).toBe(type);
    expect(goKind(v)).toBe(kind);
  });
});

describe("strings", () => {
  test("goQuote escapes like strconv.Quote", () => {
    expect(goQuote('a"b\\c\n\t\x01é☃\u2028')).toBe('"a\\"b\\\\c\\n\\t\\x01é☃\\u2028"');
  });
  test("map keys sort by bytes, not UTF-16 units", () => {
    expect(sortedKeys({ b: 1, "\u{1F600}": 2, "\uFF5E": 3, A: 4 })).toEqual([
      "A",
      "b",
      "\uFF5E",
      "\u{1F600}",
    ]);
  });
});

describe("sprintf properties", () => {
  test("never throws, whatever the format and operands", async () => {
    const fc = (await import("fast-check")).default;
    const operand = fc.oneof(
      fc.string(),
      fc.double(),
      fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n }),
      fc.integer().map((n) => goInt(n)),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.string(), { maxLength: 3 }),
      fc.dictionary(fc.string(), fc.integer(), { maxKeys: 3 }),
    );
    const format = fc
      .array(
        fc.constantFrom(
          "%",
          "v",
          "d",
          "s",
          "q",
          "x",
          "f",
          ".",
          "2",
          "*",
          "[",
          "]",
          "1",
          "#",
          "+",
          "-",
          " ",
          "0",
          "T",
          "e",
          "g",
          "c",
          "U",
          "a",
        ),
        {
          maxLength: 12,
        },
      )
      .map((p) => p.join(""));
    fc.assert(
      fc.property(format, fc.array(operand, { maxLength: 4 }), (f, args) => {
        expect(typeof sprintf(f, args)).toBe("string");
      }),
      { numRuns: 5000 },
    );
  });
});
