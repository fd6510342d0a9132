/**
 * Sprig's key, certificate, password-hashing and AES functions. hcp's pure core has no source
 * of the primitives they need (bcrypt, scrypt, RSA/ECDSA key generation, X.509, AES), so each is
 * registered (templates that mention them still parse, as in Helm) and fails when called with
 * an error that names the function.
 */
import { type FuncMap, goFunc } from "../template/value.ts";

const UNSUPPORTED: Readonly<Record<string, number>> = {
  bcrypt: 1,
  htpasswd: 2,
  derivePassword: 5,
  genPrivateKey: 1,
  buildCustomCert: 2,
  genCA: 2,
  genCAWithKey: 3,
  genSelfSignedCert: 4,
  genSelfSignedCertWithKey: 5,
  genSignedCert: 5,
  genSignedCertWithKey: 6,
  encryptAES: 2,
  decryptAES: 2,
};

/** The crypto functions hcp registers but cannot run. */
export function cryptoFuncs(): FuncMap {
  const out: Record<string, ReturnType<typeof goFunc>> = {};
  for (const name of Object.keys(UNSUPPORTED)) {
    out[name] = goFunc(
      [],
      () => {
        throw new Error(`${name} is not supported by hcp`);
      },
      { variadic: "interface {}", returnsError: true },
    );
  }
  return out;
}
