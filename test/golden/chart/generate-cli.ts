/**
 * Regenerates test/golden/chart/cli-cases.json with the reference Helm: `helm template` over the
 * fixture charts in test/fixtures/chart with flags and error cases the conformance corpus does
 * not cover. Records stdout, stderr and the exit code of each run.
 *
 *   HCP_REF_HELM=/path/to/helm bun test/golden/chart/generate-cli.ts
 */
import { join } from "node:path";
import { requireReferenceHelm } from "../../helpers/env.ts";

const helm = await requireReferenceHelm();
const fixtures = join(import.meta.dir, "..", "..", "fixtures", "chart");

/** Each case: argv after `template`, run with cwd = test/fixtures/chart; optional stdin. */
export const CASES: { name: string; args: string[]; stdin?: string }[] = [
  { name: "defaults", args: ["r", "flags"] },
  {
    name: "crds, upgrade, kube and api versions, namespace",
    args: ["r", "flags", "--include-crds", "--is-upgrade", "--kube-version", "1.28.3", "--api-versions", "example.com/v1,other/v2", "-n", "ns1"],
  },
  { name: "skip tests", args: ["r", "flags", "--skip-tests"] },
  { name: "no hooks", args: ["r", "flags", "--no-hooks"] },
  { name: "include and skip crds", args: ["r", "flags", "--include-crds", "--skip-crds"] },
  { name: "show-only one file", args: ["r", "flags", "--show-only", "templates/sub/role.yaml"] },
  { name: "show-only glob", args: ["r", "flags", "-s", "templates/*.yaml"] },
  { name: "show-only missing", args: ["r", "flags", "--show-only", "templates/missing.yaml"] },
  { name: "fail", args: ["r", "flags", "--set", "boom=true"] },
  { name: "required", args: ["r", "flags", "--set", "needs.other=1"] },
  { name: "include of an undefined template", args: ["r", "flags", "--set", "badinclude=true"] },
  { name: "schema minimum", args: ["r", "flags", "--set", "replicas=0"] },
  { name: "schema pattern", args: ["r", "flags", "--set", "name=ABC"] },
  { name: "schema enum", args: ["r", "flags", "--set", "mode=c"] },
  { name: "schema type", args: ["r", "flags", "--set", "replicas=x"] },
  { name: "schema skipped", args: ["r", "flags", "--set", "replicas=x", "--skip-schema-validation"] },
  { name: "kubeVersion incompatible", args: ["r", "flags", "--kube-version", "1.19.0"] },
  { name: "bad --set index", args: ["r", "flags", "--set", "a[x]=1"] },
  { name: "--set key without value", args: ["r", "flags", "--set", "novalue"] },
  { name: "release name too long", args: ["a".repeat(54), "flags"] },
  { name: "values from stdin", args: ["r", "flags", "-f", "-"], stdin: "message: from-stdin\nreplicas: 5\n" },
  { name: "set-string and set-json", args: ["r", "flags", "--set-string", "message=007", "--set-json", "replicas=3"] },
  { name: "one argument uses release-name", args: ["flags"] },
  { name: "name template", args: ["flags", "--name-template", '{{ "ABC" | lower }}-{{ add 1 2 }}'] },
  { name: "name template with a name", args: ["r", "flags", "--name-template", "x"] },
  { name: "generate-name with one argument", args: ["flags", "-g"] },
  { name: "generate-name with a name", args: ["r", "flags", "--generate-name"] },
  { name: "three arguments", args: ["r", "flags", "extra"] },
  { name: "parse error", args: ["r", "broken"] },
  { name: "templates included by path before and after they run; defines replacing files", args: ["r", "deferred"] },
  { name: "a parse error in a later file wins over an execution error in an earlier one", args: ["r", "parseorder"] },
  { name: "invalid YAML in a rendered manifest", args: ["r", "badyaml"] },
  { name: "invalid YAML rendered with --debug", args: ["r", "badyaml", "--debug"] },
  { name: "error inside tpl", args: ["r", "tplerr"] },
  { name: "error inside an included template", args: ["r", "tplerr", "--set", "tmpl=ok"] },
  { name: "chart name without a repository", args: ["r", "nope"] },
  { name: "missing relative chart path", args: ["r", "./nope"] },
  { name: "unknown repository", args: ["r", "nope/chart"] },
  { name: "missing values file", args: ["r", "flags", "-f", "nope.yaml"] },
  { name: "invalid --kube-version", args: ["r", "flags", "--kube-version", "abc"] },
  { name: "built-in objects (Chart, Subcharts, Files, Template, Capabilities)", args: ["r", "objects"] },
  { name: "tag switches an aliased subchart off", args: ["r", "objects", "--set", "tags.t1=false"] },
  { name: "objects on an upgrade in another namespace", args: ["rel", "objects", "--is-upgrade", "-n", "other", "--kube-version", "v1.30.2-gke.100"] },
  { name: "--set scalars", args: ["r", "setvals", "--set", "i=42,neg=-7,z=0,lead=007,b=TRUE,n=null,f=1.25,big=9223372036854775808,s=hello"] },
  { name: "--set nested, escapes and lists", args: ["r", "setvals", "--set", "a.b.c=1,esc\\.key=v,comma=x\\,y,list={1,two,true},idx[1]=x,deep[0].name=n"] },
  { name: "--set replaces a default list and deletes with null", args: ["r", "setvals", "--set", "base.list={z}", "--set", "base.keep=null"] },
  { name: "--set-string keeps text", args: ["r", "setvals", "--set-string", "i=42,b=true,n=null"] },
  { name: "--set-json values", args: ["r", "setvals", "--set-json", "obj={\"a\":[1,2.5,\"x\"],\"b\":null}", "--set-json", "arr=[1,2]"] },
  { name: "--set-json whole object", args: ["r", "setvals", "--set-json", "{\"top\":{\"k\":\"v\"},\"num\":7}"] },
  { name: "--set-literal keeps everything", args: ["r", "setvals", "--set-literal", "lit=a,b=c\\d{e}"] },
  { name: "--set-file reads the file", args: ["r", "setvals", "--set-file", "motd=setvals/motd.txt"] },
  { name: "flag order: files, json, set, set-string, set-file, set-literal", args: ["r", "setvals", "--set-literal", "x=lit", "--set", "x=set", "--set-string", "x=str", "--set-json", "x=1"] },
  { name: "--set type conflict with a table", args: ["r", "setvals", "--set", "base=scalar"] },
  { name: "--set index too large", args: ["r", "setvals", "--set", "l[70000]=x"] },
  { name: "--set negative index", args: ["r", "setvals", "--set", "l[-1]=x"] },
  { name: "--set-json invalid", args: ["r", "setvals", "--set-json", "a={bad"] },
  { name: "--set list not closed", args: ["r", "setvals", "--set", "a={1,2"] },
  { name: "deps: defaults", args: ["r", "deps"] },
  { name: "deps: condition off", args: ["r", "deps", "--set", "sub.enabled=false", "--set", "sub2.enabled=false"] },
  { name: "binary and BOM files through .Files and Sprig", args: ["r", "binfiles"] },
  { name: "Go structs printed and encoded", args: ["r", "gostructs"] },
  { name: "Go structs with a vendor kube version", args: ["r", "gostructs", "--kube-version", "1.33.4-gke.1"] },
  { name: "unexported struct field", args: ["r", "gostructs", "--set", "unexported=true"] },
  { name: "nil slices from Sprig", args: ["r", "nilslices"] },
  { name: "Go map types: split maps and .Values", args: ["r", "gomaps"] },
  { name: "dig on .Values (common.Values) fails", args: ["r", "gomaps", "--set", "digValues=true"] },
  { name: "dig on a split map fails", args: ["r", "gomaps", "--set", "digSplit=true"] },
  { name: "keys of a split map fails", args: ["r", "gomaps", "--set", "keysSplit=true"] },
  { name: "hasKey on .Chart.Annotations (map[string]string) fails", args: ["r", "gomaps", "--set", "hasKeyAnnotations=true"] },
];

if (import.meta.main) {
  const version = (await Bun.$`${helm} version --short`.text()).trim();
  const results = [];
  for (const c of CASES) {
    const proc = Bun.spawnSync([helm, "template", ...c.args], {
      cwd: fixtures,
      env: { HOME: "/tmp", PATH: process.env.PATH ?? "", NO_COLOR: "1", TZ: "UTC" },
      stdin: c.stdin === undefined ? "ignore" : new TextEncoder().encode(c.stdin),
    });
    results.push({
      ...c,
      // No path of this machine in the repository: the fixtures folder becomes <fixtures>.
      stdout: proc.stdout.toString().replaceAll(fixtures, "<fixtures>"),
      stderr: proc.stderr.toString().replaceAll(fixtures, "<fixtures>"),
      rc: proc.exitCode,
    });
  }
  await Bun.write(
    join(import.meta.dir, "cli-cases.json"),
    `${JSON.stringify({ helmVersion: version, cases: results }, null, 2)}\n`,
  );
  console.log(`wrote ${results.length} cases (helm ${version})`);
}
