/**
 * Version checks the chart loader needs, with Masterminds/semver v3's acceptance rules:
 * versions may omit minor/patch and carry a "v" prefix; constraints use "," for AND and "||"
 * for OR. Constraint matching delegates to the `semver` package after normalising the syntax.
 */
import type Satisfies from "semver/functions/satisfies.js";

// `semver` compiles ~40 regular expressions when it loads (~1.8 ms of `hcp template`'s start
// in the compiled binary), and only charts with a kubeVersion or dependency constraints use
// it: required on first use (Bun bundles a literal require and runs it lazily).
declare const require: (id: string) => unknown;
let satisfiesFn: typeof Satisfies | undefined;
function satisfies(version: string, range: string): boolean {
  satisfiesFn ??= require("semver/functions/satisfies.js") as typeof Satisfies;
  return satisfiesFn(version, range);
}

const MASTERMINDS_VERSION =
  /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;

/** Reports whether `v` parses as a Masterminds semantic version ("1", "v1.2", "1.2.3-rc.1"). */
export function isValidSemver(v: string): boolean {
  return MASTERMINDS_VERSION.test(v);
}

/** Normalises a Masterminds version to full "X.Y.Z[-pre][+build]" form, or undefined. */
export function normalizeVersion(v: string): string | undefined {
  const m = MASTERMINDS_VERSION.exec(v.trim());
  if (!m) return undefined;
  let out = `${BigInt(m[1] as string)}.${BigInt(m[2] ?? "0")}.${BigInt(m[3] ?? "0")}`;
  if (m[4] !== undefined) out += `-${m[4]}`;
  if (m[5] !== undefined) out += `+${m[5]}`;
  return out;
}

/** Rewrites a Masterminds constraint into node-semver range syntax. */
function toNodeRange(constraint: string): string {
  return constraint
    .split("||")
    .map((group) =>
      group
        .replace(/,/g, " ")
        .replace(/=</g, "<=")
        .replace(/=>/g, ">=")
        .replace(/~>/g, "~")
        .replace(/(^|\s)v(\d)/g, "$1$2")
        .replace(/([<>=~^]+)\s+/g, "$1")
        .trim(),
    )
    .join(" || ");
}

// The constraints charts nearly always write: `X.Y.Z`, the wildcards `X`, `X.x`, `X.Y`,
// `X.Y.*`, `X.*.*` (x, X or *) and `>=X.Y.Z` / `>=X.Y.Z-0` (kubeVersion). Numbers have at most
// 9 digits so they compare as JS numbers; anything else goes to node-semver.
const SIMPLE_RANGE =
  /^(>= *)?(0|[1-9][0-9]{0,8})(?:\.(0|[1-9][0-9]{0,8}|[xX*])(?:\.(0|[1-9][0-9]{0,8}|[xX*]))?)?(-0)?$/;
// A normalised version without a prerelease (build metadata does not take part in ranges).
const RELEASE_VERSION = /^([0-9]{1,9})\.([0-9]{1,9})\.([0-9]{1,9})(?:\+|$)/;

/**
 * node-semver's answer for a SIMPLE_RANGE constraint and a release version, or undefined when
 * the pair is not one of those shapes. Saves loading `semver` (~1.8 ms) for most charts.
 */
function simpleRange(constraint: string, v: string): boolean | undefined {
  const r = SIMPLE_RANGE.exec(constraint);
  if (r === null) return undefined;
  const m = RELEASE_VERSION.exec(v);
  if (m === null) return undefined;
  const [, gte, rMajor, rMinor, rPatch, pre] = r;
  const major = Number(m[1]);
  const minor = Number(m[2]);
  const patch = Number(m[3]);
  const wild = (p: string | undefined) => p === undefined || p === "x" || p === "X" || p === "*";
  if (gte !== undefined) {
    // >=X.Y.Z-0 admits exactly the releases >=X.Y.Z.
    if (wild(rMinor) || wild(rPatch)) return undefined;
    const a = Number(rMajor);
    const b = Number(rMinor);
    const c = Number(rPatch);
    return major !== a ? major > a : minor !== b ? minor > b : patch >= c;
  }
  if (pre !== undefined) return undefined;
  if (wild(rMinor)) return wild(rPatch) ? major === Number(rMajor) : undefined;
  if (wild(rPatch)) return major === Number(rMajor) && minor === Number(rMinor);
  return major === Number(rMajor) && minor === Number(rMinor) && patch === Number(rPatch);
}

/**
 * Reports whether version `ver` satisfies `constraint` (Helm's IsCompatibleRange): false when
 * either does not parse.
 */
export function isCompatibleRange(constraint: string, ver: string): boolean {
  const v = normalizeVersion(ver);
  if (v === undefined || constraint.trim() === "") return false;
  const simple = simpleRange(constraint.trim(), v);
  if (simple !== undefined) return simple;
  try {
    return satisfies(v, toNodeRange(constraint));
  } catch {
    return false;
  }
}
