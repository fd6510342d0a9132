import { describe, expect, test } from "bun:test";
import { isNonPublicAddress } from "./private-address.ts";

describe("isNonPublicAddress()", () => {
  test.each([
    ["127.0.0.1", true],
    ["127.8.9.10", true],
    ["10.1.2.3", true],
    ["172.16.0.1", true],
    ["172.31.255.255", true],
    ["172.32.0.1", false],
    ["192.168.1.1", true],
    ["169.254.169.254", true],
    ["100.64.0.1", true],
    ["0.0.0.0", true],
    ["224.0.0.1", true],
    ["255.255.255.255", true],
    ["8.8.8.8", false],
    ["93.184.216.34", false],
    ["::1", true],
    ["::", true],
    ["fe80::1", true],
    ["fd00::1", true],
    ["ff02::1", true],
    ["::ffff:127.0.0.1", true],
    ["::ffff:169.254.169.254", true],
    ["::ffff:8.8.8.8", false],
    ["2001:4860:4860::8888", false],
    ["not an ip", true],
  ])("%s → %p", (ip, want) => {
    expect(isNonPublicAddress(ip)).toBe(want);
  });
});
