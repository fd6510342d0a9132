/**
 * The `hcp template` use case (Helm's install action in client-only dry-run mode): merge
 * values (-f files, --set flavours), load the chart, check and process its dependencies,
 * coalesce values, validate schemas, render, sort manifests and compose Helm's output
 * (`---\n# Source: …`), or write it to --output-dir. Returns data; never prints.
 */
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { dirname, join, resolve } from "node:path";
import {
  type Chart,
  type ChartPluginRef,
  coalesceValues,
  crdObjects,
  isCompatibleRange,
  loadChart,
  matchPath,
  mergeMaps,
  processDependencies,
  readValues,
  type Values,
  validateValuesSchema,
} from "../chart/index.ts";
import {
  createCapabilities,
  createFuncMap,
  createManifestHeadParser,
  DEFAULT_API_VERSIONS,
  defaultKubeVersion,
  HELM_BUILD_INFO,
  HOOK_TEST,
  type KubeVersion,
  parseKubeVersion,
  releaseObject,
  renderChart,
  sortManifests,
  splitManifests,
  toYaml,
} from "../engine/index.ts";
import { HcpError } from "../errors.ts";
import type { Logger } from "../log.ts";
import type { RenderContextV1, RenderPipelineResult, SourceFile } from "../render/index.ts";
import type { Settings } from "../settings/index.ts";
import {
  parseSetFileInto,
  parseSetInto,
  parseSetJsonInto,
  parseSetLiteralInto,
  parseSetStringInto,
} from "../strvals/index.ts";
import { TemplateSet } from "../template/index.ts";

/** Values flags, in Helm's Options order. */
export interface ValuesOptions {
  readonly valueFiles: readonly string[];
  readonly jsonValues: readonly string[];
  readonly values: readonly string[];
  readonly stringValues: readonly string[];
  readonly fileValues: readonly string[];
  readonly literalValues: readonly string[];
}

/** Options of runTemplate (the flags of `hcp template`). */
export interface TemplateOptions {
  readonly releaseName: string;
  /** Renders the release name from this template (Sprig functions, no data). */
  readonly nameTemplate?: string;
  readonly chartPath: string;
  readonly namespace: string;
  readonly values: ValuesOptions;
  readonly kubeVersion?: string;
  readonly apiVersions: readonly string[];
  readonly includeCrds: boolean;
  readonly skipCrds: boolean;
  readonly skipTests: boolean;
  readonly noHooks: boolean;
  readonly isUpgrade: boolean;
  readonly showOnly: readonly string[];
  readonly outputDir?: string;
  readonly useReleaseName: boolean;
  readonly skipSchemaValidation: boolean;
  readonly debug: boolean;
  /** Runs the chart's render/v1 plugins; required only for charts that declare some. */
  readonly runRenderPlugins?: RunRenderPlugins;
  /** Called with the number of templates in the loaded chart tree, before any is parsed. */
  readonly onChartLoaded?: (templates: number) => void;
  /** Called once the loaded chart is known to declare render/v1 plugins (start the sandbox early). */
  readonly prepareRenderPlugins?: () => void;
  /** Post-renderer hook: receives all manifests, returns the new ones. */
  readonly postRender?: (manifests: string) => Promise<string>;
  /** Reads `-f -` and `--set-file key=-` from standard input. */
  readonly readStdin: () => Promise<Uint8Array>;
  /** Working directory for relative paths. */
  readonly cwd: string;
  /** Warnings and logs on stderr. */
  readonly warn: (line: string) => void;
  /** Clock and randomness for Sprig (injected). */
  readonly now?: () => Date;
  readonly random?: () => number;
}

/** What the chart's render/v1 plugins get: the root templates and the render context. */
export interface RenderPluginsInput {
  /** The root chart's directory or archive path (to locate Chart.lock-pinned plugins). */
  readonly chartPath: string;
  readonly chart: Chart;
  /** The chart's `plugins` entries, in Chart.yaml order (the runner runs the render/v1 ones). */
  readonly plugins: readonly ChartPluginRef[];
  /** The root chart's templates/ files, sorted by name. */
  readonly sources: readonly SourceFile[];
  readonly context: RenderContextV1;
}

