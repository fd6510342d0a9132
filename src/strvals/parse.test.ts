import { describe, expect, test } from "bun:test";
import {
  parseSet,
  parseSetFileInto,
  parseSetJsonInto,
  parseSetLiteralInto,
  parseSetStringInto,
} from "./parse.ts";

describe("parseSet()", () => {
  test.each([
    { input: "name=value", want: { name: "value" } },
    { input: "long_int_string=1234567890", want: { long_int_string: 1234567890n } },
    { input: "boolean=true", want: { boolean: true } },
    { input: "is_null=null", want: { is_null: null } },
    { input: "zero=0", want: { zero: 0n } },
    { input: "leading_zeros=00009", want: { leading_zeros: "00009" } },
    { input: "name=value,foo=bar", want: { name: "value", foo: "bar" } },
    { input: "name=value,foo.bar=baz", want: { name: "value", foo: { bar: "baz" } } },
    { input: "name=", want: { name: "" } },
    { input: "name1,name2=", wantErr: 'key "name1" has no value (cannot end with ,)' },
    { input: "name1=,name2=", want: { name1: "", name2: "" } },
    { input: "a.b=c\\,d", want: { a: { b: "c,d" } } },
    { input: "a\\.b=c", want: { "a.b": "c" } },
    { input: "list={a,b,c}", want: { list: ["a", "b", "c"] } },
    { input: "list={1,true}", want: { list: [1n, true] } },
    { input: "list[0]=foo", want: { list: ["foo"] } },
    { input: "list[2]=foo", want: { list: [null, null, "foo"] } },
    { input: "list[0].a=b,list[0].c=d", want: { list: [{ a: "b", c: "d" }] } },
    { input: "nested[0][1]=x", want: { nested: [[null, "x"]] } },
    { input: "list[-1]=x", wantErr: "negative -1 index not allowed" },
    {
      input: "list[x]=y",
      wantErr: 'error parsing index: strconv.Atoi: parsing "x": invalid syntax',
    },
    { input: "list[0]x=y", wantErr: 'unexpected data at end of array index: "x"' },
    {
      input: "list[65537]=y",
      wantErr: "index of 65537 is greater than maximum supported index of 65536",
    },
    { input: "name", wantErr: 'key "name" has no value' },
    { input: "a.=x", wantErr: 'key map "a" has no value' },
    { input: "list={a,b", wantErr: "list must terminate with '}'" },
    { input: "big=9223372036854775808", want: { big: "9223372036854775808" } },
    { input: "neg=-12", want: { neg: -12n } },
    { input: "f=1.5", want: { f: "1.5" } },
    { input: "TRUE=True", want: { TRUE: true } },
  ])("$input", ({ input, want, wantErr }) => {
    if (wantErr !== undefined) {
      expect(() => parseSet(input)).toThrow(wantErr);
      return;
    }
    expect(parseSet(input)).toEqual(want as Record<string, unknown>);
  });

  test("later expressions merge into earlier maps", () => {
    const dest: Record<string, unknown> = {};
    parseSetStringInto("a.b=1", dest);
    parseSetStringInto("a.c=true", dest);
    expect(dest).toEqual({ a: { b: "1", c: "true" } });
  });

  test("a dotted key through a string value fails like Helm's recovered panic", () => {
    const dest: Record<string, unknown> = { a: "x" };
    expect(() => parseSetStringInto("a.b=1", dest)).toThrow(
      "unable to parse key: interface conversion: interface {} is string, not map[string]interface {}",
    );
  });

  test("nesting deeper than 30 levels is refused", () => {
    const key = Array.from({ length: 32 }, (_, i) => `k${i}`).join(".");
    expect(() => parseSet(`${key}=v`)).toThrow(
      "value name nested level is greater than maximum supported nested level of 30",
    );
  });
});

describe("parseSetJsonInto()", () => {
  test("decodes JSON values and keeps parsing after a comma", () => {
    const dest: Record<string, unknown> = {};
    parseSetJsonInto('a={"b":[1,"x"]},c=true,d[1]=null', dest);
    expect(dest).toEqual({ a: { b: [1, "x"] }, c: true, d: [null, null] });
  });
  test("an empty value is null", () => {
    const dest: Record<string, unknown> = {};
    parseSetJsonInto("a=", dest);
    expect(dest).toEqual({ a: null });
  });
});

describe("parseSetLiteralInto()", () => {
  test("keeps commas, equals and backslashes", () => {
    const dest: Record<string, unknown> = {};
    parseSetLiteralInto("podAnnotations.raw=a,b=c\\d", dest);
    expect(dest).toEqual({ podAnnotations: { raw: "a,b=c\\d" } });
  });
});

describe("parseSetFileInto()", () => {
  test("reads each value through the reader", () => {
    const dest: Record<string, unknown> = {};
    parseSetFileInto("a=one,b=two", dest, (path) => `content of ${path}`);
    expect(dest).toEqual({ a: "content of one", b: "content of two" });
  });
});
