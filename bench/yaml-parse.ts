/**
 * Times hcp's YAML loading on the conformance corpus: the values.yaml files (fast path with
 * Bun.YAML.parse vs the exact path) and Helm's manifest check over every rendered document.
 *   bun bench/yaml-parse.ts        (needs ../shared/conformance)
 */
import { join } from "node:path";
import { isFastPathSafe, parseYaml, splitManifests, validateManifest } from "../src/yaml/index.ts";

const root = join(import.meta.dir, "../../shared/conformance");
const fast = (t: string) => Bun.YAML.parse(t);

function time(fn: () => void, rounds = 5): number {
  fn();
  const t0 = performance.now();
  for (let i = 0; i < rounds; i++) fn();
  return (performance.now() - t0) / rounds;
}

const values = [...new Bun.Glob("charts/*/values.yaml").scanSync(root)].sort();
const texts = await Promise.all(values.map((f) => Bun.file(join(root, f)).text()));
const bytes = texts.reduce((n, t) => n + t.length, 0);
const safe = texts.filter((t) => isFastPathSafe(t)).length;
console.log(
  `values.yaml: ${values.length} files, ${(bytes / 1024).toFixed(0)} KB, ${safe} take the fast path`,
);
console.log(
  `  scan only        ${time(() => {
    for (const t of texts) isFastPathSafe(t);
  }).toFixed(1)} ms`,
);
console.log(
  `  Bun.YAML.parse   ${time(() => {
    for (const t of texts) Bun.YAML.parse(t);
  }).toFixed(1)} ms`,
);
console.log(
  `  parseYaml fast   ${time(() => {
    for (const t of texts) parseYaml(t, { fastParse: fast });
  }).toFixed(1)} ms`,
);
console.log(
  `  parseYaml exact  ${time(() => {
    for (const t of texts) parseYaml(t);
  }, 2).toFixed(1)} ms`,
);

const outputs = [...new Bun.Glob("expected/*.yaml").scanSync(root)].sort();
const docs = (await Promise.all(outputs.map((f) => Bun.file(join(root, f)).text()))).flatMap((t) =>
  splitManifests(t),
);
console.log(`rendered manifests: ${outputs.length} outputs, ${docs.length} documents`);
console.log(
  `  splitManifests+validateManifest fast  ${time(() => {
    for (const d of docs) validateManifest(d, "x", fast);
  }).toFixed(1)} ms`,
);
console.log(
  `  validateManifest exact                ${time(() => {
    for (const d of docs) validateManifest(d, "x");
  }, 1).toFixed(1)} ms`,
);
