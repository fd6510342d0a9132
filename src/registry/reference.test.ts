import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import { isHcpError } from "../errors.ts";
import { formatReference, parseReference, repositoryBaseName } from "./reference.ts";

const DIGEST = `sha256:${"a".repeat(64)}`;

describe("parseReference()", () => {
  test.each([
    {
      input: "oci://127.0.0.1:5000/plugins/echo:0.1.0",
      want: { registry: "127.0.0.1:5000", repository: "plugins/echo", tag: "0.1.0" },
    },
    { input: "oci://ghcr.io/a/b/c", want: { registry: "ghcr.io", repository: "a/b/c" } },
    {
      input: "localhost:5000/x@" + DIGEST,
      want: { registry: "localhost:5000", repository: "x", digest: DIGEST },
    },
    {
      input: "oci://r.io/x:1.0.0@" + DIGEST,
      want: { registry: "r.io", repository: "x", tag: "1.0.0", digest: DIGEST },
    },
    {
      input: "oci://r.io/my_plugin-x.y:1.0.0_build.1",
      want: { registry: "r.io", repository: "my_plugin-x.y", tag: "1.0.0_build.1" },
    },
  ])("parses $input", ({ input, want }) => {
    expect(parseReference(input)).toEqual(want);
  });

  test.each([
    { name: "no repository", input: "oci://127.0.0.1:5000" },
    { name: "empty repository", input: "oci://127.0.0.1:5000/" },
    { name: "upper-case path", input: "oci://r.io/Plugins/echo:1" },
    { name: "bad tag", input: "oci://r.io/echo:1.0.0+meta" },
    { name: "short digest", input: "oci://r.io/echo@sha256:abc" },
    { name: "path traversal", input: "oci://r.io/../echo:1" },
    { name: "bad host", input: "oci://bad_host/echo:1" },
  ])("rejects $name", ({ input }) => {
    let err: unknown;
    try {
      parseReference(input);
    } catch (e) {
      err = e;
    }
    expect(isHcpError(err, "OCI_INVALID_REFERENCE")).toBe(true);
    expect((err as Error).message).toContain(input);
  });

  test("formatReference() prints what parseReference() read", () => {
    for (const ref of ["oci://r.io:443/a/b:1.2.3", `oci://r.io/a@${DIGEST}`, "oci://r.io/a"]) {
      expect(formatReference(parseReference(ref))).toBe(ref);
    }
  });

  test("repositoryBaseName() is the last path segment (Helm's plugin name)", () => {
    expect(repositoryBaseName(parseReference("oci://r.io/plugins/echo-render:0.1.0"))).toBe(
      "echo-render",
    );
  });
});

test("property: formatReference(parseReference(r)) === r for generated references", () => {
  const component = fc.stringMatching(/^[a-z0-9]+(?:[._-][a-z0-9]+)*$/);
  const host = fc.oneof(
    fc.constant("127.0.0.1:5000"),
    fc.constant("localhost"),
    fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]\.io$/),
  );
  const tag = fc.option(fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,20}$/), {
    nil: undefined,
  });
  const digest = fc.option(fc.stringMatching(/^[a-f0-9]{64}$/), { nil: undefined });
  fc.assert(
    fc.property(
      host,
      fc.array(component, { minLength: 1, maxLength: 4 }),
      tag,
      digest,
      (h, path, t, d) => {
        const ref = `oci://${h}/${path.join("/")}${t === undefined ? "" : `:${t}`}${d === undefined ? "" : `@sha256:${d}`}`;
        expect(formatReference(parseReference(ref))).toBe(ref);
      },
    ),
    { numRuns: 200 },
  );
});
