/**
 * `hcp registry login|logout HOST`: check the credentials against the registry (GET /v2/)
 * and store them in the registry config file, or remove them. The file is rewritten
 * atomically with mode 0600; other hosts' entries are kept.
 */
import { HcpError } from "../errors.ts";
import type { Logger } from "../log.ts";
import {
  createRegistryClient,
  type FetchLike,
  normalizeHost,
  removeCredential,
  storeCredential,
} from "../registry/index.ts";

/** Options of registryLogin. */
export interface RegistryLoginOptions {
  readonly host: string;
  readonly username: string;
  readonly password: string;
  readonly registryConfig: string;
  readonly plainHttp?: boolean;
  readonly insecureSkipTlsVerify?: boolean;
  readonly caFile?: string;
  readonly certFile?: string;
  readonly keyFile?: string;
  readonly fetch?: FetchLike;
  readonly log?: Logger;
}

/**
 * Verifies credentials with the registry, then saves them.
 * @throws HcpError OCI_LOGIN_FAILED (cause: OCI_UNAUTHORIZED, OCI_UNREACHABLE, …)
 */
export async function registryLogin(options: RegistryLoginOptions): Promise<void> {
  const host = normalizeHost(options.host);
  if (options.username === "" || options.password === "") {
    throw new HcpError("OCI_LOGIN_FAILED", "username and password are required", {
      hint: "pass --username and --password (or --password-stdin)",
    });
  }
  const { registryConfig: _, host: __, ...rest } = options;
  try {
    await createRegistryClient({
      ...rest,
      username: options.username,
      password: options.password,
    }).ping(host);
  } catch (err) {
    throw new HcpError("OCI_LOGIN_FAILED", `authenticating to "${host}"`, { cause: err });
  }
  await storeCredential(options.registryConfig, host, {
    username: options.username,
    password: options.password,
  });
}

/**
 * Removes the stored credentials of a host; returns whether there were any. Like Helm 4,
 * logging out of a host one is not logged in to is not an error.
 */
export async function registryLogout(options: {
  readonly host: string;
  readonly registryConfig: string;
}): Promise<boolean> {
  return removeCredential(options.registryConfig, normalizeHost(options.host));
}
