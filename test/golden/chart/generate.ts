/**
 * Regenerates test/golden/chart/deps-values.json with the reference Helm: renders the
 * fixture chart test/fixtures/chart/deps (every template prints `toJson .Values`) under
 * several --set combinations and records each template's JSON.
 *
 *   HCP_REF_HELM=/path/to/helm bun test/golden/chart/generate.ts
 */
import { join } from "node:path";
import { requireReferenceHelm } from "../../helpers/env.ts";

const helm = await requireReferenceHelm();
const root = join(import.meta.dir, "..", "..", "..");
const chart = join(root, "test", "fixtures", "chart", "deps");

const argSets: string[][] = [
  [],
  ["--set", "sub.enabled=false"],
  ["--set", "tags.extra=true", "--set", "sub2.enabled=true"],
  ["--set", "tags.front=false", "--set", "tags.back=false"],
  ["--set", "nested.deep=null", "--set", "global.region=null", "--set", "sub.keepMe=null"],
  ["--set", "nested=flat"],
  ["--set", "sub.table.kept=null", "--set", "fromsub.extra=cli"],
];

const version = (await Bun.$`${helm} version --short`.text()).trim();
const cases = [];
for (const args of argSets) {
  const out = await Bun.$`${helm} template r ${chart} ${args}`.env({ HOME: "/tmp" }).text();
  const outputs: Record<string, unknown> = {};
  for (const doc of out.split(/^---$/m)) {
    const m = /^# Source: (.*)\n([\s\S]*)$/m.exec(doc.trim());
    if (m) outputs[m[1] as string] = JSON.parse((m[2] as string).trim());
  }
  cases.push({ args, outputs });
}
await Bun.write(
  join(import.meta.dir, "deps-values.json"),
  `${JSON.stringify({ helmVersion: version, cases }, null, 2)}\n`,
);
console.log(`wrote ${cases.length} cases (helm ${version})`);
