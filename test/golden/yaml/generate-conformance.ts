/**
 * Regenerates conformance-values.json: for every conformance chart's values.yaml, the SHA-256
 * and length of what Helm 4 prints for `toYaml`, `toYamlPretty` and `toJson` of
 * `fromYaml (.Files.Get "v.yaml")` (digests keep 3 MB of output out of the repo).
 *   bun test/golden/yaml/generate-conformance.ts [--dump DIR]   (DIR gets the full outputs)
 */
import { createHash } from "node:crypto";
import { join } from "node:path";
import { requireReferenceHelm } from "../../helpers/env.ts";
import { helmTemplateFiles } from "../../helpers/helm-template.ts";

const root = join(import.meta.dir, "../../../../shared/conformance/charts");
const helm = await requireReferenceHelm();
const dumpAt = process.argv.indexOf("--dump");
const dump = dumpAt === -1 ? undefined : process.argv[dumpAt + 1];
const FNS = ["toYaml", "toYamlPretty", "toJson"] as const;

const digest = (s: string) => ({ sha256: createHash("sha256").update(s).digest("hex"), length: s.length });
const results: Record<string, Record<string, { sha256: string; length: number }>> = {};
for (const file of [...new Bun.Glob("*/values.yaml").scanSync(root)].sort()) {
  const chart = file.split("/")[0] as string;
  const body = FNS.map((fn) => `${fn}: {{ ${fn} (fromYaml (.Files.Get "v.yaml")) | b64enc }}\n`).join("");
  const { stdout: out } = await helmTemplateFiles(
    helm,
    {
      "Chart.yaml": "apiVersion: v2\nname: probe\nversion: 0.1.0\n",
      "v.yaml": await Bun.file(join(root, file)).text(),
      "templates/t.yaml": body,
    },
    { release: "x", prefix: "hcp-yaml-conf-" },
  );
  results[chart] = {};
  for (const fn of FNS) {
    const b64 = new RegExp(`^${fn}: (.*)$`, "m").exec(out)?.[1];
    if (b64 === undefined) throw new Error(`${chart}: no ${fn} output`);
    const text = Buffer.from(b64, "base64").toString("utf8");
    (results[chart] as Record<string, unknown>)[fn] = digest(text);
    if (dump) await Bun.write(join(dump, chart, fn), text);
  }
}
const version = (await new Response(Bun.spawn([helm, "version", "--short"]).stdout).text()).trim();
await Bun.write(join(import.meta.dir, "conformance-values.json"), `${JSON.stringify({ helm: version, charts: results }, null, 1)}\n`);
console.log(`${Object.keys(results).length} charts from ${version}`);
