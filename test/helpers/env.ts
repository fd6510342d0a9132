/**
 * Deterministic environments for spawned processes (bun's test harness idea): HOME and every
 * HELM_*_HOME inside one temp dir, NO_COLOR=1, TZ=UTC, a minimal PATH, nothing from the
 * developer's real config. Disposed with `await using`, which removes the temp dir.
 */
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

/** A temp home with Helm's directories and the env that points at them. */
export interface TestEnv extends AsyncDisposable {
  /** Root temp dir (everything below is removed on dispose). */
  readonly root: string;
  readonly home: string;
  readonly cacheHome: string;
  readonly configHome: string;
  readonly dataHome: string;
  /** `<dataHome>/plugins` (HELM_PLUGINS is not set unless `extra` sets it). */
  readonly pluginsDir: string;
  /** Scratch dir for the test's own files. */
  readonly work: string;
  /** The environment to pass to Bun.spawn / createCapturedIo. */
  readonly env: Record<string, string>;
}

/** Options of createTestEnv. */
export interface TestEnvOptions {
  /** Extra variables (override the defaults). */
  readonly extra?: Readonly<Record<string, string>>;
  /** Prefix of the temp dir name. */
  readonly prefix?: string;
}

/** Creates a fresh deterministic environment; `await using env = await createTestEnv()`. */
export async function createTestEnv(options: TestEnvOptions = {}): Promise<TestEnv> {
  const root = await mkdtemp(join(tmpdir(), options.prefix ?? "hcp-test-"));
  const home = join(root, "home");
  const cacheHome = join(root, "cache");
  const configHome = join(root, "config");
  const dataHome = join(root, "data");
  const pluginsDir = join(dataHome, "plugins");
  const work = join(root, "work");
  await Promise.all(
    [home, cacheHome, configHome, pluginsDir, work].map((d) => mkdir(d, { recursive: true })),
  );
  const env: Record<string, string> = {
    HOME: home,
    PATH: process.env.PATH ?? "/usr/local/bin:/usr/bin:/bin",
    NO_COLOR: "1",
    TZ: "UTC",
    LANG: "C.UTF-8",
    HELM_CACHE_HOME: cacheHome,
    HELM_CONFIG_HOME: configHome,
    HELM_DATA_HOME: dataHome,
    GNUPGHOME: join(home, ".gnupg"),
    ...options.extra,
  };
  return {
    root,
    home,
    cacheHome,
    configHome,
    dataHome,
    pluginsDir,
    work,
    env,
    async [Symbol.asyncDispose]() {
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** Repository root (for dist/hcp and fixtures). */
export const REPO_ROOT = resolve(import.meta.dir, "../..");

/** Path of the compiled binary the e2e tests spawn. */
export const HCP_BIN = join(REPO_ROOT, "dist/hcp");

/**
 * Whether dist/hcp is built. When it is not, prints a visible `SKIP <suite>: …` line, so a
 * suite gated on it (`describe.skipIf(!hasHcpBinary("plugin e2e"))`) says why it skipped.
 */
export function hasHcpBinary(suite: string): boolean {
  const built = existsSync(HCP_BIN);
  if (!built) console.warn(`SKIP ${suite}: dist/hcp is missing (run \`bun run build\`)`);
  return built;
}

/**
 * Path of the reference Helm binary (HCP_REF_HELM, else the get-helm.sh default location),
 * or undefined when it is absent: parity tests then skip with a visible message.
 */
export async function findReferenceHelm(): Promise<string | undefined> {
  const candidates = [
    process.env.HCP_REF_HELM,
    join(process.env.XDG_CACHE_HOME ?? join(process.env.HOME ?? "/", ".cache"), "hcp-ref/helm"),
  ];
  for (const candidate of candidates) {
    if (candidate && (await Bun.file(candidate).exists())) return candidate;
  }
  return undefined;
}

/**
 * Path of the reference Helm for golden generators: HCP_REF_HELM, else what
 * ../shared/tools/get-helm.sh prints (it fetches Helm when missing).
 * @throws Error when neither gives a path
 */
export async function requireReferenceHelm(): Promise<string> {
  const fromEnv = process.env.HCP_REF_HELM;
  if (fromEnv) return fromEnv;
  const script = join(REPO_ROOT, "../shared/tools/get-helm.sh");
  const proc = Bun.spawn(["bash", script], { stdout: "pipe", stderr: "inherit" });
  const [out, code] = await Promise.all([new Response(proc.stdout).text(), proc.exited]);
  const path = out.trim();
  if (code !== 0 || path === "") throw new Error("reference helm not found (set HCP_REF_HELM)");
  return path;
}

/** Runs dist/hcp in `env.work` with the test env (plus `extra` variables). */
export function runHcp(
  env: TestEnv,
  argv: readonly string[],
  extra: Readonly<Record<string, string>> = {},
): Promise<ProcessResult> {
  return runProcess([HCP_BIN, ...argv], { env: { ...env.env, ...extra }, cwd: env.work });
}

/** Result of runProcess. */
export interface ProcessResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command to completion with the given env and cwd; never throws on non-zero exit. */
export async function runProcess(
  argv: readonly string[],
  options: { env: Record<string, string>; cwd?: string; stdin?: string },
): Promise<ProcessResult> {
  const proc = Bun.spawn([...argv], {
    env: options.env,
    cwd: options.cwd ?? options.env.HOME ?? "/",
    stdin: options.stdin === undefined ? "ignore" : new TextEncoder().encode(options.stdin),
    stdout: "pipe",
    stderr: "pipe",
  });
  const [stdout, stderr, exitCode] = await Promise.all([
    new Response(proc.stdout).text(),
    new Response(proc.stderr).text(),
    proc.exited,
  ]);
  return { exitCode, stdout, stderr };
}
