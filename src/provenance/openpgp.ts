/**
 * The one place openpgp.js is imported, lazily: importing it costs 35–60 ms, which only the
 * code paths that really sign or check a signature may pay (never `hcp version`, `plugin list`
 * or a warm status check).
 */
export type OpenPgp = typeof import("openpgp");

let loading: Promise<OpenPgp> | undefined;

/** Imports openpgp.js once and returns the module. */
export function loadOpenpgp(): Promise<OpenPgp> {
  loading ??= import("openpgp");
  return loading;
}

/** Whether openpgp.js has been requested in this process (warm-path tests and benches). */
export function isOpenpgpLoaded(): boolean {
  return loading !== undefined;
}
