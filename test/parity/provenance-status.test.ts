/**
 * Signing status (the PROVENANCE column) against Helm 4.1.4's recorded `helm plugin list`
 * (results.md § status/list): each runtime/status-pkgs tarball installed the way Helm keeps
 * it (plugin dir + `<name>-<version>.tgz(.prov)` beside it), plus local dev and dir-name cases.
 * Also: with a keyring, only a real signature by a keyring key counts as "signer in keyring".
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { copyFile, mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type PluginRecord, parseMetadata } from "../../src/plugin/index.ts";
import {
  getSigningInfo,
  getSigningInfoForPlugins,
  type SigningStatus,
} from "../../src/plugin/signing.ts";
import { findRootFile, readArchiveFiles, readKeyringFile } from "../../src/provenance/index.ts";
import { VECTORS } from "../fixtures/provenance/vectors.ts";

const PKGS = join(VECTORS, "runtime/status-pkgs");

// Helm 4.1.4, `helm plugin list` after installing each package with --verify=false.
const HELM_STATUS: Record<string, SigningStatus> = {
  "st-badsig": "signed",
  "st-invalid": "invalid provenance",
  "st-mismatch": "mismatched provenance",
  "st-signed": "signed",
  "st-unknownkey": "signed",
  "st-unsigned": "unsigned",
};

let plugins = "";
const records: PluginRecord[] = [];
beforeAll(async () => {
  plugins = join(await mkdtemp(join(tmpdir(), "hcp-prov-status-")), "plugins");
  for (const name of Object.keys(HELM_STATUS)) {
    const tgz = join(PKGS, `${name}-0.2.0.tgz`);
    const yaml = findRootFile(readArchiveFiles(await Bun.file(tgz).bytes()), "plugin.yaml");
    const metadata = parseMetadata(new TextDecoder().decode(yaml));
    const dir = join(plugins, metadata.name);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, "plugin.yaml"), yaml ?? "");
    await copyFile(tgz, join(plugins, `${name}-0.2.0.tgz`));
    if (await Bun.file(`${tgz}.prov`).exists()) {
      await copyFile(`${tgz}.prov`, join(plugins, `${name}-0.2.0.tgz.prov`));
    }
    records.push({ metadata, dir });
  }
});
afterAll(async () => {
  await rm(join(plugins, ".."), { recursive: true, force: true });
});

describe("signing status matches helm plugin list", () => {
  const cases = Object.entries(HELM_STATUS).map(([name, want]) => ({ name, want }));
  test.each(cases)("$name → $want", async ({ name, want }) => {
    const record = records.find((r) => r.metadata.name === name)!;
    const info = await getSigningInfo(record);
    expect(info.status).toBe(want);
    expect(info.signerInKeyring).toBe(false);
  });

  test("a symlinked plugin dir is local dev; a dir not named after the plugin is unknown", async () => {
    const signed = records.find((r) => r.metadata.name === "st-signed")!;
    const link = join(plugins, "linked");
    await symlink(signed.dir, link);
    expect(
      (await getSigningInfo({ metadata: { ...signed.metadata, name: "linked" }, dir: link }))
        .status,
    ).toBe("local dev");
    const other = join(plugins, "other-name");
    await mkdir(other);
    expect((await getSigningInfo({ metadata: signed.metadata, dir: other })).status).toBe(
      "unknown",
    );
  });

  test("with a keyring, only a valid signature by a keyring key sets signerInKeyring", async () => {
    const keyring = await readKeyringFile(join(VECTORS, "keys/signer-a.pub.gpg"));
    const infos = await getSigningInfoForPlugins(records, { keyring });
    const inKeyring = [...infos.values()].filter((i) => i.signerInKeyring).map((i) => i.name);
    expect(inKeyring).toEqual(["st-signed"]);
    // Helm says "signed" for these two; the real check says why they are not trustworthy.
    expect(infos.get("st-badsig")?.verifyError?.code).toBe("PROV_BAD_SIGNATURE");
    expect(infos.get("st-unknownkey")?.verifyError?.code).toBe("PROV_UNKNOWN_KEY");
  });
});
