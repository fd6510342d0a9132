/**
 * `hcp dependency update|build` for Chart.yaml `plugins` (spec chart-defined-plugins §6):
 * fetch every plugin not already cached under its locked digest, store it in the content
 * cache, and (update) write Chart.lock with the digests. `build` pins to the lock and refuses
 * bytes whose digest differs. Downloads run concurrently; Chart.lock is written atomically
 * and only after every download succeeded, so a failure or a kill leaves the old lock.
 */
import { readFile, stat } from "node:fs/promises";
import { join, relative } from "node:path";
import { parse as parseYaml } from "yaml";
import { ContentCache, sha256Hex } from "../cache/index.ts";
import { HcpError } from "../errors.ts";
import { writeFileAtomic } from "../files/index.ts";
import { type Logger, NULL_LOGGER } from "../log.ts";
import type { FetchLike, RegistryClient, RegistryClientOptions } from "../registry/index.ts";
import type { Settings } from "../settings/index.ts";
import { fetchPluginTarball } from "./dependency-fetch.ts";
import {
  type ChartLock,
  type ChartPlugin,
  EMPTY_DEPENDENCIES_DIGEST,
  formatChartLock,
  hasChartDependencies,
  isLockedAs,
  type LockedPlugin,
  readChartLock,
  readChartPlugins,
  samePlugins,
} from "./dependency-plugins.ts";

/** Registry flags shared by dependency update/build and plugin push. */
export interface RegistryFlags {
  readonly plainHttp?: boolean;
  readonly insecureSkipTlsVerify?: boolean;
  readonly caFile?: string;
  readonly certFile?: string;
  readonly keyFile?: string;
  readonly username?: string;
  readonly password?: string;
}

/** Progress of one plugin, for a TTY display. */
export interface DependencyProgress {
  readonly name: string;
  readonly received: number;
  readonly total: number;
}

/** Options of updateDependencies. */
export interface DependencyUpdateOptions extends RegistryFlags {
  readonly chartDir: string;
  /** The chart path as the user wrote it (messages). */
  readonly chartArg?: string;
  readonly settings: Settings;
  /** "update" re-resolves and writes Chart.lock; "build" installs exactly what the lock pins. */
  readonly mode: "update" | "build";
  /** Lines Helm prints on stdout ("Downloading plugin …"). */
  readonly report?: (line: string) => void;
  readonly onProgress?: (progress: DependencyProgress) => void;
  readonly log?: Logger;
  readonly fetch?: FetchLike;
  /** How many plugins download at once (default 4). */
  readonly concurrency?: number;
  /**
   * Verify every plugin's .prov against this keyring (--verify): a plugin without a .prov, or
   * whose signature or hash does not check out, fails the update.
   */
  readonly verifyKeyring?: string;
  /** Clock for Chart.lock's `generated` (tests). */
  readonly now?: () => Date;
}

/** What happened to one plugin. */
export interface PluginOutcome {
  readonly plugin: LockedPlugin;
  readonly cached: boolean;
  readonly path: string;
}

/** Result of updateDependencies. */
export interface DependencyUpdateResult {
  readonly plugins: readonly PluginOutcome[];
  /** Path of Chart.lock when it was (re)written. */
  readonly lockWritten?: string;
}

async function readYamlFile(path: string): Promise<unknown | undefined> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
  try {
    return parseYaml(text);
  } catch (err) {
    throw new HcpError("CHART_INVALID_YAML", `failed to parse ${path}`, { cause: err });
  }
}

/** The archive name a cached plugin's .prov signs (what the source called the tarball). */
function cachedFilename(entry: ChartPlugin): string {
  const tail = entry.repository.split("/").pop() ?? "";
  return /\.(tgz|tar\.gz)$/.test(tail) ? tail : `${entry.name}-${entry.version}.tgz`;
}

/** Runs `tasks` with at most `limit` in flight; returns settled results in order. */
async function settleLimited<T>(
  tasks: readonly (() => Promise<T>)[],
  limit: number,
): Promise<PromiseSettledResult<T>[]> {
  const results: PromiseSettledResult<T>[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < tasks.length; i = next++) {
      try {
        results[i] = { status: "fulfilled", value: await (tasks[i] as () => Promise<T>)() };
      } catch (reason) {
        results[i] = { status: "rejected", reason };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, tasks.length)) }, worker));
  return results;
}

