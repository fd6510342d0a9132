/**
 * Sprig's urlParse and urlJoin over Go's net/url rules (scheme, opaque, userinfo, host, path
 * unescaping, raw query, fragment; String() escaping).
 */
import { goKind, goQuote } from "../template/fmt.ts";
import { type FuncMap, goFunc } from "../template/value.ts";
import { fromUtf8, utf8 } from "./gostr.ts";

interface GoUrl {
  scheme: string;
  opaque: string;
  user: string | undefined;
  host: string;
  path: string;
  rawQuery: string;
  fragment: string;
}

function urlUnescape(s: string, what: string): string {
  if (/%(?![0-9a-fA-F]{2})/.test(s)) {
    const m = /%.{0,2}/.exec(s.slice(s.search(/%(?![0-9a-fA-F]{2})/)))!;
    throw new Error(`parse ${goQuote(what)}: invalid URL escape ${goQuote(m[0])}`);
  }
  const bytes: number[] = [];
  const enc = new TextEncoder();
  for (let i = 0; i < s.length; i++) {
    if (s[i] === "%") {
      bytes.push(Number.parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...enc.encode(s[i]!));
    }
  }
  return fromUtf8(Uint8Array.from(bytes));
}

/** Go's url.Parse (the common subset Sprig users rely on). */
export function parseUrl(raw: string): GoUrl {
  const u: GoUrl = {
    scheme: "",
    opaque: "",
    user: undefined,
    host: "",
    path: "",
    rawQuery: "",
    fragment: "",
  };
  let rest = raw;
  const hash = rest.indexOf("#");
  if (hash >= 0) {
    u.fragment = urlUnescape(rest.slice(hash + 1), raw);
    rest = rest.slice(0, hash);
  }
  const sm = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(rest);
  if (sm !== null) {
    u.scheme = sm[1]!.toLowerCase();
    rest = rest.slice(sm[0].length);
  } else if (/^[^/?]*:/.test(rest) && !rest.startsWith("/")) {
    if (rest.startsWith(":")) throw new Error(`parse ${goQuote(raw)}: missing protocol scheme`);
    throw new Error(`parse ${goQuote(raw)}: first path segment in URL cannot contain colon`);
  }
  const q = rest.indexOf("?");
  if (q >= 0) {
    u.rawQuery = rest.slice(q + 1);
    rest = rest.slice(0, q);
  }
  if (u.scheme !== "" && !rest.startsWith("/")) {
    u.opaque = rest;
    return u;
  }
  if (rest.startsWith("//")) {
    const auth = rest.slice(2).split("/", 1)[0]!;
    rest = rest.slice(2 + auth.length);
    const at = auth.lastIndexOf("@");
    if (at >= 0) {
      if (!/^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(auth.slice(0, at))) {
        throw new Error(`parse ${goQuote(raw)}: net/url: invalid userinfo`);
      }
      u.user = auth.slice(0, at);
      u.host = auth.slice(at + 1);
    } else {
      u.host = auth;
    }
    const port = u.host.startsWith("[")
      ? u.host.slice(u.host.indexOf("]") + 1)
      : u.host.slice(u.host.lastIndexOf(":") < 0 ? u.host.length : u.host.lastIndexOf(":"));
    if (port !== "" && !/^:[0-9]*$/.test(port)) {
      throw new Error(`parse ${goQuote(raw)}: invalid port ${goQuote(port)} after host`);
    }
    // Go unescapes the host; in practice only an IPv6 zone ("%25en0") carries escapes.
    if (u.host.startsWith("[")) u.host = urlUnescape(u.host, raw);
  }
  u.path = urlUnescape(rest, raw);
  return u;
}

function hostname(host: string): string {
  if (host.startsWith("[")) {
    const end = host.indexOf("]");
    return end < 0 ? host.slice(1) : host.slice(1, end);
  }
  const colon = host.lastIndexOf(":");
  return colon >= 0 && /^:[0-9]*$/.test(host.slice(colon)) ? host.slice(0, colon) : host;
}

function escapeWith(s: string, keep: RegExp): string {
  let out = "";
  for (const b of utf8(s)) {
    const c = String.fromCharCode(b);
    out += b < 128 && keep.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/** Userinfo.String(): username[:password], escaped. */
function userString(user: string): string {
  const colon = user.indexOf(":");
  const keep = /[A-Za-z0-9\-_.~$&+,;=]/;
  const name = escapeWith(urlUnescape(colon < 0 ? user : user.slice(0, colon), user), keep);
  if (colon < 0) return name;
  return `${name}:${escapeWith(urlUnescape(user.slice(colon + 1), user), keep)}`;
}

/** Go's URL.String(). */
export function formatUrl(u: GoUrl): string {
  let out = "";
  if (u.scheme !== "") out += `${u.scheme}:`;
  if (u.opaque !== "") {
    out += u.opaque;
  } else {
    if (u.scheme !== "" || u.host !== "" || u.user !== undefined) {
      if (u.host !== "" || u.path !== "" || u.user !== undefined) out += "//";
      if (u.user !== undefined) out += `${userString(u.user)}@`;
      out += u.host;
    }
    const path = u.path === "*" ? "*" : escapeWith(u.path, /[A-Za-z0-9\-_.~$&+,/:;=@]/);
    if (path !== "" && !path.startsWith("/") && u.host !== "") out += "/";
    if (out === "" && (path.split("/", 1)[0] ?? "").includes(":")) out += "./";
    out += path;
  }
  if (u.rawQuery !== "") out += `?${u.rawQuery}`;
  if (u.fragment !== "") out += `#${escapeWith(u.fragment, /[A-Za-z0-9\-_.~$&+,/:;=?@!()*]/)}`;
  return out;
}

function dictString(d: Record<string, unknown>, key: string): string {
  if (!Object.hasOwn(d, key)) return "";
  const v = d[key];
  if (v === null || v === undefined) {
    throw new Error("runtime error: invalid memory address or nil pointer dereference");
  }
  if (typeof v !== "string") {
    throw new Error(`unable to parse ${key} key, must be of type string, but ${goKind(v)} found`);
  }
  return v;
}

/** The URL functions. */
export function urlFuncs(): FuncMap {
  return {
    urlParse: goFunc(["string"], (raw: string) => {
      let u: GoUrl;
      try {
        u = parseUrl(raw);
      } catch (err) {
        throw new Error(`unable to parse url: ${(err as Error).message}`);
      }
      return {
        scheme: u.scheme,
        host: u.host,
        hostname: hostname(u.host),
        path: u.path,
        query: u.rawQuery,
        opaque: u.opaque,
        fragment: u.fragment,
        userinfo: u.user === undefined ? "" : userString(u.user),
      };
    }),
    urlJoin: goFunc(["map[string]interface {}"], (d: Record<string, unknown>) => {
      const user = dictString(d, "userinfo");
      if (user !== "") {
        try {
          parseUrl(`proto://${user}@host`);
        } catch (err) {
          throw new Error(`unable to parse userinfo in dict: ${(err as Error).message}`);
        }
      }
      return formatUrl({
        scheme: dictString(d, "scheme"),
        host: dictString(d, "host"),
        path: dictString(d, "path"),
        rawQuery: dictString(d, "query"),
        opaque: dictString(d, "opaque"),
        fragment: dictString(d, "fragment"),
        user: user === "" ? undefined : user,
      });
    }),
  };
}
