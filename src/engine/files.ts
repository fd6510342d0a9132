/**
 * `.Files` as Helm's engine exposes it: a map of chart file name → bytes with the methods
 * Get, GetBytes, Glob (gobwas globs with "/" as separator), Lines, AsConfig and AsSecrets.
 */
import { compileGlob } from "../render/glob.ts";
import { base64Encode } from "../sprig/encoding.ts";
import { fromUtf8 } from "../sprig/gostr.ts";
import { goFunc, typedSlice, withMethods } from "../template/value.ts";

/** Serialises a map of strings as YAML (Helm's toYAML, keys sorted). */
export type ToYaml = (v: unknown) => string;

function baseName(p: string): string {
  const trimmed = p.replace(/\/+$/, "");
  if (trimmed === "") return p === "" ? "." : "/";
  return trimmed.slice(trimmed.lastIndexOf("/") + 1);
}

function matchAll(pattern: string): (name: string) => boolean {
  try {
    const g = compileGlob(pattern);
    return (name) => g.match(name);
  } catch {
    return () => true;
  }
}

/**
 * Creates the `.Files` value over `files` (name → data): a map (templates may range over it,
 * as over `.Files.Glob "x/*"`) with Helm's methods.
 */
export function createFiles(
  files: ReadonlyMap<string, Uint8Array>,
  toYaml: ToYaml,
): Record<string, Uint8Array> {
  const fields: Record<string, Uint8Array> = {};
  for (const [k, v] of files) fields[k] = v;
  const getBytes = (name: string): Uint8Array => files.get(name) ?? new Uint8Array();
  return withMethods(
    fields,
    {
      GetBytes: goFunc(["string"], ((name: string) => getBytes(name)) as never),
      Get: goFunc(["string"], ((name: string) => fromUtf8(getBytes(name))) as never),
      Glob: goFunc(["string"], ((pattern: string) => {
        const match = matchAll(pattern);
        const out = new Map<string, Uint8Array>();
        for (const [k, v] of files) if (match(k)) out.set(k, v);
        return createFiles(out, toYaml);
      }) as never),
      Lines: goFunc(["string"], ((path: string) => {
        const data = files.get(path);
        if (data === undefined || data.length === 0) return typedSlice([], "[]string");
        let s = fromUtf8(data);
        if (s.endsWith("\n")) s = s.slice(0, -1);
        return typedSlice(s.split("\n"), "[]string");
      }) as never),
      AsConfig: goFunc([], (() => {
        const m: Record<string, string> = {};
        for (const [k, v] of files) m[baseName(k)] = fromUtf8(v);
        return toYaml(m);
      }) as never),
      AsSecrets: goFunc([], (() => {
        const m: Record<string, string> = {};
        for (const [k, v] of files) m[baseName(k)] = base64Encode(v);
        return toYaml(m);
      }) as never),
    },
    "engine.files",
  );
}