/**
 * Loads Chart.yaml's plugins and the Chart.lock of a chart directory. `shown` is the path as
 * the user wrote it, for messages (Helm's wording for a missing chart).
 * @throws HcpError CHART_NOT_FOUND, CHART_INVALID_YAML, CHART_INVALID_PLUGINS, CHART_INVALID_LOCK
 */
export async function loadChartPluginState(
  chartDir: string,
  shown = chartDir,
): Promise<{
  plugins: ChartPlugin[];
  lock: ChartLock | undefined;
  hasDependencies: boolean;
  chartFile: string;
  lockFile: string;
}> {
  try {
    await stat(chartDir);
  } catch {
    throw new HcpError(
      "CHART_NOT_FOUND",
      `could not find ${shown}: stat ${shown}: no such file or directory`,
    );
  }
  const chartFile = join(chartDir, "Chart.yaml");
  const lockFile = join(chartDir, "Chart.lock");
  const chartYaml = await readYamlFile(chartFile);
  if (chartYaml === undefined) {
    throw new HcpError("CHART_NOT_FOUND", `Chart.yaml file is missing in "${chartDir}"`, {
      hint: "dependency commands need an unpacked chart directory",
    });
  }
  const lockYaml = await readYamlFile(lockFile);
  return {
    plugins: readChartPlugins(chartYaml, relative(process.cwd(), chartFile) || chartFile),
    lock: lockYaml === undefined ? undefined : readChartLock(lockYaml, lockFile),
    hasDependencies: hasChartDependencies(chartYaml),
    chartFile,
    lockFile,
  };
}

/**
 * Fetches a chart's plugins into the content cache and (update) pins them in Chart.lock.
 * @throws HcpError CHART_*, DEPENDENCY_PLUGIN_FAILED (cause: OCI_*, CACHE_*, DEPENDENCY_DIGEST_MISMATCH)
 */
