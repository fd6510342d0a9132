import { describe, expect, test } from "bun:test";
import { mkdir, mkdtemp, rm, symlink, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { readArchive } from "./archive.ts";
import { collectTarEntries, createPluginTarball, encodeHeader, gzipLikeGo } from "./tarball.ts";

// The first header block of Helm 4.1.4's hello-v1-0.1.0.tgz
// (../shared/testdata/provenance/packaged/tarball-anatomy.txt): directory `hello-v1`,
// mode 755, root/root, mtime 1735689600.
function helmDirHeader(): Uint8Array {
  const h = new Uint8Array(512);
  const put = (at: number, s: string) => h.set(new TextEncoder().encode(s), at);
  put(0, "hello-v1");
  put(100, "0000755\0");
  put(108, "0000000\0");
  put(116, "0000000\0");
  put(124, "00000000000\0");
  put(136, "14735102600\0");
  put(148, "012422\0 ");
  put(156, "5");
  put(257, "ustar\0");
  put(263, "00");
  put(265, "root");
  put(297, "root");
  put(329, "0000000\0");
  put(337, "0000000\0");
  return h;
}

describe("encodeHeader() writes Go archive/tar's USTAR bytes", () => {
  test("matches Helm's directory header byte for byte", () => {
    const ours = encodeHeader({
      name: "hello-v1",
      type: "dir",
      mode: 0o755,
      uid: 0,
      gid: 0,
      uname: "root",
      gname: "root",
      mtime: 1735689600,
      data: new Uint8Array(),
    });
    expect(Buffer.from(ours).toString("hex")).toBe(Buffer.from(helmDirHeader()).toString("hex"));
  });

  test("splits long names into prefix and name at a slash", () => {
    const long = `${"d".repeat(120)}/file.txt`;
    const h = encodeHeader({
      name: long,
      type: "file",
      mode: 0o644,
      uid: 0,
      gid: 0,
      uname: "",
      gname: "",
      mtime: 0,
      data: new Uint8Array(1),
    });
    const text = (a: number, b: number) =>
      new TextDecoder().decode(h.subarray(a, b)).replace(/\0+$/, "");
    expect(text(0, 100)).toBe("file.txt");
    expect(text(345, 500)).toBe("d".repeat(120));
  });
});

test("gzipLikeGo() writes Go's gzip header and round-trips", () => {
  const data = new TextEncoder().encode("hello hello hello");
  const gz = gzipLikeGo(data);
  expect(Buffer.from(gz.subarray(0, 10)).toString("hex")).toBe("1f8b08000000000000ff");
  expect(new TextDecoder().decode(gunzipSync(gz))).toBe("hello hello hello");
});

describe("collectTarEntries() walks like Helm's CreatePluginTarball", () => {
  test("top dir first, then a lexical depth-first walk with dot files", async () => {
    const dir = await mkdtemp(join(tmpdir(), "hcp-tarball-"));
    try {
      await mkdir(join(dir, "b/c"), { recursive: true });
      for (const f of ["plugin.yaml", "Z.txt", ".hidden", "b/c/x", "b/a"]) {
        await writeFile(join(dir, f), f);
      }
      await utimes(join(dir, "Z.txt"), 1000, 1000.6);
      const entries = await collectTarEntries(dir, "top");
      expect(entries.map((e) => e.name)).toEqual([
        "top",
        "top/.hidden",
        "top/Z.txt",
        "top/b",
        "top/b/a",
        "top/b/c",
        "top/b/c/x",
        "top/plugin.yaml",
      ]);
      // Go rounds ModTime to the nearest second.
      expect(entries.find((e) => e.name === "top/Z.txt")?.mtime).toBe(1001);
      const round = await readArchive(await createPluginTarball(dir, "top"));
      expect(round.map((e) => e.path)).toEqual(entries.map((e) => e.name));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test("refuses symbolic links (Helm would write an uninstallable empty link)", async () => {
    const dir = await mkdtemp(join(tmpdir(), "hcp-tarball-"));
    try {
      await writeFile(join(dir, "plugin.yaml"), "name: x\n");
      await symlink("plugin.yaml", join(dir, "link.yaml"));
      await expect(collectTarEntries(dir, "x")).rejects.toThrow(
        'cannot package "x/link.yaml": only regular files and directories can be packaged',
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
