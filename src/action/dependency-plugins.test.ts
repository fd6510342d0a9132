import { describe, expect, test } from "bun:test";
import { parse } from "yaml";
import { isHcpError } from "../errors.ts";
import {
  EMPTY_DEPENDENCIES_DIGEST,
  formatChartLock,
  readChartLock,
  readChartPlugins,
} from "./dependency-plugins.ts";

const HEX = "ab".repeat(32);

describe("readChartPlugins()", () => {
  test("keeps list order and trims strings", () => {
    const chart = parse(
      "plugins:\n  - {name: ' b ', type: render/v1, repository: oci://r/b, version: 0.1.0}\n  - {name: a, type: render/v1, repository: file://a}\n",
    );
    expect(readChartPlugins(chart).map((p) => [p.name, p.version])).toEqual([
      ["b", "0.1.0"],
      ["a", ""],
    ]);
  });
  test("reports every problem at once", () => {
    const chart = parse(
      "plugins:\n  - null\n  - {name: x}\n  - {name: x, type: nope/v1, repository: r}\n",
    );
    let err: unknown;
    try {
      readChartPlugins(chart, "charts/c/Chart.yaml");
    } catch (e) {
      err = e;
    }
    expect(isHcpError(err, "CHART_INVALID_PLUGINS")).toBe(true);
    expect((err as Error).message.split("\n")).toEqual([
      "invalid plugins in charts/c/Chart.yaml:",
      "plugins[0]: plugin entry cannot be empty",
      "plugins[1]: type is required",
      "plugins[1]: repository is required",
      'plugins[2] "x": unsupported plugin type "nope/v1" (supported: cli/v1, getter/v1, postrenderer/v1, render/v1, test/v1)',
      'plugins[2]: duplicate plugin name "x"',
    ]);
  });
  test("no plugins key: empty list", () => {
    expect(readChartPlugins(parse("name: c\n"))).toEqual([]);
  });
});

describe("Chart.lock", () => {
  const lock = {
    dependencies: null,
    digest: EMPTY_DEPENDENCIES_DIGEST,
    generated: "2026-01-02T03:04:05.000Z",
    plugins: [
      { name: "p", type: "render/v1", repository: "oci://r.io/p", version: "1.0", digest: HEX },
    ],
  };
  test("formatChartLock() writes sorted keys, a quoted timestamp and quoted ambiguous versions", () => {
    expect(formatChartLock(lock)).toBe(
      `dependencies: null\ndigest: ${EMPTY_DEPENDENCIES_DIGEST}\ngenerated: "2026-01-02T03:04:05.000Z"\nplugins:\n- digest: ${HEX}\n  name: p\n  repository: oci://r.io/p\n  type: render/v1\n  version: "1.0"\n`,
    );
  });
  test("readChartLock() reads back what formatChartLock() wrote", () => {
    expect(readChartLock(parse(formatChartLock(lock)))).toEqual(lock);
  });
  test("plugins omitted when empty", () => {
    expect(formatChartLock({ ...lock, plugins: [] })).not.toContain("plugins");
  });
  test("readChartLock() refuses a digest that is not 64 hex, and accepts a sha256: prefix", () => {
    expect(() => readChartLock(parse("plugins:\n- {name: p, digest: abc}\n"))).toThrow(
      'digest "abc" is not 64 lower-case hex',
    );
    expect(
      readChartLock(parse(`plugins:\n- {name: p, digest: "sha256:${HEX}"}\n`)).plugins[0]?.digest,
    ).toBe(HEX);
  });
});
