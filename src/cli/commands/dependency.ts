/**
 * `hcp dependency update|build|list CHART`: Chart.yaml `plugins` into the content cache and
 * Chart.lock (chart-defined-plugins §6). Helm's progress lines go to stdout; the byte
 * progress bar only to a TTY stderr without NO_COLOR.
 */
import { join, resolve } from "node:path";
import type { CAC } from "cac";
import type { DependencyProgress } from "../../action/dependency-update.ts";
import { type CliOptions, createContext, stringOption } from "../context.ts";
import type { Io } from "../io.ts";
import { addRegistryFlags, registryFlagsFrom } from "./registry-flags.ts";

/** cac gives `true` for `--verify` and the string for `--verify=false`. */
function isTrue(value: unknown): boolean {
  return value === true || value === "true";
}

function progressPrinter(io: Io): (p: DependencyProgress) => void {
  const last = new Map<string, number>();
  return (p) => {
    const pct = p.total === 0 ? 100 : Math.floor((p.received * 100) / p.total);
    if (last.get(p.name) === pct) return;
    last.set(p.name, pct);
    io.stderr(
      `\r\x1b[K${p.name}: ${pct}% (${p.received}/${p.total} bytes)${pct === 100 ? "\n" : ""}`,
    );
  };
}

async function runUpdate(
  io: Io,
  chart: string,
  options: CliOptions,
  mode: "update" | "build",
): Promise<number> {
  const { settings, log } = createContext(io, options);
  const { updateDependencies } = await import("../../action/dependency-update.ts");
  const showProgress = io.stderrIsTTY && !settings.noColor;
  await updateDependencies({
    chartDir: resolve(io.cwd, chart),
    chartArg: chart,
    settings,
    mode,
    log,
    report: (line) => io.stdout(`${line}\n`),
    ...(isTrue(options.verify)
      ? { verifyKeyring: stringOption(options.keyring) ?? settings.defaultKeyring }
      : {}),
    ...(showProgress ? { onProgress: progressPrinter(io) } : {}),
    ...registryFlagsFrom(options),
  });
  return 0;
}

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length))) ?? [];
  return rows
    .map((r) =>
      r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join("\t"),
    )
    .map((line) => `${line.trimEnd()}\n`)
    .join("");
}

/** Registers `hcp dependency update|build|list`. */
export function register(cli: CAC, io: Io): void {
  addRegistryFlags(
    cli
      .command("update <chart>", "update the plugins of Chart.yaml and pin them in Chart.lock")
      .alias("up")
      .option("--skip-refresh", "do not refresh the local repository cache (no effect on plugins)")
      .option("--verify", "verify each plugin against its .prov and the keyring")
      .option("--keyring <string>", "keyring containing public keys"),
  ).action((chart: string, options: CliOptions) => runUpdate(io, chart, options, "update"));
  addRegistryFlags(
    cli
      .command("build <chart>", "fetch the plugins pinned in Chart.lock into the cache")
      .option("--skip-refresh", "do not refresh the local repository cache (no effect on plugins)")
      .option("--verify", "verify each plugin against its .prov and the keyring")
      .option("--keyring <string>", "keyring containing public keys"),
  ).action((chart: string, options: CliOptions) => runUpdate(io, chart, options, "build"));
  cli
    .command("list <chart>", "list the plugins of a chart with their lock and cache status")
    .alias("ls")
    .action(async (chart: string, options: CliOptions) => {
      const { settings } = createContext(io, options);
      const { listDependencies } = await import("../../action/dependency-list.ts");
      const result = await listDependencies({
        chartDir: resolve(io.cwd, chart),
        chartArg: chart,
        settings,
      });
      if (result.hasDependencies) {
        io.stderr("WARNING: chart dependencies (subcharts) are not listed by hcp yet\n");
      }
      if (result.plugins.length === 0) {
        // Helm's own line for a chart without dependencies (stdout, as Helm)
        if (!result.hasDependencies)
          io.stdout(`WARNING: no dependencies at ${join(chart, "charts")}\n`);
        return 0;
      }
      const rows = [
        ["NAME", "TYPE", "VERSION", "REPOSITORY", "DIGEST", "STATUS"],
        ...result.plugins.map((p) => [
          p.name,
          p.type,
          p.version,
          p.repository,
          p.digest === "" ? "-" : p.digest.slice(0, 12),
          p.status,
        ]),
      ];
      io.stdout(`${table(rows)}\n`);
      return 0;
    });
}