/**
 * Runs a chart's render/v1 plugins (locate, verify, invoke; spec chart-defined-plugins §8–§10)
 * and returns what src/render's pipeline returns. Supplied by the plugin side of hcp.
 */
export type RunRenderPlugins = (input: RenderPluginsInput) => Promise<RenderPipelineResult>;

/** What a postrenderer/v1 plugin run needs (Helm 4: `--post-renderer NAME`). */
export interface PostRendererOptions {
  readonly name: string;
  readonly args: readonly string[];
  readonly settings: Settings;
  readonly log: Logger;
  readonly execPath?: string;
}

/**
 * Creates the post-render hook for a postrenderer/v1 plugin; the plugin system, its runtimes
 * and the trust gate (for Wasm plugins) load only when the hook runs.
 */
export function createPostRender(
  options: PostRendererOptions,
): (manifests: string) => Promise<string> {
  return async (manifests) => {
    const { runPostRenderer } = await import("./plugin-postrender.ts");
    const { createTrustGate } = await import("../plugin/trust.ts");
    const trustGate = createTrustGate({
      keyring: options.settings.defaultKeyring,
      allowUnsigned: options.settings.allowUnsigned,
      cacheHome: options.settings.cacheHome,
      log: options.log,
    });
    const out = await runPostRenderer({
      name: options.name,
      args: options.args,
      manifests: new TextEncoder().encode(manifests),
      settings: options.settings,
      log: options.log,
      ...(options.execPath ? { execPath: options.execPath } : {}),
      trustGate,
    });
    return new TextDecoder().decode(out);
  };
}

/** What `hcp template` prints. */
export interface TemplateResult {
  /** Text for stdout. */
  readonly stdout: string;
  /** Paths written under --output-dir, in order (`wrote PATH` lines). */
  readonly written: readonly string[];
}

/** An error that, like Helm, comes with the partial manifest (shown with --debug). */
export class TemplateRenderError extends HcpError {
  readonly manifest: string;
  constructor(cause: unknown, manifest: string) {
    super("TEMPLATE_RENDER", cause instanceof Error ? cause.message : String(cause), { cause });
    this.manifest = manifest;
  }
}

const RELEASE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const MAX_RELEASE_NAME = 53;

function checkReleaseName(name: string): void {
  if (name === "" || name.length > MAX_RELEASE_NAME || !RELEASE_NAME.test(name)) {
    throw new HcpError(
      "CLI_INVALID_RELEASE_NAME",
      `release name check failed: release name ${JSON.stringify(name)}: invalid release name, must match regex ${RELEASE_NAME.source} and the length must not be longer than ${MAX_RELEASE_NAME}`,
    );
  }
}

async function readInput(path: string, options: TemplateOptions): Promise<Uint8Array> {
  if (path.trim() === "-") return options.readStdin();
  try {
    return readFileSync(resolve(options.cwd, path));
  } catch (err) {
    const code = (err as { code?: string }).code;
    const why =
      code === "ENOENT"
        ? "no such file or directory"
        : code === "EISDIR"
          ? "is a directory"
          : code === "EACCES"
            ? "permission denied"
            : errText(err);
    throw new HcpError("CLI_VALUES_FILE", `open ${path}: ${why}`);
  }
}

/** Merges values flags like Helm's values.Options.MergeValues. */
export async function mergeValueOptions(options: TemplateOptions): Promise<Values> {
  const v = options.values;
  let base: Values = {};
  for (const file of v.valueFiles) {
    const raw = new TextDecoder().decode(await readInput(file, options));
    try {
      base = mergeMaps(base, readValues(raw, file));
    } catch (err) {
      throw new HcpError("CHART_INVALID_VALUES", `failed to parse ${file}: ${errText(err)}`, {
        cause: err,
      });
    }
  }
  for (const value of v.jsonValues) {
    const trimmed = value.trim();
    if (trimmed.startsWith("{")) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(trimmed);
      } catch {
        throw new HcpError("CLI_INVALID_SET", `failed parsing --set-json data JSON: ${value}`);
      }
      base = mergeMaps(base, parsed as Values);
    } else {
      try {
        parseSetJsonInto(value, base);
      } catch {
        throw new HcpError("CLI_INVALID_SET", `failed parsing --set-json data ${value}`);
      }
    }
  }
  for (const value of v.values) {
    wrapSet("--set", () => parseSetInto(value, base));
  }
  for (const value of v.stringValues) {
    wrapSet("--set-string", () => parseSetStringInto(value, base));
  }
  for (const value of v.fileValues) {
    // --set-file paths are read synchronously (stdin is not supported here).
    wrapSet("--set-file", () =>
      parseSetFileInto(value, base, (path) => {
        const p = path.startsWith("/") ? path : join(options.cwd, path);
        return readFileSync(p, "utf8");
      }),
    );
  }
  for (const value of v.literalValues) {
    wrapSet("--set-literal", () => parseSetLiteralInto(value, base));
  }
  return base;
}

