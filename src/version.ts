/** Build information, injected by scripts/build.ts with --define (falls back for `bun src/main.ts`). */
declare const HCP_VERSION: string | undefined;
declare const HCP_COMMIT: string | undefined;

/** hcp's version, commit and the Helm version it is compatible with. */
export const HCP_BUILD = {
  version: typeof HCP_VERSION === "string" ? HCP_VERSION : "0.1.0-dev",
  commit: typeof HCP_COMMIT === "string" ? HCP_COMMIT : "unknown",
  bun: typeof Bun === "undefined" ? "unknown" : Bun.version,
  helmCompat: "4.1.4",
} as const;
