/**
 * Micro-benchmark: templates/second of hcp's text/template engine on a large template set,
 * next to reference Helm rendering the same files.
 *
 *   bun bench/template-engine.ts            (HCP_REF_HELM=/path/to/helm to choose the binary)
 *
 * hcp: parse every file into one TemplateSet, then execute each; reported separately for
 * parse+execute (what one `hcp template` does) and execute only (trees cached).
 * Helm: `helm template` on a chart holding the same files, minus the same chart whose files
 * hold the already-rendered text (same YAML and output work, no template work). That
 * difference divided by the file count is Helm's cost per template. Min of several runs.
 *
 * Both wall time and CPU time (user+system, all threads) are reported: on a loaded machine
 * wall time mostly measures the neighbours, CPU time is the steadier comparison.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TemplateSet } from "../src/template/index.ts";

const FILES = 300;
const HELM_RUNS = 5;

const HELPERS = `{{- define "app.name" -}}{{ .Chart.Name }}{{- end -}}
{{- define "app.labels" -}}
app.kubernetes.io/name: {{ template "app.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | printf "%q" }}
{{- range $k, $v := .Values.labels }}
{{ $k }}: {{ $v | printf "%v" }}
{{- end }}
{{- end -}}
`;

function deployment(i: number): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}-{{ template "app.name" . }}-${i}
  labels:
{{ include "app.labels" . | indent 4 }}
spec:
  replicas: {{ .Values.replicas }}
  selector:
    matchLabels:
      app: {{ template "app.name" . }}
  template:
    spec:
      containers:
      {{- range $idx, $c := .Values.containers }}
        - name: {{ $c.name }}-{{ $idx }}
          image: "{{ $c.image }}:{{ $c.tag | default $.Chart.AppVersion }}"
          {{- if $c.ports }}
          ports:
          {{- range $c.ports }}
            - containerPort: {{ . }}
              name: {{ printf "p%v" . }}
          {{- end }}
          {{- end }}
          env:
          {{- range $k, $v := $.Values.env }}
            - name: {{ $k }}
              value: {{ printf "%q" (print $v) }}
          {{- end }}
          {{- with $.Values.resources }}
          resources:
            limits:
              cpu: {{ .cpu }}
              memory: {{ .memory }}
          {{- else }}
          resources: {}
          {{- end }}
      {{- end }}
      {{- if and .Values.nodeSelector (not .Values.disabled) }}
      nodeSelector:
        {{- range $k, $v := .Values.nodeSelector }}
        {{ $k }}: {{ $v }}
        {{- end }}
      {{- end }}
`;
}

const VALUES = {
  replicas: 3,
  labels: { team: "core", tier: "backend", cost: 42 },
  containers: [
    { name: "web", image: "nginx", tag: "1.25", ports: [80, 443] },
    { name: "sidecar", image: "envoy", tag: "v1", ports: [9901] },
    { name: "worker", image: "busybox", tag: "latest" },
  ],
  env: { A: "1", B: "two", C: 3.5, D: true },
  resources: { cpu: "500m", memory: "256Mi" },
  nodeSelector: { "kubernetes.io/os": "linux" },
  disabled: false,
};

// The chart uses only text/template builtins plus indent/default/include, which both sides have.
function hcpFuncs(set: TemplateSet): void {
  set.addFuncs({
    include: {
      params: ["string", "interface {}"],
      fn: ((name: string, data: unknown) => set.execute(name, data)) as (...a: never[]) => unknown,
    },
    indent: {
      params: ["int", "string"],
      fn: ((n: { value: bigint }, s: string) => {
        const pad = " ".repeat(Number(n.value));
        return pad + s.replaceAll("\n", `\n${pad}`);
      }) as (...a: never[]) => unknown,
    },
    default: {
      params: ["interface {}"],
      variadic: "interface {}",
      fn: ((d: unknown, ...given: unknown[]) => {
        const v = given[0];
        return v === undefined || v === null || v === "" ? d : v;
      }) as (...a: never[]) => unknown,
    },
  });
}

function topLevel(): Record<string, unknown> {
  return {
    Values: VALUES,
    Release: { Name: "bench", Namespace: "default", Service: "Helm" },
    Chart: { Name: "app", Version: "0.1.0", AppVersion: "1.2.3" },
  };
}

interface HcpTimes {
  parseExec: number;
  parseExecCpu: number;
  execOnly: number;
  execOnlyCpu: number;
  outputs: string[];
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
}

function runHcp(): HcpTimes {
  const names = Array.from({ length: FILES }, (_, i) => `app/templates/d${i}.yaml`);
  const texts = names.map((_, i) => deployment(i));
  const build = (): TemplateSet => {
    const set = new TemplateSet({ missingKey: "zero", name: "gotpl" });
    hcpFuncs(set);
    set.parse("app/templates/_helpers.tpl", HELPERS);
    names.forEach((n, i) => {
      set.parse(n, texts[i]!);
    });
    return set;
  };
  const data = topLevel();
  // Warm up the JIT.
  for (let k = 0; k < 30; k++) {
    const set = build();
    for (const n of names) set.execute(n, data);
  }
  const rounds = 20;
  let t0 = performance.now();
  let c0 = process.cpuUsage();
  let outputs: string[] = [];
  for (let k = 0; k < rounds; k++) {
    const set = build();
    outputs = names.map((n) => set.execute(n, data));
  }
  const parseExec = (performance.now() - t0) / rounds;
  const parseExecCpu = cpuMs(c0) / rounds;
  const set = build();
  t0 = performance.now();
  c0 = process.cpuUsage();
  for (let k = 0; k < rounds; k++) for (const n of names) set.execute(n, data);
  const execOnly = (performance.now() - t0) / rounds;
  const execOnlyCpu = cpuMs(c0) / rounds;
  return { parseExec, parseExecCpu, execOnly, execOnlyCpu, outputs };
}

function findHelm(): string | undefined {
  if (process.env["HCP_REF_HELM"]) return process.env["HCP_REF_HELM"];
  const script = join(import.meta.dir, "../../shared/tools/get-helm.sh");
  const r = Bun.spawnSync(["bash", script]);
  const path = r.stdout.toString().trim();
  return r.exitCode === 0 && path !== "" ? path : undefined;
}

function writeChart(dir: string, files: Record<string, string>): void {
  mkdirSync(join(dir, "templates"), { recursive: true });
  writeFileSync(
    join(dir, "Chart.yaml"),
    "apiVersion: v2\nname: app\nversion: 0.1.0\nappVersion: 1.2.3\n",
  );
  writeFileSync(join(dir, "values.yaml"), JSON.stringify(VALUES));
  for (const [name, text] of Object.entries(files))
    writeFileSync(join(dir, "templates", name), text);
}

function timeHelm(helm: string, dir: string): { wall: number; cpu: number } {
  let wall = Number.POSITIVE_INFINITY;
  let cpu = Number.POSITIVE_INFINITY;
  for (let k = 0; k < HELM_RUNS; k++) {
    const t0 = performance.now();
    const r = Bun.spawnSync([helm, "template", "bench", dir], { env: { HOME: dir, PATH: "" } });
    const ms = performance.now() - t0;
    if (r.exitCode !== 0) throw new Error(`helm failed: ${r.stderr.toString()}`);
    wall = Math.min(wall, ms);
    cpu = Math.min(cpu, Number(r.resourceUsage.cpuTime.total) / 1000);
  }
  return { wall, cpu };
}

function perSecond(ms: number): number {
  return Math.round((FILES / Math.max(ms, 0.001)) * 1000);
}

function main(): void {
  const hcp = runHcp();
  console.log(`template files: ${FILES} (plus one _helpers.tpl)`);
  console.log(
    `hcp  parse+execute: wall ${hcp.parseExec.toFixed(1)} ms (${perSecond(hcp.parseExec)} templates/s), cpu ${hcp.parseExecCpu.toFixed(1)} ms (${perSecond(hcp.parseExecCpu)} templates/s)`,
  );
  console.log(
    `hcp  execute only:  wall ${hcp.execOnly.toFixed(1)} ms (${perSecond(hcp.execOnly)} templates/s), cpu ${hcp.execOnlyCpu.toFixed(1)} ms (${perSecond(hcp.execOnlyCpu)} templates/s)`,
  );
  const helm = findHelm();
  if (helm === undefined) {
    console.log("helm: reference binary not found (set HCP_REF_HELM); skipped");
    return;
  }
  const root = mkdtempSync(join(tmpdir(), "hcp-bench-"));
  try {
    const real: Record<string, string> = { "_helpers.tpl": HELPERS };
    const flat: Record<string, string> = {};
    for (let i = 0; i < FILES; i++) {
      real[`d${i}.yaml`] = deployment(i);
      flat[`d${i}.yaml`] = hcp.outputs[i]!;
    }
    writeChart(join(root, "real"), real);
    writeChart(join(root, "flat"), flat);
    const withTemplates = timeHelm(helm, join(root, "real"));
    const baseline = timeHelm(helm, join(root, "flat"));
    const wall = withTemplates.wall - baseline.wall;
    const cpu = withTemplates.cpu - baseline.cpu;
    console.log(
      `helm template: wall ${withTemplates.wall.toFixed(1)} ms, cpu ${withTemplates.cpu.toFixed(1)} ms; baseline (pre-rendered files): wall ${baseline.wall.toFixed(1)} ms, cpu ${baseline.cpu.toFixed(1)} ms`,
    );
    console.log(
      `helm engine (difference): wall ${wall.toFixed(1)} ms (${perSecond(wall)} templates/s), cpu ${cpu.toFixed(1)} ms (${perSecond(cpu)} templates/s)`,
    );
    console.log(
      `hcp parse+execute vs helm engine: ${(wall / hcp.parseExec).toFixed(2)}x by wall time, ${(cpu / hcp.parseExecCpu).toFixed(2)}x by cpu time`,
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main();
