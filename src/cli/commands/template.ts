/**
 * `hcp template [NAME] [CHART]`: flags → TemplateOptions, prints the rendered manifests (or
 * `wrote PATH` lines with --output-dir). Errors that happen after rendering started get
 * Helm's "Use --debug flag to render out invalid YAML" note; with --debug the partial
 * manifest is printed first.
 */
import type { CAC } from "cac";
import { createPostRender, runTemplate, TemplateRenderError } from "../../action/template.ts";
import { HcpError } from "../../errors.ts";
import { templateJitPolicy } from "../../jit.ts";
import { type CliOptions, createContext, listOption, stringOption } from "../context.ts";
import type { Io } from "../io.ts";

const STRINGS = { type: [String] };

function sliceOption(value: unknown): string[] {
  return listOption(value).flatMap((v) => v.split(","));
}

/** `-f -` reaches cac's parser as a bare flag (true): it means standard input. */
function valuesFiles(value: unknown): string[] {
  if (value === undefined) return [];
  const raw = Array.isArray(value) ? value : [value];
  return raw.flatMap((v) => (v === true ? ["-"] : String(v).split(",")));
}

/** Registers `hcp template`. */
export function register(cli: CAC, io: Io): void {
  cli
    .command("[name] [chart] [...rest]", "locally render templates")
    .option("-f, --values [file]", "specify values in a YAML file or - for stdin (repeatable)")
    .option("--set <value>", "set values on the command line", STRINGS)
    .option("--set-string <value>", "set STRING values on the command line", STRINGS)
    .option("--set-file <value>", "set values from respective files", STRINGS)
    .option("--set-json <value>", "set JSON values on the command line", STRINGS)
    .option("--set-literal <value>", "set a literal STRING value on the command line", STRINGS)
    .option(
      "-s, --show-only <file>",
      "only show manifests rendered from the given templates",
      STRINGS,
    )
    .option("--output-dir <dir>", "writes the executed templates to files in output-dir", STRINGS)
    .option("--include-crds", "include CRDs in the templated output")
    .option("--skip-crds", "if set, no CRDs will be installed")
    .option("--skip-tests", "skip tests from templated output")
    .option("--no-hooks", "prevent hooks from running during install")
    .option("--is-upgrade", "set .Release.IsUpgrade instead of .Release.IsInstall")
    .option(
      "--kube-version <version>",
      "Kubernetes version used for Capabilities.KubeVersion",
      STRINGS,
    )
    .option(
      "-a, --api-versions <versions>",
      "Kubernetes api versions used for Capabilities.APIVersions",
      STRINGS,
    )
    .option("--release-name", "use release name in the output-dir path")
    .option("--name-template <template>", "specify template used to name the release", STRINGS)
    .option("-g, --generate-name", "generate the name (and omit the NAME parameter)")
    .option("--skip-schema-validation", "if set, disables JSON schema validation")
    .option(
      "--post-renderer <path>",
      "the path to an executable to be used for post rendering",
      STRINGS,
    )
    .option("--post-renderer-args <arg>", "an argument to the post-renderer", STRINGS)
    .option("--description <text>", "add a custom description", STRINGS)
    .option("--version <version>", "chart version constraint", STRINGS)
    .option("--dry-run [mode]", "client or server", STRINGS)
    .option("--validate", "deprecated")
    // Helm's install and chart-path flags that `helm template` accepts; client-only rendering
    // has no use for them, so they are accepted and ignored.
    .option("--create-namespace", "create the release namespace if not present (ignored)")
    .option("--force", "deprecated (ignored)")
    .option("--force-replace", "force resource updates by replacement (ignored)")
    .option("--force-conflicts", "force server-side apply changes (ignored)")
    .option("--server-side [mode]", "object updates run in the server (ignored)", STRINGS)
    .option("--replace", "reuse the given name (ignored)")
    .option("--timeout <duration>", "time to wait for any individual operation (ignored)", STRINGS)
    .option("--wait [strategy]", "wait for resources (ignored)", STRINGS)
    .option("--wait-for-jobs", "wait for jobs (ignored)")
    .option("--devel", "use development versions too (ignored)")
    .option("--dependency-update", "update dependencies before installing (ignored)")
    .option("--disable-openapi-validation", "skip OpenAPI validation (ignored)")
    .option("--rollback-on-failure", "roll back on failure (ignored)")
    .option("--atomic", "deprecated: use --rollback-on-failure (ignored)")
    .option("--render-subchart-notes", "render subchart notes (NOTES are never printed here)")
    .option("-l, --labels <labels>", "labels for the release metadata (ignored)", STRINGS)
    .option("--enable-dns", "enable DNS lookups when rendering (getHostByName stays empty)")
    .option("--hide-notes", "do not show notes (ignored)")
    .option("--take-ownership", "take ownership of existing resources (ignored)")
    .option("--verify", "verify the package before using it (ignored)")
    .option("--repo <url>", "chart repository URL (not supported: use a local chart)", STRINGS)
    .option("--username <user>", "chart repository username (ignored)", STRINGS)
    .option("--password <password>", "chart repository password (ignored)", STRINGS)
    .option("--cert-file <file>", "client certificate (ignored)", STRINGS)
    .option("--key-file <file>", "client key (ignored)", STRINGS)
    .option("--ca-file <file>", "CA bundle (ignored)", STRINGS)
    .option("--insecure-skip-tls-verify", "skip TLS verification (ignored)")
    .option("--plain-http", "use plain HTTP (ignored)")
    .option("--pass-credentials", "pass credentials to all domains (ignored)")
    .option("--keyring <file>", "public keys trusted to sign chart-defined render plugins")
    .option("--allow-unsigned", "run unsigned chart-defined render plugins (HCP_ALLOW_UNSIGNED=1)")
    .action(
      async (
        name: string | undefined,
        chart: string | undefined,
        rest: string[],
        options: CliOptions,
      ) => {
        const { settings, log } = createContext(io, options);
        // Helm's NameAndChart with `helm template`'s default release name.
        const nameTemplate = stringOption(options.nameTemplate);
        let releaseName: string | undefined;
        let chartPath: string | undefined;
        const extra = rest ?? [];
        if (chart !== undefined) {
          if (extra.length > 0) {
            throw new HcpError(
              "CLI_USAGE",
              `expected at most two arguments, unexpected arguments: ${extra.join(", ")}`,
            );
          }
          if (options.generateName === true) {
            throw new HcpError("CLI_USAGE", "cannot set --generate-name and also specify a name");
          }
          if (nameTemplate !== undefined && nameTemplate !== "") {
            throw new HcpError("CLI_USAGE", "cannot set --name-template and also specify a name");
          }
          releaseName = name;
          chartPath = chart;
        } else {
          chartPath = name;
          releaseName = nameTemplate ? undefined : "release-name";
        }
        if (chartPath === undefined) {
          throw new HcpError("CLI_USAGE", '"hcp template" requires at least 1 argument');
        }
        const outputDir = stringOption(options.outputDir);
        const kubeVersion = stringOption(options.kubeVersion);
        const postRenderer = stringOption(options.postRenderer);
        const postRender =
          postRenderer === undefined
            ? undefined
            : createPostRender({
                name: postRenderer,
                args: listOption(options.postRendererArgs),
                settings,
                log,
                execPath: io.execPath,
              });
        try {
          const result = await runTemplate({
            releaseName: releaseName ?? "",
            ...(releaseName === undefined && nameTemplate ? { nameTemplate } : {}),
            chartPath,
            namespace: settings.namespace,
            values: {
              valueFiles: valuesFiles(options.values),
              jsonValues: listOption(options.setJson),
              values: listOption(options.set),
              stringValues: listOption(options.setString),
              fileValues: listOption(options.setFile),
              literalValues: listOption(options.setLiteral),
            },
            ...(kubeVersion !== undefined ? { kubeVersion } : {}),
            apiVersions: sliceOption(options.apiVersions),
            includeCrds: options.includeCrds === true,
            skipCrds: options.skipCrds === true,
            skipTests: options.skipTests === true,
            noHooks: options.hooks === false,
            isUpgrade: options.isUpgrade === true,
            showOnly: listOption(options.showOnly),
            ...(outputDir !== undefined ? { outputDir } : {}),
            useReleaseName: options.releaseName === true,
            skipSchemaValidation: options.skipSchemaValidation === true,
            debug: settings.debug,
            readStdin: io.readStdin,
            ...(postRender ? { postRender } : {}),
            onChartLoaded: (templates) => io.setJitPolicy?.(templateJitPolicy(templates)),
            prepareRenderPlugins: () => {
              // Boot the Wasm sandbox while the chart is processed; no Wasm is sent yet.
              import("../../runtimes/extism.ts")
                .then(({ getExtismRuntime }) => getExtismRuntime({ log }).prestart(io.execPath))
                .catch(() => {});
            },
            runRenderPlugins: async (input) => {
              // Loaded only for charts that declare render/v1 plugins.
              const { runRenderPlugins } = await import("../../action/render-plugins.ts");
              const keyring = stringOption(options.keyring);
              return runRenderPlugins(input, {
                settings,
                log,
                allowUnsigned: options.allowUnsigned === true,
                ...(keyring === undefined ? {} : { keyring }),
                ...(io.execPath ? { execPath: io.execPath } : {}),
              });
            },
            cwd: io.cwd,
            warn: (line) => io.stderr(line),
          });
          for (const path of result.written) io.stdout(`wrote ${path}\n`);
          io.stdout(result.stdout);
          return 0;
        } catch (err) {
          if (err instanceof TemplateRenderError) {
            if (settings.debug) {
              io.stdout(`${err.manifest.trim()}\n`);
              throw err.cause;
            }
            throw new HcpError(
              "TEMPLATE_RENDER",
              `${err.message}\n\nUse --debug flag to render out invalid YAML`,
            );
          }
          throw err;
        }
      },
    );
}
