/**
 * Archive entry names → safe relative paths. Mirrors Helm's cleanJoin: a `:` (drive or path
 * list separator), a `..` component or an absolute path is refused outright, never cleaned;
 * `\` counts as `/`. Pure.
 */
import { HcpError } from "../errors.ts";

/**
 * Validates an archive entry name and returns it as clean `/`-separated segments.
 * @throws HcpError FILES_UNSAFE_PATH
 */
export function checkEntryName(name: string): string[] {
  const unsafe = (why: string) =>
    new HcpError("FILES_UNSAFE_PATH", `${why} in ${JSON.stringify(name)}`, {
      hint: "the archive is malformed or hostile; do not install it",
    });
  if (name.includes("\0")) throw unsafe("path contains a NUL byte, which is illegal");
  if (name.includes(":")) throw unsafe("path contains ':', which is illegal");
  const slashed = name.replaceAll("\\", "/");
  if (slashed.split("/").includes("..")) throw unsafe("path contains '..', which is illegal");
  if (slashed.startsWith("/")) throw unsafe("path is absolute, which is illegal");
  const segments = slashed.split("/").filter((s) => s !== "" && s !== ".");
  if (segments.length === 0) throw unsafe("path is empty, which is illegal");
  return segments;
}
