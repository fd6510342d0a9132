/**
 * settings: the one reader of the process environment. Builds a frozen Settings at startup
 * with Helm 4's precedence: flag > HELM_* variable > XDG variable > default (Helm's cli.New
 * and helmpath). Everything else receives Settings as an argument.
 */
import { delimiter, join } from "node:path";

/** Environment as a plain map (process.env, or a test's deterministic env). */
export type Env = Readonly<Record<string, string | undefined>>;

/** Global flags that override the environment (Helm's persistent flags, client-side). */
export interface GlobalFlags {
  debug?: boolean;
  namespace?: string;
  kubeContext?: string;
  kubeToken?: string;
  kubeAsUser?: string;
  kubeAsGroup?: string[];
  kubeApiServer?: string;
  kubeCaFile?: string;
  kubeTlsServerName?: string;
  kubeInsecureSkipTlsVerify?: boolean;
  kubeconfig?: string;
  registryConfig?: string;
  repositoryConfig?: string;
  repositoryCache?: string;
  burstLimit?: number;
  qps?: number;
}

/** Resolved hcp/Helm settings. Frozen. */
export interface Settings {
  readonly env: Env;
  readonly home: string;
  readonly cacheHome: string;
  readonly configHome: string;
  readonly dataHome: string;
  /** HELM_PLUGINS unsplit (Helm exports it as is). */
  readonly pluginsDirectory: string;
  /** HELM_PLUGINS split as an OS path list (CLI plugin discovery, plugin list). */
  readonly pluginsDirectories: readonly string[];
  readonly registryConfig: string;
  readonly repositoryConfig: string;
  readonly repositoryCache: string;
  readonly contentCache: string;
  readonly debug: boolean;
  readonly namespace: string;
  readonly maxHistory: number;
  readonly burstLimit: number;
  readonly qps: number;
  readonly kubeContext: string;
  readonly kubeToken: string;
  readonly kubeAsUser: string;
  readonly kubeAsGroups: readonly string[];
  readonly kubeApiServer: string;
  readonly kubeCaFile: string;
  readonly kubeTlsServerName: string;
  readonly kubeInsecureSkipTlsVerify: boolean;
  readonly kubeconfig: string | undefined;
  /** Default --keyring for verification: $GNUPGHOME/pubring.gpg, else ~/.gnupg/pubring.gpg. */
  readonly defaultKeyring: string;
  /** argv[0] of this process as invoked (exported to plugins as HELM_BIN). */
  readonly helmBin: string;
  readonly noPlugins: boolean;
  readonly noColor: boolean;
  /** HCP_ALLOW_UNSIGNED=1: run unsigned Wasm plugins (same as --allow-unsigned). */
  readonly allowUnsigned: boolean;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}

function parseBool(value: string | undefined): boolean {
  if (value === undefined) return false;
  return ["1", "t", "T", "true", "TRUE", "True"].includes(value);
}

function parseIntOr(value: string | undefined, fallback: number): number {
  if (value === undefined || value === "") return fallback;
  const n = Number.parseInt(value, 10);
  return Number.isNaN(n) ? fallback : n;
}

function parseFloatOr(value: string | undefined, fallback: number): number {
  if (value === undefined || value === "") return fallback;
  const n = Number.parseFloat(value);
  return Number.isNaN(n) ? fallback : n;
}

