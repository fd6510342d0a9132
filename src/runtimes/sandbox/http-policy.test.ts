import { describe, expect, test } from "bun:test";
import { isAllowedUrl, normaliseAllowedHost, performGuestRequest } from "./http-policy.ts";

describe("normaliseAllowedHost()", () => {
  test.each([
    { input: "api.example.com", want: "https://api.example.com" },
    { input: "api.example.com:8443", want: "https://api.example.com:8443" },
    { input: "https://api.example.com:443", want: "https://api.example.com" },
    { input: "http://127.0.0.1:5000", want: "http://127.0.0.1:5000" },
    { input: "HTTPS://API.Example.com/", want: "https://api.example.com" },
    { input: "*", want: undefined },
    { input: "*.example.com", want: undefined },
    { input: "https://example.com/path", want: undefined },
    { input: "https://user:pw@example.com", want: undefined },
    { input: "ftp://example.com", want: undefined },
    { input: "", want: undefined },
  ])("$input → $want", ({ input, want }) => {
    expect(normaliseAllowedHost(input)).toBe(want);
  });
});

describe("isAllowedUrl()", () => {
  const policy = {
    origins: ["https://api.example.com", "http://127.0.0.1:5000"],
    maxResponseBytes: 10,
  };
  test.each([
    { url: "https://api.example.com/v1/x?y=1", want: true },
    { url: "https://api.example.com:443/", want: true },
    { url: "http://api.example.com/", want: false },
    { url: "https://api.example.com:8443/", want: false },
    { url: "https://api.example.com.evil.test/", want: false },
    { url: "https://evil.test/?https://api.example.com", want: false },
    { url: "http://127.0.0.1:5000/secret", want: true },
    { url: "http://127.0.0.1:5001/secret", want: false },
    { url: "http://localhost:5000/", want: false },
    { url: "not a url", want: false },
  ])("$url → $want", ({ url, want }) => {
    expect(isAllowedUrl(url, policy)).toBe(want);
  });
});

describe("performGuestRequest()", () => {
  const request = (url: string) => ({ op: "http" as const, method: "GET", url, headers: {} });
  const neverFetch = (async () => {
    throw new Error("fetch must not be called");
  }) as unknown as typeof fetch;
  const signal = new AbortController().signal;

  test.each([
    {
      name: "a name resolving to cloud metadata",
      addresses: ["169.254.169.254"],
      target: "169.254.169.254",
    },
    {
      name: "a name with one private address among public ones",
      addresses: ["8.8.8.8", "10.0.0.7"],
      target: "10.0.0.7",
    },
    { name: "a name resolving to IPv6 loopback", addresses: ["::1"], target: "::1" },
  ])("refuses $name without fetching", async ({ addresses, target }) => {
    const url = "https://metadata.example/latest";
    const policy = { origins: ["https://metadata.example"], maxResponseBytes: 100 };
    const answer = await performGuestRequest(
      request(url),
      new Uint8Array(),
      policy,
      neverFetch,
      signal,
      async () => addresses,
    );
    expect(answer.header.error).toBe(
      `HTTP request to "${url}" is refused: ${target} is not a public address`,
    );
  });

  test("a public address is fetched, with redirects handled by hand", async () => {
    const seen: { url: string; redirect: string | undefined }[] = [];
    const fakeFetch = (async (url: string, init: RequestInit) => {
      seen.push({ url, redirect: init.redirect });
      return new Response("ok");
    }) as unknown as typeof fetch;
    const policy = { origins: ["https://api.example"], maxResponseBytes: 100 };
    const answer = await performGuestRequest(
      request("https://api.example/x"),
      new Uint8Array(),
      policy,
      fakeFetch,
      signal,
      async () => ["93.184.216.34"],
    );
    expect(answer.header).toEqual({ op: "http-response", status: 200 });
    expect(new TextDecoder().decode(answer.body)).toBe("ok");
    expect(seen).toEqual([{ url: "https://api.example/x", redirect: "manual" }]);
  });
});
