import { describe, expect, test } from "bun:test";
import { isAllowedUrl, normaliseAllowedHost } from "./http-policy.ts";

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
