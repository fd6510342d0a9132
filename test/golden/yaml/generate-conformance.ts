/**
 * Regenerates conformance-values.json: for every conformance chart's values.yaml, the SHA-256
 * and length of what Helm 4 prints for `toYaml`, `toYamlPretty` and `toJson` of
 * `fromYaml (.Files.Get "v.yaml")` (digests keep 3 MB of output out of the repo).
 *   bun test/golden/yaml/generate-conformance.ts [--dump DIR]   (DIR gets the full outputs)
 */
import { createHash } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = join(import.meta.dir, "../../../../shared/conformance/charts");
const helm =
  process.env.HCP_REF_HELM ??
  (await new Response(Bun.spawn(["bash", join(import.meta.dir, "../../../../shared/tools/get-helm.sh")]).stdout).text()).trim();
const dumpAt = process.argv.indexOf("--dump");
const dump = dumpAt === -1 ? undefined : process.argv[dumpAt + 1];
const FNS = ["toYaml", "toYamlPretty", "toJson"] as const;

const digest = (s: string) => ({ sha256: createHash("sha256").update(s).digest("hex"), length: s.length });
const results: Record<string, Record<string, { sha256: string; length: number }>> = {};
for (const file of [...new Bun.Glob("*/values.yaml").scanSync(root)].sort()) {
  const chart = file.split("/")[0] as string;
  const dir = await mkdtemp(join(tmpdir(), "hcp-yaml-conf-"));
  try {
    await mkdir(join(dir, "templates"));
    await writeFile(join(dir, "Chart.yaml"), "apiVersion: v2\nname: probe\nversion: 0.1.0\n");
    await writeFile(join(dir, "v.yaml"), await Bun.file(join(root, file)).text());
    const body = FNS.map((fn) => `${fn}: {{ ${fn} (fromYaml (.Files.Get "v.yaml")) | b64enc }}\n`).join("");
    await writeFile(join(dir, "templates", "t.yaml"), body);
    const out = await new Response(Bun.spawn([helm, "template", "x", dir], { env: { HOME: dir, PATH: "/usr/bin:/bin" } }).stdout).text();
    results[chart] = {};
    for (const fn of FNS) {
      const b64 = new RegExp(`^${fn}: (.*)$`, "m").exec(out)?.[1];
      if (b64 === undefined) throw new Error(`${chart}: no ${fn} output`);
      const text = Buffer.from(b64, "base64").toString("utf8");
      (results[chart] as Record<string, unknown>)[fn] = digest(text);
      if (dump) await Bun.write(join(dump, chart, fn), text);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
const version = (await new Response(Bun.spawn([helm, "version", "--short"]).stdout).text()).trim();
await Bun.write(join(import.meta.dir, "conformance-values.json"), `${JSON.stringify({ helm: version, charts: results }, null, 1)}\n`);
console.log(`${Object.keys(results).length} charts from ${version}`);