/** A log.Printf line as Helm 4's slog text handler prints it. */
function slogInfo(message: string): string {
  return `level=INFO msg=${JSON.stringify(message)}\n`;
}

function errText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function wrapSet(flag: string, fn: () => void): void {
  try {
    fn();
  } catch (err) {
    throw new HcpError("CLI_INVALID_SET", `failed parsing ${flag} data: ${errText(err)}`, {
      cause: err,
    });
  }
}

/**
 * Resolves a local chart reference like Helm's LocateChart (no repositories here): an existing
 * file or directory; otherwise Helm's errors for a missing path or an unknown repository.
 * @throws HcpError CHART_NOT_FOUND
 */
function locateChart(name: string, cwd: string): string {
  const abs = resolve(cwd, name);
  if (!existsSync(abs)) {
    if (name.startsWith("/") || name.startsWith(".")) {
      throw new HcpError("CHART_NOT_FOUND", `path ${JSON.stringify(name)} not found`);
    }
    const slash = name.indexOf("/");
    if (slash < 0) {
      throw new HcpError(
        "CHART_NOT_FOUND",
        `non-absolute URLs should be in form of repo_name/path_to_chart, got: ${name}`,
      );
    }
    throw new HcpError("CHART_NOT_FOUND", `repo ${name.slice(0, slash)} not found`);
  }
  if (statSync(abs).isDirectory() && !existsSync(join(abs, "Chart.yaml"))) {
    const file = join(abs, "Chart.yaml");
    throw new HcpError(
      "CHART_NOT_FOUND",
      `unable to detect chart at ${file}: open ${file}: no such file or directory`,
    );
  }
  return abs;
}

function checkDependencies(chart: Chart): void {
  const present = new Set(chart.dependencies.map((d) => d.metadata.name));
  const missing: string[] = [];
  for (const r of chart.metadata.dependencies) {
    if (r !== null && !present.has(r.name)) missing.push(r.name);
  }
  if (missing.length > 0) {
    throw new HcpError(
      "CHART_MISSING_DEPENDENCIES",
      `an error occurred while checking for chart dependencies. You may need to run \`helm dependency build\` to fetch missing dependencies: found in Chart.yaml, but missing in charts/ directory: ${missing.join(", ")}`,
    );
  }
}

function source(name: string, content: string): string {
  return `---\n# Source: ${name}\n${content}\n`;
}

/** Templates in the chart and all its subcharts. */
function countTemplates(chart: Chart): number {
  let n = chart.templates.length;
  for (const dep of chart.dependencies) n += countTemplates(dep);
  return n;
}

/**
 * Renders a chart like `helm template`.
 * @throws HcpError (values, chart, schema, release-name errors) or TemplateRenderError
 * (render/YAML errors, carrying the partial manifest for --debug).
 */
