import { expect, test } from "bun:test";
import { readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { tempTree } from "../../test/helpers/temp.ts";
import { isHcpError } from "../errors.ts";
import {
  findCredential,
  normalizeHost,
  readRegistryConfig,
  removeCredential,
  storeCredential,
} from "./credentials.ts";

test("normalizeHost() strips scheme and path like docker config keys", () => {
  expect(normalizeHost("https://Index.Docker.io/v1/")).toBe("index.docker.io");
  expect(normalizeHost("127.0.0.1:5000")).toBe("127.0.0.1:5000");
});

test("storeCredential() writes Helm's auths layout, mode 0600, keeping other keys", async () => {
  await using dir = await tempTree({}, { prefix: "hcp-cred-" });
  const path = join(dir.path, "registry", "config.json");
  await storeCredential(path, "r.io:5000", { username: "alice", password: "pw" });
  await storeCredential(path, "other.io", { username: "bob", password: "x:y" });
  const doc = JSON.parse(await readFile(path, "utf8"));
  expect(doc.auths["r.io:5000"]).toEqual({ auth: btoa("alice:pw") });
  expect((await stat(path)).mode & 0o777).toBe(0o600);
  const config = await readRegistryConfig(path);
  expect(findCredential(config, "other.io")).toEqual({ username: "bob", password: "x:y" });
  expect(await removeCredential(path, "r.io:5000")).toBe(true);
  expect(await removeCredential(path, "r.io:5000")).toBe(false);
  expect(findCredential(await readRegistryConfig(path), "r.io:5000")).toBeUndefined();
  expect(findCredential(await readRegistryConfig(path), "other.io")?.username).toBe("bob");
});

test("readRegistryConfig() of a missing file is empty, of garbage an error naming the file", async () => {
  await using dir = await tempTree({}, { prefix: "hcp-cred-" });
  expect(await readRegistryConfig(join(dir.path, "none.json"))).toEqual({ auths: {} });
  const bad = join(dir.path, "bad.json");
  await writeFile(bad, "{not json");
  const err = await readRegistryConfig(bad).catch((e) => e);
  expect(isHcpError(err, "OCI_BAD_REGISTRY_CONFIG")).toBe(true);
  expect(err.message).toContain(bad);
});

test("findCredential() reads username/password entries and https:// keys", () => {
  const config = { auths: { "https://r.io/v2/": { username: "u", password: "p" } } };
  expect(findCredential(config, "r.io")).toEqual({ username: "u", password: "p" });
});
