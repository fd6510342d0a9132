/**
 * Attack: a Wasm guest reaches hosts it was not allowed (the JS SDK matched the hostname only,
 * any scheme or port, and followed redirects anywhere), or pulls an unbounded response.
 * hcp's http_request matches scheme + host + port exactly, re-checks every redirect target
 * and caps the decoded body at memory.maxHttpResponseBytes.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { createExtismRuntime } from "../../src/runtimes/extism.ts";
import { assembleFixture } from "../fixtures/wasm/assemble.ts";
import { metadataFor } from "../fixtures/wasm/harness.ts";
import { HCP_BIN, hasHcpBinary } from "../helpers/env.ts";

const binary = hasHcpBinary("wasm http tests");

let secretHits = 0;
const other = Bun.serve({
  hostname: "127.0.0.1",
  port: 0,
  fetch() {
    secretHits++;
    return new Response("loopback secret");
  },
});
const allowed = Bun.serve({
  hostname: "127.0.0.1",
  port: 0,
  fetch(req) {
    const path = new URL(req.url).pathname;
    if (path === "/ok") return new Response("hello from an allowed host");
    if (path === "/redirect-out") return Response.redirect(`${other.url}secret`, 302);
    if (path === "/redirect-in") return Response.redirect("/ok", 302);
    if (path === "/big") return new Response("x".repeat(2048));
    return new Response("not found", { status: 404 });
  },
});
// The servers live on 127.0.0.1: these tests opt in to non-public targets, except where noted.
const runtime = createExtismRuntime({
  sandboxCommand: [HCP_BIN, "__sandbox"],
  allowNonPublicHosts: true,
});
const strict = createExtismRuntime({
  sandboxCommand: [HCP_BIN, "__sandbox"],
});
afterAll(async () => {
  await runtime.close();
  await strict.close();
  allowed.stop(true);
  other.stop(true);
});

const origin = `http://127.0.0.1:${allowed.port}`;

async function get(url: string, runtimeConfig: string, rt = runtime): Promise<string> {
  const meta = metadataFor("http", runtimeConfig);
  if (meta.runtimeConfig.runtime !== "extism/v1") throw new Error("not extism");
  try {
    const result = await rt.invokeWasm({
      wasm: await assembleFixture("http"),
      name: "http",
      trustGate: async () => {},
      runtimeConfig: meta.runtimeConfig,
      input: new TextEncoder().encode(JSON.stringify({ url, method: "GET" })),
    });
    return `ok: ${new TextDecoder().decode(result.output)}`;
  } catch (err) {
    return `error: ${(err as Error).message}`;
  }
}

const limits = "memory:\n  maxHttpResponseBytes: 4096";

describe.skipIf(!binary)("wasm guest HTTP", () => {
  test("an allowed origin is reachable", async () => {
    expect(await get(`${origin}/ok`, `allowedHosts: ["${origin}"]\n${limits}`)).toBe(
      "ok: hello from an allowed host",
    );
  });

  test("a redirect inside the allowed origin is followed", async () => {
    expect(await get(`${origin}/redirect-in`, `allowedHosts: ["${origin}"]\n${limits}`)).toBe(
      "ok: hello from an allowed host",
    );
  });

  test.each([
    {
      name: "no allowedHosts at all",
      url: () => `${origin}/ok`,
      config: () => limits,
      want: () => `HTTP request to "${origin}/ok" is not allowed (no allowedHosts)`,
    },
    {
      name: "same host, other port",
      url: () => `${other.url}secret`,
      config: () => `allowedHosts: ["${origin}"]\n${limits}`,
      want: () => `HTTP request to "${other.url}secret" is not allowed by allowedHosts`,
    },
    {
      name: "same host and port, other scheme",
      url: () => `${origin}/ok`,
      config: () => `allowedHosts: ["https://127.0.0.1:${allowed.port}"]\n${limits}`,
      want: () => `HTTP request to "${origin}/ok" is not allowed by allowedHosts`,
    },
    {
      name: "a redirect from an allowed origin to another one",
      url: () => `${origin}/redirect-out`,
      config: () => `allowedHosts: ["${origin}"]\n${limits}`,
      want: () => `HTTP redirect to "${other.url}secret" is not allowed by allowedHosts`,
    },
    {
      name: "a glob entry (hcp matches exact origins only)",
      url: () => `${origin}/ok`,
      config: () => `allowedHosts: ["*"]\n${limits}`,
      want: () => `HTTP request to "${origin}/ok" is not allowed (no allowedHosts)`,
    },
  ])("refused: $name", async ({ url, config, want }) => {
    const before = secretHits;
    const got = await get(url(), config());
    expect(got).toBe(`error: plugin error: ${want()}`);
    expect(secretHits).toBe(before);
  });

  test("loopback is refused even when allowedHosts lists it, unless the user opted in", async () => {
    const before = secretHits;
    const got = await get(
      `${other.url}secret`,
      `allowedHosts: ["${other.url.origin}"]\n${limits}`,
      strict,
    );
    expect(got).toBe(
      `error: plugin error: HTTP request to "${other.url}secret" is refused: 127.0.0.1 is not a public address`,
    );
    expect(secretHits).toBe(before);
  });

  test.each([
    { max: 1024, want: "HTTP response exceeds memory.maxHttpResponseBytes (1024)" },
    { max: 0, want: "HTTP response exceeds memory.maxHttpResponseBytes (0)" },
  ])("a body over maxHttpResponseBytes = $max traps", async ({ max, want }) => {
    const got = await get(
      `${origin}/big`,
      `allowedHosts: ["${origin}"]\nmemory:\n  maxHttpResponseBytes: ${max}`,
    );
    expect(got).toBe(`error: plugin error: ${want}`);
  });
});