/** Builds Settings from an environment, global flags and argv[0]. Pure over its inputs. */
export function loadSettings(env: Env, flags: GlobalFlags = {}, helmBin = "hcp"): Settings {
  const home = nonEmpty(env.HOME) ?? "/";
  const base = (helmVar: string, xdgVar: string, fallback: string): string =>
    nonEmpty(env[helmVar]) ??
    (nonEmpty(env[xdgVar]) ? join(env[xdgVar] as string, "helm") : join(home, fallback));
  const cacheHome = base("HELM_CACHE_HOME", "XDG_CACHE_HOME", ".cache/helm");
  const configHome = base("HELM_CONFIG_HOME", "XDG_CONFIG_HOME", ".config/helm");
  const dataHome = base("HELM_DATA_HOME", "XDG_DATA_HOME", ".local/share/helm");
  const pluginsDirectory = nonEmpty(env.HELM_PLUGINS) ?? join(dataHome, "plugins");
  const gnupg = env.GNUPGHOME !== undefined ? env.GNUPGHOME : join(home, ".gnupg");
  const settings: Settings = {
    env,
    home,
    cacheHome,
    configHome,
    dataHome,
    pluginsDirectory,
    pluginsDirectories: pluginsDirectory.split(delimiter).filter((p) => p !== ""),
    registryConfig:
      flags.registryConfig ??
      nonEmpty(env.HELM_REGISTRY_CONFIG) ??
      join(configHome, "registry", "config.json"),
    repositoryConfig:
      flags.repositoryConfig ??
      nonEmpty(env.HELM_REPOSITORY_CONFIG) ??
      join(configHome, "repositories.yaml"),
    repositoryCache:
      flags.repositoryCache ?? nonEmpty(env.HELM_REPOSITORY_CACHE) ?? join(cacheHome, "repository"),
    contentCache: nonEmpty(env.HELM_CONTENT_CACHE) ?? join(cacheHome, "content"),
    debug: flags.debug ?? parseBool(env.HELM_DEBUG),
    namespace: flags.namespace ?? nonEmpty(env.HELM_NAMESPACE) ?? "default",
    maxHistory: parseIntOr(env.HELM_MAX_HISTORY, 10),
    burstLimit: flags.burstLimit ?? parseIntOr(env.HELM_BURST_LIMIT, 100),
    qps: flags.qps ?? parseFloatOr(env.HELM_QPS, 0),
    kubeContext: flags.kubeContext ?? env.HELM_KUBECONTEXT ?? "",
    kubeToken: flags.kubeToken ?? env.HELM_KUBETOKEN ?? "",
    kubeAsUser: flags.kubeAsUser ?? env.HELM_KUBEASUSER ?? "",
    kubeAsGroups:
      flags.kubeAsGroup ??
      (nonEmpty(env.HELM_KUBEASGROUPS)?.split(",") as string[] | undefined) ??
      [],
    kubeApiServer: flags.kubeApiServer ?? env.HELM_KUBEAPISERVER ?? "",
    kubeCaFile: flags.kubeCaFile ?? env.HELM_KUBECAFILE ?? "",
    kubeTlsServerName: flags.kubeTlsServerName ?? env.HELM_KUBETLS_SERVER_NAME ?? "",
    kubeInsecureSkipTlsVerify:
      flags.kubeInsecureSkipTlsVerify ?? parseBool(env.HELM_KUBEINSECURE_SKIP_TLS_VERIFY),
    kubeconfig: flags.kubeconfig ?? nonEmpty(env.KUBECONFIG),
    defaultKeyring: join(gnupg, "pubring.gpg"),
    helmBin,
    noPlugins: nonEmpty(env.HELM_NO_PLUGINS) === "1",
    noColor: nonEmpty(env.NO_COLOR) !== undefined,
    allowUnsigned: parseBool(env.HCP_ALLOW_UNSIGNED),
  };
  return Object.freeze(settings);
}

/**
 * The variables Helm exports to plugins (settings.EnvVars()), in Helm's order of `helm env`
 * (sorted by name). KUBECONFIG only when a kubeconfig path is set.
 */
export function envVars(settings: Settings): Record<string, string> {
  const vars: Record<string, string> = {
    HELM_BIN: settings.helmBin,
    HELM_BURST_LIMIT: String(settings.burstLimit),
    HELM_CACHE_HOME: settings.cacheHome,
    HELM_CONFIG_HOME: settings.configHome,
    HELM_CONTENT_CACHE: settings.contentCache,
    HELM_DATA_HOME: settings.dataHome,
    HELM_DEBUG: String(settings.debug),
    HELM_KUBEAPISERVER: settings.kubeApiServer,
    HELM_KUBEASGROUPS: settings.kubeAsGroups.join(","),
    HELM_KUBEASUSER: settings.kubeAsUser,
    HELM_KUBECAFILE: settings.kubeCaFile,
    HELM_KUBECONTEXT: settings.kubeContext,
    HELM_KUBEINSECURE_SKIP_TLS_VERIFY: String(settings.kubeInsecureSkipTlsVerify),
    HELM_KUBETLS_SERVER_NAME: settings.kubeTlsServerName,
    HELM_KUBETOKEN: settings.kubeToken,
    HELM_MAX_HISTORY: String(settings.maxHistory),
    HELM_NAMESPACE: settings.namespace,
    HELM_PLUGINS: settings.pluginsDirectory,
    HELM_QPS: settings.qps.toFixed(2),
    HELM_REGISTRY_CONFIG: settings.registryConfig,
    HELM_REPOSITORY_CACHE: settings.repositoryCache,
    HELM_REPOSITORY_CONFIG: settings.repositoryConfig,
  };
  if (settings.kubeconfig !== undefined) vars.KUBECONFIG = settings.kubeconfig;
  return vars;
}
