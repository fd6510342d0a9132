/**
 * `hcp dependency list` for plugins: each Chart.yaml plugin with its locked digest and
 * whether the cache holds intact bytes for it. Reads only; never touches the network.
 */
import { ContentCache } from "../cache/index.ts";
import { HcpError } from "../errors.ts";
import type { Settings } from "../settings/index.ts";
import type { ChartPlugin } from "./dependency-plugins.ts";
import { isLockedAs } from "./dependency-plugins.ts";
import { loadChartPluginState } from "./dependency-update.ts";

/** Status of one plugin, worded like Helm's dependency statuses. */
export type PluginStatus = "ok" | "missing" | "corrupt" | "unlocked" | "lock out of date";

/** One row of `hcp dependency list`. */
export interface PluginListing extends ChartPlugin {
  /** Locked digest (hex) or "" when not locked. */
  readonly digest: string;
  readonly status: PluginStatus;
}

/** Lists a chart's plugins with their lock and cache status. */
export async function listDependencies(options: {
  readonly chartDir: string;
  /** The chart path as the user wrote it (messages). */
  readonly chartArg?: string;
  readonly settings: Settings;
}): Promise<{ plugins: PluginListing[]; hasDependencies: boolean; hasLock: boolean }> {
  const state = await loadChartPluginState(options.chartDir, options.chartArg);
  const cache = new ContentCache(options.settings.contentCache);
  const byName = new Map((state.lock?.plugins ?? []).map((p) => [p.name, p]));
  const plugins: PluginListing[] = [];
  for (const entry of state.plugins) {
    const locked = byName.get(entry.name);
    let status: PluginStatus;
    if (locked === undefined) status = "unlocked";
    else if (!isLockedAs(entry, locked)) status = "lock out of date";
    else {
      try {
        status = (await cache.get(locked.digest)) === undefined ? "missing" : "ok";
      } catch (err) {
        if (!(err instanceof HcpError && err.code === "CACHE_CORRUPT")) throw err;
        status = "corrupt";
      }
    }
    plugins.push({ ...entry, digest: locked?.digest ?? "", status });
  }
  return { plugins, hasDependencies: state.hasDependencies, hasLock: state.lock !== undefined };
}
