/**
 * Which IP addresses a Wasm guest must not reach even when its plugin.yaml lists them: the
 * plugin author writes allowedHosts, so loopback, private, link-local (cloud metadata at
 * 169.254.169.254) and other non-public ranges are refused unless the user opted in. Pure.
 */
import { isIP } from "node:net";

function v4Parts(ip: string): number[] | undefined {
  const parts = ip.split(".").map(Number);
  return parts.length === 4 && parts.every((p) => Number.isInteger(p) && p >= 0 && p <= 255)
    ? parts
    : undefined;
}

function isNonPublicV4(ip: string): boolean {
  const p = v4Parts(ip);
  if (!p) return true;
  const [a = 0, b = 0] = p;
  return (
    a === 0 || // "this" network
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) || // carrier-grade NAT
    (a === 169 && b === 254) || // link-local, cloud metadata
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 192 && b === 0 && p[2] === 0) || // IETF protocol assignments
    (a === 198 && (b === 18 || b === 19)) || // benchmarking
    a >= 224 // multicast, reserved, broadcast
  );
}

/** Expands an IPv6 address (optionally with a trailing dotted IPv4 part) to its 8 groups. */
function v6Groups(ip: string): number[] {
  const zone = ip.indexOf("%");
  let text = (zone >= 0 ? ip.slice(0, zone) : ip).toLowerCase();
  const dotted = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1] !== undefined && dotted[2] !== undefined) {
    const [a = 0, b = 0, c = 0, d = 0] = v4Parts(dotted[2]) ?? [];
    text = `${dotted[1]}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", rest] = text.split("::");
  const parse = (s: string) =>
    s === "" ? [] : s.split(":").map((g) => Number.parseInt(g, 16) || 0);
  const left = parse(head);
  const right = rest === undefined ? [] : parse(rest);
  const fill = Math.max(0, 8 - left.length - right.length);
  return [...left, ...new Array<number>(fill).fill(0), ...right].slice(0, 8);
}

function isNonPublicV6(ip: string): boolean {
  const g = v6Groups(ip);
  const first = g[0] ?? 0;
  if (g.every((x) => x === 0)) return true; // ::
  if (g.slice(0, 7).every((x) => x === 0) && g[7] === 1) return true; // ::1
  if (g.slice(0, 5).every((x) => x === 0) && (g[5] === 0xffff || g[5] === 0)) {
    const v4 = `${(g[6] ?? 0) >> 8}.${(g[6] ?? 0) & 255}.${(g[7] ?? 0) >> 8}.${(g[7] ?? 0) & 255}`;
    return isNonPublicV4(v4); // IPv4-mapped / -compatible
  }
  return (
    (first & 0xfe00) === 0xfc00 || // unique local
    (first & 0xffc0) === 0xfe80 || // link-local
    (first & 0xff00) === 0xff00 || // multicast
    first === 0x64 // NAT64 well-known prefix 64:ff9b::/96 starts with 0x0064
  );
}

/** Reports whether an IP address (v4 or v6, no brackets) is not a public unicast address. */
export function isNonPublicAddress(ip: string): boolean {
  const version = isIP(ip);
  if (version === 4) return isNonPublicV4(ip);
  if (version === 6) return isNonPublicV6(ip);
  return true;
}
