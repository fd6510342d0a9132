/**
 * Helm 4's PrepareCommands, pure: pick the platformCommand entry for this OS/arch, split the
 * command on single spaces, expand $VARs with Go's os.Expand rules, append args and extra
 * args. Also the env helpers (ParseEnv/FormatEnv) and the Go names of the host platform.
 */
import { HcpError } from "../errors.ts";
import type { PlatformCommand } from "./types.ts";

/** An OS/arch pair in Go's names (`linux`/`amd64`). */
export interface GoPlatform {
  readonly os: string;
  readonly arch: string;
}

const GO_OS: Readonly<Record<string, string>> = { win32: "windows", sunos: "solaris" };
const GO_ARCH: Readonly<Record<string, string>> = {
  x64: "amd64",
  ia32: "386",
  x32: "386",
  ppc64: "ppc64le",
  mipsel: "mipsle",
};

/** Maps Node/Bun's `process.platform`/`process.arch` to Go's GOOS/GOARCH names. */
export function toGoPlatform(platform: string, arch: string): GoPlatform {
  return { os: GO_OS[platform] ?? platform, arch: GO_ARCH[arch] ?? arch };
}

/**
 * Chooses the entry to run (Helm 4's rules): OS and arch both match → that entry at once;
 * entries with any other non-empty arch are skipped (so an arch-only entry never wins);
 * then the first OS-only match beats the first entry with neither OS nor arch.
 * @throws HcpError PLUGIN_NO_COMMAND when nothing applies or the chosen command is empty
 */
export function selectPlatformCommand(
  commands: readonly PlatformCommand[],
  platform: GoPlatform,
): PlatformCommand {
  const os = platform.os.toLowerCase();
  const arch = platform.arch.toLowerCase();
  let osMatch: PlatformCommand | undefined;
  let generic: PlatformCommand | undefined;
  for (const entry of commands) {
    const entryOs = entry.os.toLowerCase();
    const entryArch = entry.arch.toLowerCase();
    if (entryOs === os && entryArch === arch) return checked(entry);
    if (entryArch !== "") continue;
    if (entryOs !== "" && entryOs !== os) continue;
    if (entryOs === os) osMatch ??= entry;
    else generic ??= entry;
  }
  const chosen = osMatch ?? generic;
  if (chosen === undefined) throw noCommand();
  return checked(chosen);
}

function checked(entry: PlatformCommand): PlatformCommand {
  if (entry.command === "") throw noCommand();
  return entry;
}

function noCommand(): HcpError {
  return new HcpError("PLUGIN_NO_COMMAND", "no plugin command is applicable", {
    hint: "add a platformCommand entry for this OS/arch (or one without os and arch)",
  });
}

function isShellSpecial(c: string): boolean {
  return "*#$@!?-".includes(c) || (c >= "0" && c <= "9");
}

function isAlphaNum(c: string): boolean {
  return c === "_" || (c >= "0" && c <= "9") || (c >= "a" && c <= "z") || (c >= "A" && c <= "Z");
}

/** Go's getShellName: the variable name after `$` and how many characters it spans. */
function shellName(s: string): [name: string, width: number] {
  if (s[0] === "{") {
    if (s.length > 2 && isShellSpecial(s[1] ?? "") && s[2] === "}") return [s.slice(1, 2), 3];
    for (let i = 1; i < s.length; i++) {
      if (s[i] === "}") return i === 1 ? ["", 2] : [s.slice(1, i), i + 1];
    }
    return ["", 1];
  }
  if (isShellSpecial(s[0] ?? "")) return [s.slice(0, 1), 1];
  let i = 0;
  while (i < s.length && isAlphaNum(s[i] ?? "")) i++;
  return [s.slice(0, i), i];
}

/** Expands `$NAME` and `${NAME}` from `env` exactly as Go's os.Expand (unknown → ""). */
export function expandEnv(text: string, env: Readonly<Record<string, string>>): string {
  let out = "";
  let start = 0;
  for (let j = 0; j < text.length; j++) {
    if (text[j] !== "$" || j + 1 >= text.length) continue;
    out += text.slice(start, j);
    const [name, width] = shellName(text.slice(j + 1));
    if (name === "" && width > 0) {
      // bad syntax: the characters are eaten
    } else if (name === "") out += "$";
    else out += Object.hasOwn(env, name) ? env[name] : "";
    j += width;
    start = j + 1;
  }
  return out + text.slice(start);
}

/** A program and its arguments, ready to exec without a shell. */
export interface PreparedCommand {
  readonly program: string;
  readonly args: readonly string[];
}

/** Options of prepareCommand. */
export interface PrepareCommandOptions {
  /** Expand $VARs in the arguments (the program is always expanded). */
  readonly expand: boolean;
  readonly extraArgs?: readonly string[];
  readonly env: Readonly<Record<string, string>>;
}

/**
 * Builds argv from a chosen entry (Helm's PrepareCommands): split `command` on every single
 * space (empty parts kept), expand the program, expand parts and `args` only when `expand`,
 * then append the extra args verbatim.
 * @throws HcpError PLUGIN_NO_COMMAND when the command is empty
 */
export function prepareCommand(
  entry: PlatformCommand,
  options: PrepareCommandOptions,
): PreparedCommand {
  const parts = entry.command.split(" ");
  const [first, ...rest] = parts;
  if (first === undefined || entry.command === "") throw noCommand();
  const maybe = (s: string) => (options.expand ? expandEnv(s, options.env) : s);
  return {
    program: expandEnv(first, options.env),
    args: [...rest.map(maybe), ...entry.args.map(maybe), ...(options.extraArgs ?? [])],
  };
}

/** Helm's ParseEnv: `KEY=VALUE` lines → map (a line without `=` maps to ""; last wins). */
export function parseEnv(lines: readonly string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of lines) {
    const eq = line.indexOf("=");
    if (eq < 0) env[line] = "";
    else env[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return env;
}

/** Helm's FormatEnv: map → `KEY=VALUE` lines sorted by key. */
export function formatEnv(env: Readonly<Record<string, string>>): string[] {
  return Object.keys(env)
    .sort()
    .map((key) => `${key}=${env[key]}`);
}
