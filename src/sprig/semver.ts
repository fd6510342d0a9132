/**
 * Masterminds/semver v3.4 as Sprig uses it (semver, semverCompare): lenient version parsing
 * ("v1", "1.2" are fine), and Masterminds' constraint language — `^`, `~`, `~>`, x-ranges,
 * `a - b` ranges, `,`/space for AND, `||` for OR, and its prerelease rule (a prerelease version
 * only satisfies a constraint group that itself mentions a prerelease). This is not npm semver.
 */
import { type FuncMap, type GoFunc, GoInt, GoStruct, goFunc } from "../template/value.ts";

/** A parsed semantic version (Masterminds' Version). */
export interface SemVersion {
  readonly major: bigint;
  readonly minor: bigint;
  readonly patch: bigint;
  readonly pre: string;
  readonly metadata: string;
  readonly original: string;
}

const LOOSE =
  /^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?(\+([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?$/;
const MAX_U64 = (1n << 64n) - 1n;

function parseSegment(s: string): bigint {
  const v = BigInt(s);
  if (v > MAX_U64) {
    throw new Error(
      `error parsing version segment: strconv.ParseUint: parsing "${s}": value out of range`,
    );
  }
  return v;
}

function validatePrerelease(p: string): void {
  for (const part of p.split(".")) {
    if (part === "") throw new Error("invalid prerelease string");
    if (/^[0-9]+$/.test(part)) {
      if (part.length > 1 && part.startsWith("0")) throw new Error("version segment starts with 0");
    } else if (!/^[0-9A-Za-z-]+$/.test(part)) {
      throw new Error("invalid prerelease string");
    }
  }
}

/** semver.NewVersion (coercing mode, the default in v3.4). */
export function parseVersion(v: string): SemVersion {
  const m = LOOSE.exec(v);
  if (m === null) throw new Error("invalid semantic version");
  const version: SemVersion = {
    major: parseSegment(m[1]!),
    minor: m[2] === undefined ? 0n : parseSegment(m[2].slice(1)),
    patch: m[3] === undefined ? 0n : parseSegment(m[3].slice(1)),
    pre: m[5] ?? "",
    metadata: m[8] ?? "",
    original: v,
  };
  if (version.pre !== "") validatePrerelease(version.pre);
  return version;
}

/** Version.String(). */
export function versionString(v: SemVersion): string {
  let s = `${v.major}.${v.minor}.${v.patch}`;
  if (v.pre !== "") s += `-${v.pre}`;
  if (v.metadata !== "") s += `+${v.metadata}`;
  return s;
}

function comparePrePart(s: string, o: string): number {
  if (s === o) return 0;
  if (s === "") return o !== "" ? -1 : 1;
  if (o === "") return 1;
  const sNum = /^[0-9]+$/.test(s) && BigInt(s) <= MAX_U64;
  const oNum = /^[0-9]+$/.test(o) && BigInt(o) <= MAX_U64;
  if (!sNum && !oNum) return s > o ? 1 : -1;
  if (!oNum) return -1;
  if (!sNum) return 1;
  return BigInt(s) > BigInt(o) ? 1 : -1;
}

function comparePrerelease(a: string, b: string): number {
  const sa = a.split(".");
  const sb = b.split(".");
  for (let i = 0; i < Math.max(sa.length, sb.length); i++) {
    const d = comparePrePart(sa[i] ?? "", sb[i] ?? "");
    if (d !== 0) return d;
  }
  return 0;
}

/** Version.Compare: -1, 0 or 1 (metadata ignored). */
export function compareVersions(a: SemVersion, b: SemVersion): number {
  for (const k of ["major", "minor", "patch"] as const) {
    if (a[k] !== b[k]) return a[k] < b[k] ? -1 : 1;
  }
  if (a.pre === "" && b.pre === "") return 0;
  if (a.pre === "") return 1;
  if (b.pre === "") return -1;
  return comparePrerelease(a.pre, b.pre);
}

interface Constraint {
  readonly op: string;
  readonly con: SemVersion;
  readonly minorDirty: boolean;
  readonly patchDirty: boolean;
  readonly dirty: boolean;
}

const CV =
  "v?([0-9|x|X|\\*]+)(\\.[0-9|x|X|\\*]+)?(\\.[0-9|x|X|\\*]+)?(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?";
const OPS = "=||!=|>|<|>=|=>|<=|=<|~|~>|\\^";
const CONSTRAINT_RE = new RegExp(`^\\s*(${OPS})\\s*(${CV})\\s*$`);
const RANGE_RE = new RegExp(`\\s*(${CV})\\s+-\\s+(${CV})\\s*`, "g");
const FIND_RE = new RegExp(`(${OPS})\\s*(${CV})`, "g");
const VALID_RE = new RegExp(
  `^(\\s*(${OPS})\\s*(${CV})\\s*)((?:\\s+|,\\s*)(${OPS})\\s*(${CV})\\s*)*$`,
);

const isX = (s: string | undefined): boolean => s === "x" || s === "X" || s === "*";

function parseConstraint(c: string): Constraint {
  const m = CONSTRAINT_RE.exec(c);
  if (m === null) throw new Error(`improper constraint: ${c}`);
  const [, op = "", ver = "", major = "", minorDot = "", patchDot = "", pre = ""] = m;
  let text = ver;
  let minorDirty = false;
  let patchDirty = false;
  let dirty = false;
  if (isX(major) || major === "") {
    text = `0.0.0${pre}`;
    dirty = true;
  } else if (isX(minorDot.slice(1)) || minorDot === "") {
    minorDirty = true;
    dirty = true;
    text = `${major}.0.0${pre}`;
  } else if (isX(patchDot.slice(1)) || patchDot === "") {
    dirty = true;
    patchDirty = true;
    text = `${major}${minorDot}.0${pre}`;
  }
  let con: SemVersion;
  try {
    con = parseVersion(text);
  } catch {
    throw new Error("constraint parser error");
  }
  return { op, con, minorDirty, patchDirty, dirty };
}

/** Parsed constraints: OR groups of AND-ed constraints. */
export interface Constraints {
  readonly groups: readonly (readonly Constraint[])[];
  readonly groupHasPre: readonly boolean[];
}

/** semver.NewConstraint. */
export function parseConstraints(input: string): Constraints {
  const c = input.replace(RANGE_RE, (_all, a: string, ...rest: unknown[]) => {
    const b = rest[9] as string;
    return `>= ${a}, <= ${b} `;
  });
  const groups: Constraint[][] = [];
  const groupHasPre: boolean[] = [];
  for (const part of c.split("||")) {
    if (!VALID_RE.test(part)) throw new Error(`improper constraint: ${part}`);
    const found = part.match(FIND_RE) ?? [part];
    const group = found.map(parseConstraint);
    groups.push(group);
    groupHasPre.push(group.some((x) => x.con.pre !== ""));
  }
  return { groups, groupHasPre };
}

function tilde(v: SemVersion, c: Constraint): boolean {
  if (compareVersions(v, c.con) < 0) return false;
  if (
    c.con.major === 0n &&
    c.con.minor === 0n &&
    c.con.patch === 0n &&
    !c.minorDirty &&
    !c.patchDirty
  ) {
    return true;
  }
  if (v.major !== c.con.major) return false;
  if (v.minor !== c.con.minor && !c.minorDirty) return false;
  return true;
}

function caret(v: SemVersion, c: Constraint): boolean {
  if (compareVersions(v, c.con) < 0) return false;
  if (c.con.major > 0n || c.minorDirty) return v.major === c.con.major;
  if (c.con.major === 0n && v.major > 0n) return false;
  if (c.con.minor > 0n || c.patchDirty) return v.minor === c.con.minor;
  if (c.con.minor === 0n && v.minor > 0n) return false;
  return c.con.patch === v.patch;
}

function notEqual(v: SemVersion, c: Constraint): boolean {
  if (c.dirty) {
    if (c.con.major !== v.major) return true;
    if (c.con.minor !== v.minor && !c.minorDirty) return true;
    if (c.minorDirty) return false;
    if (c.con.patch !== v.patch && !c.patchDirty) return true;
    if (c.patchDirty) {
      if (v.pre !== "" || c.con.pre !== "") return comparePrerelease(v.pre, c.con.pre) !== 0;
      return false;
    }
  }
  return compareVersions(v, c.con) !== 0;
}

function greaterThan(v: SemVersion, c: Constraint): boolean {
  if (!c.dirty) return compareVersions(v, c.con) === 1;
  if (v.major > c.con.major) return true;
  if (v.major < c.con.major) return false;
  if (c.minorDirty) return false;
  if (c.patchDirty) return v.minor > c.con.minor;
  return compareVersions(v, c.con) === 1;
}

function lessThanEqual(v: SemVersion, c: Constraint): boolean {
  if (!c.dirty) return compareVersions(v, c.con) <= 0;
  if (v.major > c.con.major) return false;
  if (v.major === c.con.major && v.minor > c.con.minor && !c.minorDirty) return false;
  return true;
}

function checkOne(v: SemVersion, c: Constraint, includePre: boolean): boolean {
  if (v.pre !== "" && !includePre) return false;
  switch (c.op) {
    case "":
    case "=":
      return c.dirty ? tilde(v, c) : compareVersions(v, c.con) === 0;
    case "!=":
      return notEqual(v, c);
    case ">":
      return greaterThan(v, c);
    case "<":
      return compareVersions(v, c.con) < 0;
    case ">=":
    case "=>":
      return compareVersions(v, c.con) >= 0;
    case "<=":
    case "=<":
      return lessThanEqual(v, c);
    case "~":
    case "~>":
      return tilde(v, c);
    case "^":
      return caret(v, c);
  }
  return false;
}

/** Constraints.Check. */
export function checkConstraints(cs: Constraints, v: SemVersion): boolean {
  return cs.groups.some((group, i) => group.every((c) => checkOne(v, c, cs.groupHasPre[i]!)));
}

/** A *semver.Version as templates see it: fields hidden, methods Major, Minor, String, … */
export function versionStruct(v: SemVersion, pointer = true): GoStruct {
  const u64 = (x: bigint) => new GoInt(x, "uint64");
  const other = (o: unknown): SemVersion => {
    if (o instanceof GoStruct && VERSIONS.has(o)) return VERSIONS.get(o)!;
    throw new Error("wrong type for value; expected *semver.Version");
  };
  const inc = (f: (x: SemVersion) => Omit<SemVersion, "original">) =>
    goFunc([], () => {
      const n = f(v);
      const prefix = v.original.startsWith("v") ? "v" : "";
      return versionStruct(
        { ...n, original: prefix + versionString({ ...n, original: "" }) },
        false,
      );
    });
  // Value-receiver methods; a semver.Version value (from IncMajor, …) has only these.
  const methods: Record<string, GoFunc> = {
    Major: goFunc([], () => u64(v.major)),
    Minor: goFunc([], () => u64(v.minor)),
    Patch: goFunc([], () => u64(v.patch)),
    Prerelease: goFunc([], () => v.pre),
    Metadata: goFunc([], () => v.metadata),
    String: goFunc([], () => versionString(v)),
    MarshalJSON: goFunc([], () => new TextEncoder().encode(JSON.stringify(versionString(v))), {
      returnsError: true,
    }),
    IncMajor: inc((x) => ({
      ...x,
      major: x.major + 1n,
      minor: 0n,
      patch: 0n,
      pre: "",
      metadata: "",
    })),
    IncMinor: inc((x) => ({ ...x, minor: x.minor + 1n, patch: 0n, pre: "", metadata: "" })),
    IncPatch: inc((x) =>
      x.pre !== ""
        ? { ...x, pre: "", metadata: "" }
        : { ...x, patch: x.patch + 1n, pre: "", metadata: "" },
    ),
  };
  if (pointer) {
    const cmp = (f: (c: number) => boolean) =>
      goFunc(["interface {}"], (o: unknown) => f(compareVersions(v, other(o))));
    methods["Original"] = goFunc([], () => v.original);
    methods["Compare"] = goFunc(
      ["interface {}"],
      (o: unknown) => new GoInt(compareVersions(v, other(o))),
    );
    methods["LessThan"] = cmp((c) => c < 0);
    methods["LessThanEqual"] = cmp((c) => c <= 0);
    methods["GreaterThan"] = cmp((c) => c > 0);
    methods["GreaterThanEqual"] = cmp((c) => c >= 0);
    methods["Equal"] = cmp((c) => c === 0);
  }
  const s = new GoStruct(pointer ? "*semver.Version" : "semver.Version", {}, methods);
  VERSIONS.set(s, v);
  return s;
}

const VERSIONS = new WeakMap<GoStruct, SemVersion>();

/** The semver functions. */
export function semverFuncs(): FuncMap {
  return {
    semver: goFunc(["string"], (s: string) => versionStruct(parseVersion(s)), {
      returnsError: true,
    }),
    semverCompare: goFunc(
      ["string", "string"],
      (c: string, v: string) => checkConstraints(parseConstraints(c), parseVersion(v)),
      { returnsError: true },
    ),
  };
}
