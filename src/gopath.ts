/**
 * Go's path.Clean for "/"-separated paths, shared by Sprig's `clean` and the chart archive
 * reader (which normalises entry names as Helm's loader does). Pure leaf: imports nothing.
 */

/** Go's path.Clean: the lexically shortest path equivalent to `p` ("" → "."). */
export function cleanPath(p: string): string {
  if (p === "") return ".";
  const rooted = p.startsWith("/");
  const out: string[] = [];
  for (const part of p.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (out.length > 0 && out[out.length - 1] !== "..") out.pop();
      else if (!rooted) out.push("..");
      continue;
    }
    out.push(part);
  }
  const joined = out.join("/");
  if (rooted) return `/${joined}`;
  return joined === "" ? "." : joined;
}
