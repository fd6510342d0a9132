import { expect, test } from "bun:test";
import { parseChallenge } from "./challenge.ts";

test.each([
  {
    name: "a bearer challenge with quoted params",
    input: 'Bearer realm="https://auth.io/token",service="registry.io",scope="repository:a/b:pull"',
    want: {
      scheme: "bearer",
      params: {
        realm: "https://auth.io/token",
        service: "registry.io",
        scope: "repository:a/b:pull",
      },
    },
  },
  {
    name: "a basic challenge",
    input: 'Basic realm="Registry Realm"',
    want: { scheme: "basic", params: { realm: "Registry Realm" } },
  },
  {
    name: "unquoted values and spaces",
    input: "Bearer realm=x , service=y",
    want: { scheme: "bearer", params: { realm: "x", service: "y" } },
  },
  {
    name: "escaped quotes",
    input: 'Basic realm="a \\"b\\""',
    want: { scheme: "basic", params: { realm: 'a "b"' } },
  },
])("parseChallenge() reads $name", ({ input, want }) => {
  expect(parseChallenge(input)).toEqual(want);
});

test("parseChallenge() of no header is undefined", () => {
  expect(parseChallenge(null)).toBeUndefined();
});
