/**
 * The registry config file ($HELM_REGISTRY_CONFIG, docker-style config.json): read the
 * `auths` map for credentials, and add or remove an entry atomically (`hcp registry
 * login|logout`). Other keys in the file (credsStore, proxies, …) are kept as they are.
 */
import { readFile } from "node:fs/promises";
import { HcpError } from "../errors.ts";
import { writeFileAtomic } from "../files/index.ts";

/** A username and password (or identity token) for one registry host. */
export interface Credential {
  readonly username: string;
  readonly password: string;
}

/** The parsed config file; unknown keys preserved for writing back. */
export interface RegistryConfig {
  readonly auths: Readonly<Record<string, { auth?: string; [key: string]: unknown }>>;
  readonly [key: string]: unknown;
}

/** Reduces a config key (`https://host:5000/v2/`, `host:5000`) to the bare `host[:port]`. */
export function normalizeHost(key: string): string {
  let host = key.replace(/^[a-z]+:\/\//i, "");
  const slash = host.indexOf("/");
  if (slash >= 0) host = host.slice(0, slash);
  return host.toLowerCase();
}

/**
 * Reads the registry config; a missing or empty file is an empty config.
 * @throws HcpError OCI_BAD_REGISTRY_CONFIG
 */
export async function readRegistryConfig(path: string): Promise<RegistryConfig> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return { auths: {} };
    throw new HcpError("OCI_BAD_REGISTRY_CONFIG", `failed to read registry config "${path}"`, {
      cause: err,
    });
  }
  if (text.trim() === "") return { auths: {} };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new HcpError("OCI_BAD_REGISTRY_CONFIG", `failed to parse registry config "${path}"`, {
      cause: err,
      hint: 'the file must be docker-style JSON with an "auths" object',
    });
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new HcpError("OCI_BAD_REGISTRY_CONFIG", `registry config "${path}" is not a JSON object`);
  }
  const record = value as Record<string, unknown>;
  const auths = record.auths;
  if (
    auths !== undefined &&
    (typeof auths !== "object" || auths === null || Array.isArray(auths))
  ) {
    throw new HcpError(
      "OCI_BAD_REGISTRY_CONFIG",
      `registry config "${path}": "auths" is not an object`,
    );
  }
  return { ...record, auths: (auths ?? {}) as RegistryConfig["auths"] };
}

/** Finds the credential for `host` (`host[:port]`) in a config, if any. */
export function findCredential(config: RegistryConfig, host: string): Credential | undefined {
  const want = host.toLowerCase();
  for (const [key, entry] of Object.entries(config.auths)) {
    if (normalizeHost(key) !== want || typeof entry !== "object" || entry === null) continue;
    if (typeof entry.auth === "string" && entry.auth !== "") {
      const decoded = Buffer.from(entry.auth, "base64").toString("utf8");
      const colon = decoded.indexOf(":");
      if (colon > 0)
        return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
    }
    const { username, password, identitytoken } = entry as Record<string, unknown>;
    if (typeof username === "string" && typeof password === "string") return { username, password };
    if (typeof identitytoken === "string") return { username: "<token>", password: identitytoken };
  }
  return undefined;
}

/** Adds (or replaces) the credential of `host` and writes the file atomically, mode 0600. */
export async function storeCredential(path: string, host: string, cred: Credential): Promise<void> {
  const config = await readRegistryConfig(path);
  const auths: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(config.auths)) {
    if (normalizeHost(key) !== host.toLowerCase()) auths[key] = entry;
  }
  auths[host] = { auth: Buffer.from(`${cred.username}:${cred.password}`).toString("base64") };
  await writeFileAtomic(path, `${JSON.stringify({ ...config, auths }, null, "\t")}\n`, {
    mode: 0o600,
    dirMode: 0o700,
  });
}

/**
 * Removes the credential of `host`; returns false when there was none (Helm: "not logged in").
 */
export async function removeCredential(path: string, host: string): Promise<boolean> {
  const config = await readRegistryConfig(path);
  const auths: Record<string, unknown> = {};
  let found = false;
  for (const [key, entry] of Object.entries(config.auths)) {
    if (normalizeHost(key) === host.toLowerCase()) found = true;
    else auths[key] = entry;
  }
  if (!found) return false;
  await writeFileAtomic(path, `${JSON.stringify({ ...config, auths }, null, "\t")}\n`, {
    mode: 0o600,
    dirMode: 0o700,
  });
  return true;
}
