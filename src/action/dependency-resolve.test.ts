import { expect, test } from "bun:test";
import { writeFile } from "node:fs/promises";
import { tempTree } from "../../test/helpers/temp.ts";
import { ContentCache, sha256Hex } from "../cache/index.ts";
import { isHcpError } from "../errors.ts";
import { createLogger } from "../log.ts";
import { EMPTY_DEPENDENCIES_DIGEST } from "./dependency-plugins.ts";
import { resolveCachedPlugin } from "./dependency-resolve.ts";

const plugin = { name: "p", type: "render/v1", repository: "oci://r.io/p", version: "0.1.0" };
const lockFor = (digest: string, version = "0.1.0") => ({
  dependencies: null,
  digest: EMPTY_DEPENDENCIES_DIGEST,
  generated: "",
  plugins: [{ ...plugin, version, digest }],
});

test("resolveCachedPlugin() returns the verified bytes and .prov for the locked digest", async () => {
  await using dir = await tempTree({}, { prefix: "hcp-resolve-" });
  const cache = new ContentCache(dir.path);
  const bytes = new TextEncoder().encode("tarball");
  const digest = await cache.put(bytes);
  await cache.putProv(digest, new TextEncoder().encode("prov"));
  const found = await resolveCachedPlugin({
    contentCache: dir.path,
    lock: lockFor(digest),
    plugin,
  });
  expect(found?.tarball).toEqual(bytes);
  expect(found?.prov).toEqual(new TextEncoder().encode("prov"));
  expect(found?.digest).toBe(digest);
});

test("N7: a cached tarball that does not hash to the locked digest fails before use", async () => {
  await using dir = await tempTree({}, { prefix: "hcp-resolve-" });
  const cache = new ContentCache(dir.path);
  const digest = await cache.put(new TextEncoder().encode("good"));
  await writeFile(cache.pathFor(digest), "evil");
  const err = await resolveCachedPlugin({
    contentCache: dir.path,
    lock: lockFor(digest),
    plugin,
  }).catch((e) => e);
  expect(isHcpError(err, "CACHE_CORRUPT")).toBe(true);
  expect(err.message).toBe(
    `plugin "p" (digest: ${digest.slice(0, 12)}) failed verification in the cache`,
  );
});

test("no lock, a digest not cached, or a lock for another version: undefined (caller falls back)", async () => {
  await using dir = await tempTree({}, { prefix: "hcp-resolve-" });
  const lines: string[] = [];
  const log = createLogger((l) => lines.push(l), false);
  expect(
    await resolveCachedPlugin({ contentCache: dir.path, lock: undefined, plugin }),
  ).toBeUndefined();
  const missing = sha256Hex(new TextEncoder().encode("never stored"));
  expect(
    await resolveCachedPlugin({ contentCache: dir.path, lock: lockFor(missing), plugin }),
  ).toBeUndefined();
  const cache = new ContentCache(dir.path);
  const digest = await cache.put(new TextEncoder().encode("old"));
  expect(
    await resolveCachedPlugin({
      contentCache: dir.path,
      lock: lockFor(digest, "0.0.9"),
      plugin,
      log,
    }),
  ).toBeUndefined();
  expect(lines.join("")).toContain('Chart.lock pins plugin "p" at version 0.0.9');
});
