/**
 * A FieldReader over an already-parsed plain value (from a fast native YAML parser). It only
 * accepts the unambiguous shapes: a string where a string is expected, a boolean where a
 * boolean is, a non-negative integer where a count is. Anything else (a number where Go would
 * keep the source text, a type error, a problem needing a line number) throws
 * NeedsFullParse, and the caller falls back to the position-aware `yaml` document reader, so
 * results and messages never depend on which path ran.
 */
import type { FieldReader } from "./schema.ts";
import type { PlatformCommand } from "./types.ts";

type Path = readonly (string | number)[];

/** Thrown when the fast path cannot decide exactly like the full parse. */
export class NeedsFullParse extends Error {}

const bail = (): never => {
  throw new NeedsFullParse();
};

function at(root: unknown, path: Path): unknown {
  let current = root;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v);

/** Creates the fast reader (same interface as the document reader in schema.ts). */
export function createValueReader(root: unknown): FieldReader {
  const reader: FieldReader = {
    keys(path: Path): string[] {
      const v = at(root, path);
      return isObject(v) ? Object.keys(v) : [];
    },
    keyLine(): number {
      return bail();
    },
    has(path: Path): boolean {
      const v = at(root, path);
      return v !== undefined && v !== null;
    },
    expectMapping(path: Path): void {
      const v = at(root, path);
      if (v !== undefined && v !== null && !isObject(v)) bail();
    },
    scalar(path: Path, key: string | number): string | undefined {
      const v = at(root, [...path, key]);
      if (v === undefined || v === null) return undefined;
      return typeof v === "string" ? v : bail();
    },
    string(path: Path, key: string | number): string {
      const v = at(root, [...path, key]);
      if (v === undefined || v === null) return "";
      return typeof v === "string" ? v : bail();
    },
    bool(path: Path, key: string): boolean {
      const v = at(root, [...path, key]);
      if (v === undefined || v === null) return false;
      return typeof v === "boolean" ? v : bail();
    },
    uint(path: Path, key: string, max: number): number {
      const v = at(root, [...path, key]);
      if (v === undefined || v === null) return 0;
      return typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= max ? v : bail();
    },
    list(path: Path): unknown[] {
      const v = at(root, path);
      if (v === undefined || v === null) return [];
      return Array.isArray(v) ? v : bail();
    },
    stringList(path: Path): string[] {
      return reader.list(path, []).map((item) => (typeof item === "string" ? item : bail()));
    },
    stringMap(path: Path): Record<string, string> {
      const v = at(root, path);
      if (v === undefined || v === null) return {};
      if (!isObject(v)) return bail();
      const out: Record<string, string> = {};
      for (const [key, value] of Object.entries(v))
        out[key] = typeof value === "string" ? value : bail();
      return out;
    },
    platformCommands(path: Path): PlatformCommand[] {
      return reader.list(path, []).map((_, i) => {
        const p = [...path, i];
        if (!isObject(at(root, p))) bail();
        return {
          os: reader.string(p, "os"),
          arch: reader.string(p, "arch"),
          command: reader.string(p, "command"),
          args: reader.stringList([...p, "args"], []),
        };
      });
    },
    subtree(path: Path): FieldReader {
      return createValueReader(at(root, path) ?? null);
    },
    strictKeys(path: Path, allowed: readonly string[]): void {
      if (reader.keys(path).some((k) => !allowed.includes(k))) bail();
    },
  };
  return reader;
}