export async function runTemplate(input: TemplateOptions): Promise<TemplateResult> {
  const options =
    input.nameTemplate === undefined
      ? input
      : { ...input, releaseName: renderNameTemplate(input.nameTemplate, input) };
  let kube: KubeVersion = defaultKubeVersion();
  if (options.kubeVersion !== undefined && options.kubeVersion !== "") {
    kube = parseKubeVersion(options.kubeVersion);
  }
  const vals = await mergeValueOptions(options);
  const chartPath = locateChart(options.chartPath.trim(), options.cwd);
  const chart = loadChart(chartPath, { warn: (line) => options.warn(slogInfo(line)) });
  if (chart.metadata.plugins.some((p) => p.type === "render/v1")) options.prepareRenderPlugins?.();
  options.onChartLoaded?.(countTemplates(chart));
  if (chart.metadata.type !== "" && chart.metadata.type !== "application") {
    throw new HcpError(
      "CHART_NOT_INSTALLABLE",
      `${chart.metadata.type} charts are not installable`,
    );
  }
  if (chart.metadata.deprecated) options.warn('level=WARN msg="this chart is deprecated"\n');
  if (chart.metadata.dependencies.length > 0) checkDependencies(chart);
  try {
    checkReleaseName(options.releaseName);
  } catch (err) {
    options.warn(
      `level=ERROR msg="release name check failed" error=${JSON.stringify(errText(err).replace("release name check failed: ", ""))}\n`,
    );
    throw err;
  }
  try {
    processDependencies(chart, vals, (line) => options.warn(`${line}\n`));
  } catch (err) {
    throw new HcpError(
      "CHART_DEPENDENCIES",
      `chart dependencies processing failed: ${errText(err)}`,
      { cause: err },
    );
  }
  const caps = createCapabilities(kube, [...DEFAULT_API_VERSIONS, ...options.apiVersions]);
  const coalesced = coalesceValues(chart, vals, (line) => options.warn(slogInfo(line)));
  if (!options.skipSchemaValidation) await validateValuesSchema(chart, coalesced);
  const top = {
    Release: releaseObject({
      name: options.releaseName,
      namespace: options.namespace,
      revision: 1,
      isInstall: !options.isUpgrade,
      isUpgrade: options.isUpgrade,
    }),
    Capabilities: caps,
    Values: coalesced,
  };
  const manifestText = await renderResources(chart, top, kube, { ...options, chartPath });
  return composeOutput(manifestText, options);
}

/**
 * Uniform [0, 1) from the operating system's CSPRNG, like the crypto/rand behind Sprig's rand*,
 * uuidv4 and generated keys in Helm (Math.random is predictable: passwords and keys come from
 * here).
 */
function cryptoRandom(): number {
  const words = crypto.getRandomValues(new Uint32Array(2));
  return ((words[0] as number) * 2 ** 21 + ((words[1] as number) >>> 11)) / 2 ** 53;
}

/** Sprig's sha*sum through Bun's native hasher (node:crypto would cost ~2 ms to load). */
function nativeDigest(algorithm: "sha1" | "sha256" | "sha512", data: Uint8Array): string {
  return new Bun.CryptoHasher(algorithm).update(data).digest("hex");
}

/** Helm's TemplateName: the --name-template text rendered with Sprig and no data. */
function renderNameTemplate(text: string, options: TemplateOptions): string {
  const set = new TemplateSet({
    funcs: createFuncMap({
      now: options.now ?? (() => new Date()),
      random: options.random ?? cryptoRandom,
      digest: nativeDigest,
      nativeRsa: options.random === undefined,
    }),
    name: "name-template",
  });
  set.parse("name-template", text);
  return set.execute("name-template", null);
}

function jsonSafe(v: unknown): unknown {
  if (typeof v === "bigint") return Number(v);
  if (Array.isArray(v)) return v.map(jsonSafe);
  if (v !== null && typeof v === "object" && !(v instanceof Uint8Array)) {
    if ("kind" in v && "value" in v) return Number((v as { value: bigint }).value);
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = jsonSafe(x);
    return out;
  }
  return v;
}

