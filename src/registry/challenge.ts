/**
 * WWW-Authenticate challenges (RFC 7235) as registries send them:
 * `Bearer realm="https://auth/token",service="registry",scope="repository:x:pull"` or
 * `Basic realm="registry"`.
 */

/** One parsed challenge. Parameter names are lower-cased. */
export interface Challenge {
  readonly scheme: "basic" | "bearer" | string;
  readonly params: Readonly<Record<string, string>>;
}

/** Parses the first challenge of a WWW-Authenticate header; undefined when absent or garbled. */
export function parseChallenge(header: string | null): Challenge | undefined {
  if (header === null) return undefined;
  const match = /^\s*([A-Za-z][A-Za-z0-9._-]*)\s*(.*)$/s.exec(header);
  if (!match) return undefined;
  const scheme = (match[1] ?? "").toLowerCase();
  const params: Record<string, string> = {};
  // auth-param = token "=" ( token / quoted-string ), separated by commas
  const param = /\s*([A-Za-z0-9._-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))\s*(?:,|$)/gy;
  const rest = match[2] ?? "";
  let m: RegExpExecArray | null = param.exec(rest);
  while (m !== null && m[0] !== "") {
    const value = m[2] !== undefined ? m[2].replace(/\\(.)/g, "$1") : (m[3] ?? "");
    params[(m[1] ?? "").toLowerCase()] = value;
    m = param.exec(rest);
  }
  return { scheme, params };
}
