import { expect, test } from "bun:test";
import { isHcpError } from "../errors.ts";
import { pushReference } from "./plugin-push.ts";

test.each([
  { target: "oci://r.io:5000/plugins", want: "oci://r.io:5000/plugins/echo:0.1.0" },
  { target: "oci://r.io:5000/plugins/", want: "oci://r.io:5000/plugins/echo:0.1.0" },
  { target: "oci://r.io:5000/plugins/echo", want: "oci://r.io:5000/plugins/echo:0.1.0" },
  { target: "oci://r.io:5000/plugins/echo:latest", want: "oci://r.io:5000/plugins/echo:latest" },
  { target: "oci://r.io:5000", want: "oci://r.io:5000/echo:0.1.0" },
])("pushReference($target) is $want", ({ target, want }) => {
  expect(pushReference(target, "echo", "0.1.0")).toBe(want);
});

test("a version with build metadata becomes a tag with _ (as Helm does for charts)", () => {
  expect(pushReference("oci://r.io/p", "echo", "1.0.0+build.5")).toBe(
    "oci://r.io/p/echo:1.0.0_build.5",
  );
});

test.each(["https://r.io/p", "r.io/p"])(
  "pushReference(%p) refuses targets without oci://",
  (target) => {
    let err: unknown;
    try {
      pushReference(target, "echo", "0.1.0");
    } catch (e) {
      err = e;
    }
    expect(isHcpError(err, "OCI_INVALID_REFERENCE")).toBe(true);
  },
);

test("a plugin name that cannot be a repository name is refused with a hint", () => {
  expect(() => pushReference("oci://r.io/p", "My_Plugin", "1.0.0")).toThrow(
    'plugin name "My_Plugin" cannot be an OCI repository name',
  );
});