export async function updateDependencies(
  options: DependencyUpdateOptions,
): Promise<DependencyUpdateResult> {
  const log = options.log ?? NULL_LOGGER;
  const report = options.report ?? (() => {});
  const state = await loadChartPluginState(options.chartDir, options.chartArg);
  if (state.hasDependencies) {
    log.warn("chart dependencies (subcharts) are not downloaded by hcp; only plugins are handled");
  }
  let entries: ChartPlugin[] = state.plugins;
  const lockByName = new Map((state.lock?.plugins ?? []).map((p) => [p.name, p]));
  if (options.mode === "build" && state.lock !== undefined) {
    const inSync =
      state.lock.plugins.length === entries.length &&
      entries.every((e) => isLockedAs(e, lockByName.get(e.name)));
    if (!inSync) {
      throw new HcpError(
        "DEPENDENCY_LOCK_OUT_OF_SYNC",
        "the lock file (Chart.lock) is out of sync with the plugins in Chart.yaml",
        { hint: "run 'hcp dependency update' to pin the plugins again" },
      );
    }
    entries = state.lock.plugins.map(({ digest: _, ...p }) => p);
  }
  if (entries.length === 0) return { plugins: [] };

  const cache = new ContentCache(options.settings.contentCache);
  let client: Promise<RegistryClient> | undefined;
  const registry = () => {
    client ??= import("../registry/index.ts").then(({ createRegistryClient }) => {
      const clientOptions: RegistryClientOptions = {
        registryConfig: options.settings.registryConfig,
        log,
        ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
        ...(options.plainHttp === undefined ? {} : { plainHttp: options.plainHttp }),
        ...(options.insecureSkipTlsVerify === undefined
          ? {}
          : { insecureSkipTlsVerify: options.insecureSkipTlsVerify }),
        ...(options.caFile === undefined ? {} : { caFile: options.caFile }),
        ...(options.certFile === undefined ? {} : { certFile: options.certFile }),
        ...(options.keyFile === undefined ? {} : { keyFile: options.keyFile }),
        ...(options.username === undefined ? {} : { username: options.username }),
        ...(options.password === undefined ? {} : { password: options.password }),
      };
      return createRegistryClient(clientOptions);
    });
    return client;
  };
  const httpFetch = (options.fetch ?? fetch) as (
    url: string,
    init?: RequestInit,
  ) => Promise<Response>;

  const verify = async (
    entry: ChartPlugin,
    tarball: Uint8Array,
    prov: Uint8Array | undefined,
    filename: string,
  ): Promise<void> => {
    const keyring = options.verifyKeyring;
    if (keyring === undefined) return;
    if (prov === undefined) {
      throw new HcpError(
        "DEPENDENCY_VERIFY_FAILED",
        "plugin verification failed: no provenance file (.prov) found",
        { hint: "publish the plugin with its .prov, or pass --verify=false" },
      );
    }
    const { verifyPluginArchive } = await import("../provenance/index.ts");
    try {
      const result = await verifyPluginArchive({ archive: tarball, prov, filename, keyring });
      log.debug("plugin signature verified", {
        name: entry.name,
        fingerprint: result.fingerprint,
        hash: result.hash,
      });
    } catch (err) {
      throw new HcpError("DEPENDENCY_VERIFY_FAILED", "plugin verification failed", { cause: err });
    }
  };

  report(`Downloading ${entries.length} plugin${entries.length === 1 ? "" : "s"}`);
  const tasks = entries.map((entry) => async (): Promise<PluginOutcome> => {
    const locked = lockByName.get(entry.name);
    const pinned = isLockedAs(entry, locked) ? locked : undefined;
    // file:// sources are re-read on update (no network; a developer's edits must show up).
    const reuse = options.mode === "build" || !entry.repository.startsWith("file://");
    if (pinned !== undefined && reuse && (await cache.has(pinned.digest))) {
      log.debug("plugin already cached", { name: entry.name, digest: pinned.digest });
      const cached = await cache.get(pinned.digest);
      if (cached !== undefined) {
        await verify(
          entry,
          cached.bytes,
          await cache.getProv(pinned.digest),
          cachedFilename(entry),
        );
      }
      return { plugin: pinned, cached: true, path: cache.pathFor(pinned.digest) };
    }
    report(`Downloading plugin ${entry.name} version ${entry.version} from ${entry.repository}`);
    const fetched = await fetchPluginTarball(entry, {
      chartDir: options.chartDir,
      registry,
      fetch: httpFetch,
      ...(options.onProgress === undefined
        ? {}
        : {
            onProgress: (received: number, total: number) =>
              options.onProgress?.({ name: entry.name, received, total }),
          }),
    });
    const digest = sha256Hex(fetched.tarball);
    await verify(entry, fetched.tarball, fetched.prov, fetched.filename);
    if (options.mode === "build" && pinned !== undefined && pinned.digest !== digest) {
      throw new HcpError(
        "DEPENDENCY_DIGEST_MISMATCH",
        `digest mismatch: Chart.lock pins sha256:${pinned.digest}, the download is sha256:${digest}`,
        {
          hint: "the artifact changed since the lock was written; if you trust the new one, run 'hcp dependency update'",
        },
      );
    }
    await cache.put(fetched.tarball, { expected: digest });
    if (fetched.prov !== undefined) await cache.putProv(digest, fetched.prov);
    report(`Plugin ${entry.name} version ${entry.version} cached (${digest.slice(0, 12)})`);
    return { plugin: { ...entry, digest }, cached: false, path: cache.pathFor(digest) };
  });
  const settled = await settleLimited(tasks, options.concurrency ?? 4);
  const outcomes: PluginOutcome[] = [];
  for (const [i, result] of settled.entries()) {
    if (result.status === "rejected") {
      throw new HcpError(
        "DEPENDENCY_PLUGIN_FAILED",
        `failed to download plugin "${entries[i]?.name}"`,
        { cause: result.reason },
      );
    }
    outcomes.push(result.value);
  }

  if (options.mode === "build" && state.lock !== undefined) return { plugins: outcomes };
  const plugins = outcomes.map((o) => o.plugin);
  if (state.lock !== undefined && samePlugins(state.lock.plugins, plugins)) {
    return { plugins: outcomes };
  }
  const lock: ChartLock = {
    dependencies: state.lock?.dependencies ?? null,
    digest: state.lock?.digest ?? EMPTY_DEPENDENCIES_DIGEST,
    generated: (options.now ?? (() => new Date()))().toISOString(),
    plugins,
  };
  await writeFileAtomic(state.lockFile, formatChartLock(lock));
  return { plugins: outcomes, lockWritten: state.lockFile };
}
