import { expect, test } from "bun:test";
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { isHcpError } from "../errors.ts";
import { ContentCache } from "./content-cache.ts";
import { sha256Hex } from "./digest.ts";

async function tempCache(): Promise<AsyncDisposable & { cache: ContentCache; root: string }> {
  const root = await mkdtemp(join(tmpdir(), "hcp-cache-"));
  return {
    root,
    cache: new ContentCache(join(root, "content")),
    [Symbol.asyncDispose]: () => rm(root, { recursive: true, force: true }),
  };
}

const bytes = (s: string) => new TextEncoder().encode(s);

test("put() stores at <hh>/<hex>.plugin, mode 0644, and get() returns the bytes", async () => {
  await using t = await tempCache();
  const hex = await t.cache.put(bytes("hello"));
  expect(hex).toBe(sha256Hex(bytes("hello")));
  const path = join(t.root, "content", hex.slice(0, 2), `${hex}.plugin`);
  expect(t.cache.pathFor(`sha256:${hex}`)).toBe(path);
  expect((await stat(path)).mode & 0o777).toBe(0o644);
  expect((await t.cache.get(hex))?.bytes).toEqual(bytes("hello"));
});

test("put() with an expected digest refuses other bytes and stores nothing", async () => {
  await using t = await tempCache();
  const err = await t.cache
    .put(bytes("evil"), { expected: sha256Hex(bytes("good")) })
    .catch((e) => e);
  expect(isHcpError(err, "CACHE_DIGEST_MISMATCH")).toBe(true);
  expect(await t.cache.get(sha256Hex(bytes("evil")))).toBeUndefined();
});

test("get() detects a file corrupted after it was stored", async () => {
  await using t = await tempCache();
  const hex = await t.cache.put(bytes("original"));
  await writeFile(t.cache.pathFor(hex), "tampered");
  const err = await t.cache.get(hex).catch((e) => e);
  expect(isHcpError(err, "CACHE_CORRUPT")).toBe(true);
  expect(err.message).toContain(hex);
  expect(await t.cache.has(hex)).toBe(false);
  // a new put repairs the entry
  await t.cache.put(bytes("original"));
  expect((await t.cache.get(hex))?.bytes).toEqual(bytes("original"));
});

test("a zero-size file counts as absent; a directory is an error", async () => {
  await using t = await tempCache();
  const hex = sha256Hex(bytes("x"));
  await mkdir(join(t.root, "content", hex.slice(0, 2)), { recursive: true });
  await writeFile(t.cache.pathFor(hex), "");
  expect(await t.cache.get(hex)).toBeUndefined();
  const dirHex = sha256Hex(bytes("y"));
  await mkdir(t.cache.pathFor(dirHex), { recursive: true });
  expect(isHcpError(await t.cache.get(dirHex).catch((e) => e), "CACHE_NOT_A_FILE")).toBe(true);
});

test("get() also reads the flat seed-era path <hex>.plugin", async () => {
  await using t = await tempCache();
  const hex = sha256Hex(bytes("flat"));
  await mkdir(join(t.root, "content"), { recursive: true });
  await writeFile(join(t.root, "content", `${hex}.plugin`), "flat");
  expect((await t.cache.get(hex))?.bytes).toEqual(bytes("flat"));
});

test("concurrent put() of the same content leaves one intact file and no temp files", async () => {
  await using t = await tempCache();
  const data = new Uint8Array(256 * 1024).map((_, i) => i % 251);
  const results = await Promise.all(Array.from({ length: 8 }, () => t.cache.put(data)));
  expect(new Set(results).size).toBe(1);
  const hex = results[0] as string;
  expect((await t.cache.get(hex))?.bytes).toEqual(data);
  expect(await readdir(join(t.root, "content", hex.slice(0, 2)))).toEqual([`${hex}.plugin`]);
});

test("putProv()/getProv() keep the .prov beside its tarball", async () => {
  await using t = await tempCache();
  const hex = await t.cache.put(bytes("tgz"));
  await t.cache.putProv(hex, bytes("prov"));
  expect(await t.cache.getProv(hex)).toEqual(bytes("prov"));
  expect(t.cache.pathFor(hex, "prov").endsWith(`${hex}.prov`)).toBe(true);
});

test("property: put then get is identity", async () => {
  await using t = await tempCache();
  await fc.assert(
    fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 512 }), async (data) => {
      const hex = await t.cache.put(data);
      expect((await t.cache.get(hex))?.bytes).toEqual(data);
    }),
    { numRuns: 50 },
  );
});
