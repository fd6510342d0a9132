import { afterAll, describe, expect, test } from "bun:test";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { fileGet, httpContentType, httpGet } from "./index.ts";

const server = Bun.serve({
  hostname: "127.0.0.1",
  port: 0,
  fetch(req) {
    const path = new URL(req.url).pathname;
    if (path === "/ok")
      return new Response("payload", { headers: { "content-type": "application/gzip" } });
    if (path === "/auth") return new Response(req.headers.get("authorization") ?? "none");
    if (path === "/big") return new Response("x".repeat(100));
    return new Response("no", { status: 404, statusText: "Not Found" });
  },
});
const base = `http://127.0.0.1:${server.port}`;
afterAll(() => server.stop(true));

describe("http getter", () => {
  test("downloads a body", async () => {
    expect(new TextDecoder().decode(await httpGet(`${base}/ok`))).toBe("payload");
  });
  test("sends basic auth when given", async () => {
    const body = await httpGet(`${base}/auth`, { username: "u", password: "p" });
    expect(new TextDecoder().decode(body)).toBe(`Basic ${btoa("u:p")}`);
  });
  test("a non-2xx status is an error naming the URL and status", async () => {
    await expect(httpGet(`${base}/missing`)).rejects.toThrow(
      `failed to fetch ${base}/missing : 404 Not Found`,
    );
  });
  test("caps the size", async () => {
    await expect(httpGet(`${base}/big`, { maxBytes: 10 })).rejects.toThrow(
      "is larger than 10 bytes",
    );
  });
  test("HEAD gives the content type, undefined on failure", async () => {
    expect(await httpContentType(`${base}/ok`)).toBe("application/gzip");
    expect(await httpContentType(`${base}/missing`)).toBeUndefined();
    expect(await httpContentType("http://127.0.0.1:1/unreachable")).toBeUndefined();
  });
});

describe("file getter", () => {
  test("reads file:// URLs and paths; missing files are errors", async () => {
    const dir = await mkdtemp(join(tmpdir(), "hcp-getter-"));
    try {
      const file = join(dir, "a.txt");
      await writeFile(file, "abc");
      expect(new TextDecoder().decode(await fileGet(pathToFileURL(file).href))).toBe("abc");
      expect(new TextDecoder().decode(await fileGet(file))).toBe("abc");
      await expect(fileGet(join(dir, "nope"))).rejects.toThrow("failed to read");
      await expect(fileGet(file, 2)).rejects.toThrow("is larger than 2 bytes");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
