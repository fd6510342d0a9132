import { describe, expect, test } from "bun:test";
import { compileGlob } from "./glob.ts";

describe("compileGlob()", () => {
  test.each([
    { pattern: "templates/*.pkl", name: "templates/deployment.pkl", want: true },
    { pattern: "templates/*.pkl", name: "templates/sub/deployment.pkl", want: false },
    { pattern: "templates/**/*.yaml", name: "templates/x.yaml", want: false },
    { pattern: "templates/**/*.yaml", name: "templates/a/x.yaml", want: true },
    { pattern: "templates/**/*.yaml", name: "templates/a/b/x.yaml", want: true },
    { pattern: "templates/?.test", name: "templates/a.test", want: true },
    { pattern: "templates/?.test", name: "templates/ab.test", want: false },
    { pattern: "templates/[ab].x", name: "templates/b.x", want: true },
    { pattern: "templates/[!ab].x", name: "templates/b.x", want: false },
    { pattern: "templates/[a-c].x", name: "templates/c.x", want: true },
    { pattern: "templates/*.{yaml,yml}", name: "templates/a.yml", want: true },
    { pattern: "templates/*.{yaml,yml}", name: "templates/a.json", want: false },
    { pattern: "templates/{a,b/{c,d}}.x", name: "templates/b/d.x", want: true },
    { pattern: "templates/\\*.x", name: "templates/*.x", want: true },
    { pattern: "templates/\\*.x", name: "templates/a.x", want: false },
    { pattern: "/templates/*.pkl", name: "templates/a.pkl", want: false },
    { pattern: "templates/a.b", name: "templates/aXb", want: false },
  ])("$pattern matches $name: $want", ({ pattern, name, want }) => {
    expect(compileGlob(pattern).match(name)).toBe(want);
  });

  test.each(["templates/[abc", "templates/{a,b", "templates/a\\"])(
    "rejects the malformed pattern %p with PLUGIN_INVALID_GLOB",
    (pattern) => {
      expect(() => compileGlob(pattern)).toThrow(/invalid glob pattern/);
    },
  );
});
