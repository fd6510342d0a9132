import { describe, expect, test } from "bun:test";
import { isHcpError } from "../errors.ts";
import {
  checkPluginArtifactType,
  type Manifest,
  parseManifest,
  selectPluginLayers,
} from "./manifest.ts";

const D = (c: string) => `sha256:${c.repeat(64)}`;
const layer = (
  title: string,
  mediaType = "application/vnd.oci.image.layer.v1.tar+gzip",
  c = "b",
) => ({
  mediaType,
  digest: D(c),
  size: 10,
  annotations: { "org.opencontainers.image.title": title },
});
const manifest = (extra: Partial<Manifest>): Manifest => ({
  schemaVersion: 2,
  artifactType: "application/vnd.helm.plugin.v1+json",
  config: { mediaType: "application/vnd.oci.empty.v1+json", digest: D("a"), size: 2 },
  layers: [],
  ...extra,
});

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return isHcpError(err) ? err.code : "not an HcpError";
  }
  return undefined;
}

describe("parseManifest()", () => {
  test("reads an OCI manifest with annotations", () => {
    const bytes = new TextEncoder().encode(
      JSON.stringify(manifest({ layers: [layer("p-1.tgz")] })),
    );
    expect(parseManifest(bytes).layers[0]?.annotations?.["org.opencontainers.image.title"]).toBe(
      "p-1.tgz",
    );
  });
  test.each([
    { name: "not JSON", text: "{" },
    { name: "schemaVersion 1", text: JSON.stringify({ ...manifest({}), schemaVersion: 1 }) },
    {
      name: "a docker v2 manifest",
      text: JSON.stringify({
        ...manifest({}),
        mediaType: "application/vnd.docker.distribution.manifest.v2+json",
      }),
    },
    {
      name: "a bad digest",
      text: JSON.stringify(manifest({ layers: [{ ...layer("x"), digest: "md5:x" }] })),
    },
    {
      name: "a negative size",
      text: JSON.stringify(manifest({ layers: [{ ...layer("x"), size: -1 }] })),
    },
  ])("rejects $name", ({ text }) => {
    expect(codeOf(() => parseManifest(new TextEncoder().encode(text)))).toBe("OCI_BAD_MANIFEST");
  });
});

describe("checkPluginArtifactType()", () => {
  test("accepts the plugin artifact type, or a legacy config media type", () => {
    expect(codeOf(() => checkPluginArtifactType(manifest({})))).toBeUndefined();
    const legacy = manifest({
      config: { mediaType: "application/vnd.helm.plugin.v1+json", digest: D("a"), size: 2 },
    });
    const { artifactType: _, ...noType } = legacy;
    expect(codeOf(() => checkPluginArtifactType(noType))).toBeUndefined();
  });
  test("refuses a chart with Helm's message", () => {
    const chart = manifest({
      artifactType: "application/vnd.cncf.helm.chart.v1+json",
    } as Partial<Manifest>);
    let message = "";
    try {
      checkPluginArtifactType(chart);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toBe(
      "expected artifact type application/vnd.helm.plugin.v1+json, got application/vnd.cncf.helm.chart.v1+json",
    );
  });
});

describe("selectPluginLayers()", () => {
  test("picks <name>-*.tgz and <name>-*.tgz.prov by title", () => {
    const m = manifest({
      layers: [
        layer("other-1.tgz", undefined, "c"),
        layer("p-1.0.0.tgz.prov", "application/vnd.oci.image.layer.v1.tar", "d"),
        layer("p-1.0.0.tgz"),
      ],
    });
    const picked = selectPluginLayers(m, "p");
    expect(picked.tarball.digest).toBe(D("b"));
    expect(picked.prov?.digest).toBe(D("d"));
  });
  test("a missing tarball layer is OCI_LAYER_MISSING with Helm's message", () => {
    let err: unknown;
    try {
      selectPluginLayers(manifest({ layers: [layer("q-1.tgz")] }), "p");
    } catch (e) {
      err = e;
    }
    expect(isHcpError(err, "OCI_LAYER_MISSING")).toBe(true);
    expect((err as Error).message).toBe(
      "required layer matching pattern p-VERSION.tgz not found in manifest",
    );
  });
  test("a tarball layer of a media type Helm never fetches is refused up front", () => {
    const m = manifest({ layers: [layer("p-1.tgz", "application/octet-stream")] });
    expect(codeOf(() => selectPluginLayers(m, "p"))).toBe("OCI_WRONG_LAYER_TYPE");
  });
});
