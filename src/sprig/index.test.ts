import { describe, expect, test } from "bun:test";
import { createSprigFuncs } from "./index.ts";

describe("createSprigFuncs", () => {
  test("rejects unknown options", () => {
    const options = { now: () => new Date(0), random: () => 0, clock: 1 };
    expect(() => createSprigFuncs(options)).toThrow('unknown createSprigFuncs option "clock"');
  });

  test("sha*sum use the injected digest, which must agree with node:crypto's", () => {
    const seen: string[] = [];
    const native = (algorithm: "sha1" | "sha256" | "sha512", data: Uint8Array) => {
      seen.push(algorithm);
      return new Bun.CryptoHasher(algorithm).update(data).digest("hex");
    };
    const base = { now: () => new Date(0), random: () => 0 };
    const injected = createSprigFuncs({ ...base, digest: native });
    const fallback = createSprigFuncs(base);
    // "é" and a surrogate-escaped byte: the hash covers Go's bytes, not UTF-16.
    const input = "h\u00e9llo \udcff";
    for (const name of ["sha1sum", "sha256sum", "sha512sum"]) {
      const a = (injected[name]!.fn as (s: string) => string)(input);
      const b = (fallback[name]!.fn as (s: string) => string)(input);
      expect(a).toBe(b);
    }
    expect(seen).toEqual(["sha1", "sha256", "sha512"]);
    expect((injected["sha256sum"]!.fn as (s: string) => string)("")).toBe(
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    );
  });
});

/** Sprig 3.3.0's function names minus env and expandenv, which Helm removes. */
const HELM_SPRIG_NAMES = [
  "abbrev",
  "abbrevboth",
  "add",
  "add1",
  "add1f",
  "addf",
  "adler32sum",
  "ago",
  "all",
  "any",
  "append",
  "atoi",
  "b32dec",
  "b32enc",
  "b64dec",
  "b64enc",
  "base",
  "bcrypt",
  "biggest",
  "buildCustomCert",
  "camelcase",
  "cat",
  "ceil",
  "chunk",
  "clean",
  "coalesce",
  "compact",
  "concat",
  "contains",
  "date",
  "dateInZone",
  "dateModify",
  "date_in_zone",
  "date_modify",
  "decryptAES",
  "deepCopy",
  "deepEqual",
  "default",
  "derivePassword",
  "dict",
  "dig",
  "dir",
  "div",
  "divf",
  "duration",
  "durationRound",
  "empty",
  "encryptAES",
  "ext",
  "fail",
  "first",
  "float64",
  "floor",
  "fromJson",
  "genCA",
  "genCAWithKey",
  "genPrivateKey",
  "genSelfSignedCert",
  "genSelfSignedCertWithKey",
  "genSignedCert",
  "genSignedCertWithKey",
  "get",
  "getHostByName",
  "has",
  "hasKey",
  "hasPrefix",
  "hasSuffix",
  "hello",
  "htmlDate",
  "htmlDateInZone",
  "htpasswd",
  "indent",
  "initial",
  "initials",
  "int",
  "int64",
  "isAbs",
  "join",
  "kebabcase",
  "keys",
  "kindIs",
  "kindOf",
  "last",
  "list",
  "lower",
  "max",
  "maxf",
  "merge",
  "mergeOverwrite",
  "min",
  "minf",
  "mod",
  "mul",
  "mulf",
  "mustAppend",
  "mustChunk",
  "mustCompact",
  "mustDateModify",
  "mustDeepCopy",
  "mustFirst",
  "mustFromJson",
  "mustHas",
  "mustInitial",
  "mustLast",
  "mustMerge",
  "mustMergeOverwrite",
  "mustPrepend",
  "mustPush",
  "mustRegexFind",
  "mustRegexFindAll",
  "mustRegexMatch",
  "mustRegexReplaceAll",
  "mustRegexReplaceAllLiteral",
  "mustRegexSplit",
  "mustRest",
  "mustReverse",
  "mustSlice",
  "mustToDate",
  "mustToJson",
  "mustToPrettyJson",
  "mustToRawJson",
  "mustUniq",
  "mustWithout",
  "must_date_modify",
  "nindent",
  "nospace",
  "now",
  "omit",
  "osBase",
  "osClean",
  "osDir",
  "osExt",
  "osIsAbs",
  "pick",
  "pluck",
  "plural",
  "prepend",
  "push",
  "quote",
  "randAlpha",
  "randAlphaNum",
  "randAscii",
  "randBytes",
  "randInt",
  "randNumeric",
  "regexFind",
  "regexFindAll",
  "regexMatch",
  "regexQuoteMeta",
  "regexReplaceAll",
  "regexReplaceAllLiteral",
  "regexSplit",
  "repeat",
  "replace",
  "rest",
  "reverse",
  "round",
  "semver",
  "semverCompare",
  "seq",
  "set",
  "sha1sum",
  "sha256sum",
  "sha512sum",
  "shuffle",
  "slice",
  "snakecase",
  "sortAlpha",
  "split",
  "splitList",
  "splitn",
  "squote",
  "sub",
  "subf",
  "substr",
  "swapcase",
  "ternary",
  "title",
  "toDate",
  "toDecimal",
  "toJson",
  "toPrettyJson",
  "toRawJson",
  "toString",
  "toStrings",
  "trim",
  "trimAll",
  "trimPrefix",
  "trimSuffix",
  "trimall",
  "trunc",
  "tuple",
  "typeIs",
  "typeIsLike",
  "typeOf",
  "uniq",
  "unixEpoch",
  "unset",
  "until",
  "untilStep",
  "untitle",
  "upper",
  "urlJoin",
  "urlParse",
  "uuidv4",
  "values",
  "without",
  "wrap",
  "wrapWith",
];

describe("createSprigFuncs names", () => {
  test("exactly Sprig 3.3.0's functions as Helm 4.1.4 exposes them", () => {
    const funcs = createSprigFuncs({ now: () => new Date(0), random: () => 0 });
    expect(Object.keys(funcs).sort()).toEqual([...HELM_SPRIG_NAMES].sort());
  });
});

describe("nativeRsa", () => {
  test("RSA keys come from the platform's generator in Go's PKCS#1 PEM", async () => {
    const { createPrivateKey, X509Certificate } = await import("node:crypto");
    const funcs = createSprigFuncs({ now: () => new Date(), random: () => 0.5, nativeRsa: true });
    const call = (name: string, ...args: unknown[]) =>
      (funcs[name]!.fn as (...a: unknown[]) => unknown)(...args);
    const pem = call("genPrivateKey", "rsa") as string;
    expect(pem).toStartWith("-----BEGIN RSA PRIVATE KEY-----\n");
    const key = createPrivateKey(pem);
    expect(key.asymmetricKeyDetails?.modulusLength).toBe(4096);
    // A fixed `random` would repeat keys; the native generator does not use it.
    expect(call("genPrivateKey", "rsa")).not.toBe(pem);
    const ca = call("genCA", "my-ca", 365) as { fields: { Cert: string; Key: string } };
    const cert = new X509Certificate(ca.fields.Cert);
    expect(cert.subject).toBe("CN=my-ca");
    expect(createPrivateKey(ca.fields.Key).asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(cert.checkPrivateKey(createPrivateKey(ca.fields.Key))).toBe(true);
  });
});
