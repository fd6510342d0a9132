/**
 * node:crypto, loaded on first use: evaluating the module costs a few milliseconds at startup,
 * and most charts never call a hashing, cipher or certificate function.
 */
import type * as NodeCrypto from "node:crypto";

// Bun resolves a require() of a builtin at run time, so the load happens on the first call.
declare function require(id: "node:crypto"): unknown;

let loaded: typeof NodeCrypto | undefined;

/** Returns node:crypto, loading it on the first call. */
export function nodeCrypto(): typeof NodeCrypto {
  loaded ??= require("node:crypto") as typeof NodeCrypto;
  return loaded;
}