async function runChartRenderPlugins(
  chart: Chart,
  plugins: readonly ChartPluginRef[],
  top: Parameters<typeof renderChart>[1],
  kube: KubeVersion,
  options: TemplateOptions & { chartPath: string },
): Promise<RenderPipelineResult> {
  if (options.runRenderPlugins === undefined) {
    throw new HcpError(
      "PLUGIN_RENDER_UNAVAILABLE",
      `chart ${JSON.stringify(chart.metadata.name)} declares render/v1 plugins (${plugins.map((p) => p.name).join(", ")}) but this build of hcp has no render plugin runner`,
    );
  }
  const md = chart.metadata;
  const release = top.Release;
  const context: RenderContextV1 = {
    release: {
      name: String(release["Name"]),
      namespace: String(release["Namespace"]),
      revision: 1,
      isInstall: release["IsInstall"] === true,
      isUpgrade: release["IsUpgrade"] === true,
      service: "Helm",
    },
    values: jsonSafe(top.Values),
    chart: {
      name: md.name,
      version: md.version,
      ...(md.appVersion !== "" ? { appVersion: md.appVersion } : {}),
      ...(md.description !== "" ? { description: md.description } : {}),
      ...(md.type !== "" ? { type: md.type } : {}),
      isRoot: true,
    },
    subcharts: Object.fromEntries(
      chart.dependencies.map((d) => [
        d.metadata.name,
        {
          name: d.metadata.name,
          ...(d.metadata.version !== "" ? { version: d.metadata.version } : {}),
          enabled: true as const,
        },
      ]),
    ),
    files: chart.files.map((f) => ({ name: f.name, data: f.data.toBase64() })),
    capabilities: {
      kubeVersion: { version: kube.version, major: kube.major, minor: kube.minor },
      apiVersions: [...DEFAULT_API_VERSIONS, ...options.apiVersions],
      helmVersion: HELM_BUILD_INFO.Version,
    },
  };
  const sources = [...chart.templates]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((t) => ({ name: t.name, data: t.data }));
  try {
    return await options.runRenderPlugins({
      chartPath: options.chartPath,
      chart,
      plugins,
      sources,
      context,
    });
  } catch (err) {
    // "render plugins: …" errors keep their cause chain and hint (spec §11).
    if (err instanceof HcpError && err.code === "PLUGIN_RENDER") throw err;
    throw new TemplateRenderError(err, "");
  }
}

interface Rendered {
  readonly manifest: string;
  readonly hooks: { path: string; manifest: string; test: boolean }[];
  readonly written: string[];
}

async function renderResources(
  chart: Chart,
  top: Parameters<typeof renderChart>[1],
  kube: KubeVersion,
  options: TemplateOptions & { chartPath: string },
): Promise<Rendered> {
  if (chart.metadata.kubeVersion !== "") {
    if (!isCompatibleRange(chart.metadata.kubeVersion, kube.normalized)) {
      throw new TemplateRenderError(
        new HcpError(
          "CHART_KUBE_VERSION",
          `chart requires kubeVersion: ${chart.metadata.kubeVersion} which is incompatible with Kubernetes ${kube.version}`,
        ),
        "",
      );
    }
  }
  const funcs = createFuncMap({
    now: options.now ?? (() => new Date()),
    random: options.random ?? cryptoRandom,
    fastYaml: (text) => Bun.YAML.parse(text),
    digest: nativeDigest,
    // With the OS CSPRNG anyway, RSA keys come from the platform's generator (milliseconds,
    // where the BigInt prime search behind an injected `random` takes 50–250 ms).
    nativeRsa: options.random === undefined,
  });
  // Every entry goes to the runner: it rejects unknown types (naming the supported ones) and
  // runs only render/v1.
  const plugins = chart.metadata.plugins;
  let pluginResult: RenderPipelineResult | undefined;
  if (plugins.length > 0) {
    pluginResult = await runChartRenderPlugins(chart, plugins, top, kube, options);
  }
  let files: Map<string, string>;
  const claimed = pluginResult?.claimed;
  const allTemplates = chart.templates;
  try {
    // Root templates a render plugin matched are not rendered by the Go-template engine.
    if (claimed !== undefined && claimed.size > 0) {
      chart.templates = allTemplates.filter((t) => !claimed.has(t.name));
    }
    files = renderChart(chart, top, { funcs, toYaml });
  } catch (err) {
    throw new TemplateRenderError(err, "");
  } finally {
    chart.templates = allTemplates;
  }
  if (pluginResult !== undefined) {
    for (const [name, text] of pluginResult.rendered) files.set(name, text);
  }
  for (const k of [...files.keys()]) {
    if (k.endsWith("NOTES.txt")) files.delete(k);
  }
  if (options.postRender) {
    files = await postRenderFiles(files, options.postRender);
  }
  let sorted: ReturnType<typeof sortManifests>;
  try {
    sorted = sortManifests(
      files,
      createManifestHeadParser((text) => Bun.YAML.parse(text)),
    );
  } catch (err) {
    let raw = "";
    for (const [name, content] of files) {
      if (content.trim() === "") continue;
      raw += source(name, content);
    }
    throw new TemplateRenderError(err, raw);
  }
  const written: string[] = [];
  const fileWritten = new Set<string>();
  let b = "";
  const outDir = options.outputDir;
  const write = (dir: string, name: string, content: string) => {
    const target = `${dir}/${name}`;
    mkdirSync(dirname(target), { recursive: true });
    if (fileWritten.has(name)) appendFileSync(target, source(name, content));
    else writeFileSync(target, source(name, content));
    fileWritten.add(name);
    written.push(target);
  };
  if (options.includeCrds) {
    for (const crd of crdObjects(chart)) {
      const data = new TextDecoder().decode(crd.file.data);
      if (outDir === undefined) b += source(crd.filename, data);
      else write(outDir, crd.filename, data);
    }
  }
  for (const m of sorted.manifests) {
    if (outDir === undefined) b += source(m.name, m.content);
    else
      write(options.useReleaseName ? join(outDir, options.releaseName) : outDir, m.name, m.content);
  }
  return {
    manifest: b,
    hooks: sorted.hooks.map((h) => ({
      path: h.path,
      manifest: h.manifest,
      test: h.events.includes(HOOK_TEST),
    })),
    written,
  };
}

