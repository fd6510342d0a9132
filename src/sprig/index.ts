/**
 * Sprig v3 (3.3.0, as vendored by Helm 4.1.4) as a template function map.
 *
 * Owns: every Sprig function Helm exposes, with Go semantics over the value model in
 * template/value.ts. Must not: read the environment (Helm removes env and expandenv), touch the
 * network (getHostByName answers "" as Helm does without --enable-dns), or read a clock or a
 * random source of its own (both are injected). Helm's own functions (include, tpl, toYaml, …)
 * and its toJson/fromJson overrides belong to engine/, which layers them over this map.
 */
import { HcpError } from "../errors.ts";
import type { FuncMap } from "../template/value.ts";
import { certFuncs } from "./certs.ts";
import { cryptoFuncs } from "./crypto.ts";
import { dateFuncs } from "./dates.ts";
import { defaultsFuncs } from "./defaults.ts";
import { dictFuncs } from "./dicts.ts";
import { encodingFuncs, type HexDigest } from "./encoding.ts";
import { jsonFuncs } from "./json.ts";
import { listFuncs } from "./lists.ts";
import { mathFuncs } from "./math.ts";
import { pathFuncs } from "./paths.ts";
import { randomFuncs } from "./random.ts";
import { reflectFuncs } from "./reflect.ts";
import { regexFuncs } from "./regex.ts";
import { semverFuncs } from "./semver.ts";
import { stringFuncs } from "./strings.ts";
import { urlFuncs } from "./url.ts";

/** Injected effects for the Sprig functions. */
export interface SprigOptions {
  /** The clock behind now, ago, date with no time, durationRound of a time. */
  readonly now: () => Date;
  /** Uniform numbers in [0, 1) behind rand*, shuffle, uuidv4, randBytes, randInt. */
  readonly random: () => number;
  /** The zone Go's time.Local means (IANA name); default "UTC". */
  readonly localZone?: string;
  /** sha1sum/sha256sum/sha512sum's hash (a native one is faster to start); default node:crypto. */
  readonly digest?: HexDigest;
  /**
   * RSA keys (genPrivateKey, genCA, genSelfSignedCert, genSignedCert) from the platform's
   * generator instead of `random`: for callers whose `random` is the OS CSPRNG anyway.
   */
  readonly nativeRsa?: boolean;
}

const KNOWN_OPTIONS = new Set(["now", "random", "localZone", "digest", "nativeRsa"]);

/**
 * Creates Sprig's function map as Helm 4 exposes it (no env or expandenv; DNS disabled).
 * @throws {HcpError} TEMPLATE_BAD_OPTION for an unknown option
 */
export function createSprigFuncs(options: SprigOptions): FuncMap {
  for (const key of Object.keys(options)) {
    if (!KNOWN_OPTIONS.has(key)) {
      throw new HcpError("TEMPLATE_BAD_OPTION", `unknown createSprigFuncs option "${key}"`);
    }
  }
  const { now, random, localZone = "UTC", digest, nativeRsa } = options;
  return {
    hello: { params: [], fn: () => "Hello!" },
    ...stringFuncs(random),
    ...listFuncs(),
    ...dictFuncs(),
    ...mathFuncs(random),
    ...defaultsFuncs(),
    ...jsonFuncs(),
    ...reflectFuncs(),
    ...regexFuncs(),
    ...encodingFuncs(digest),
    ...semverFuncs(),
    ...dateFuncs({ now, localZone }),
    ...pathFuncs(),
    ...urlFuncs(),
    ...randomFuncs(random),
    ...cryptoFuncs(random),
    ...certFuncs({ now, random, nativeRsa }),
    // Helm 4 keeps getHostByName but answers "" unless DNS lookups are enabled (--enable-dns,
    // which hcp does not offer), so no lookup ever happens.
    getHostByName: { params: ["string"], fn: () => "" },
  };
}

export { strval, toFloat64, toInt64 } from "./cast.ts";
export { isEmpty } from "./defaults.ts";
export { deepCopyValue, mergeInto } from "./dicts.ts";
export type { HexDigest } from "./encoding.ts";
export { formatTime, type GoTime, timeOf, timeValue } from "./go-time.ts";
/**
 * Go string ⇄ bytes under hcp's convention: bytes that are not UTF-8 live in strings as lone
 * surrogates U+DC80–U+DCFF. An output writer or `len` using these reproduces Go's exact bytes.
 */
export {
  byteLen as goStringByteLength,
  fromUtf8 as goStringFromBytes,
  utf8 as goStringBytes,
} from "./gostr.ts";
export { deepEqual } from "./reflect.ts";