async function postRenderFiles(
  files: Map<string, string>,
  postRender: (manifests: string) => Promise<string>,
): Promise<Map<string, string>> {
  const ANNOTATION = "postrenderer.helm.sh/postrender-filename";
  let merged = "";
  for (const [name, content] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
    for (const doc of splitManifests(content)) {
      merged += `---\n# ${ANNOTATION}: ${name}\n${doc}\n`;
    }
  }
  const out = await postRender(merged);
  const result = new Map<string, string>();
  for (const [i, doc] of splitManifests(out).entries()) {
    const m = new RegExp(`^# ${ANNOTATION}: (.*)$`, "m").exec(doc);
    const name = m ? (m[1] as string) : `generated-by-postrender-${i}.yaml`;
    const body = m ? doc.replace(m[0], "").replace(/^\n/, "") : doc;
    const existing = result.get(name);
    result.set(name, existing === undefined ? body : `${existing}\n---\n${body}`);
  }
  return result;
}

function composeOutput(rendered: Rendered, options: TemplateOptions): TemplateResult {
  let manifests = `${rendered.manifest.trim()}\n`;
  const written = [...rendered.written];
  if (!options.noHooks) {
    for (const h of rendered.hooks) {
      if (options.skipTests && h.test) continue;
      if (options.outputDir === undefined) manifests += source(h.path, h.manifest);
      else {
        const dir = options.useReleaseName
          ? join(options.outputDir, options.releaseName)
          : options.outputDir;
        const target = `${dir}/${h.path}`;
        mkdirSync(dirname(target), { recursive: true });
        if (written.includes(target)) appendFileSync(target, source(h.path, h.manifest));
        else writeFileSync(target, source(h.path, h.manifest));
        written.push(target);
      }
    }
  }
  if (options.showOnly.length > 0) {
    const docs = splitManifests(manifests);
    let out = "";
    for (const pattern of options.showOnly) {
      let missing = true;
      for (const doc of docs) {
        const m = /# Source: [^/]+\/(.+)/.exec(doc);
        if (!m) continue;
        let matched = false;
        try {
          matched = matchPath(pattern, m[1] as string);
        } catch {
          matched = false;
        }
        if (!matched) continue;
        out += `---\n${doc}\n`;
        missing = false;
      }
      if (missing) {
        throw new HcpError("CLI_SHOW_ONLY", `could not find template ${pattern} in chart`);
      }
    }
    return { stdout: out, written };
  }
  return { stdout: manifests, written };
}
