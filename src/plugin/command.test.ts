// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are Go $VAR syntax under test
import { describe, expect, test } from "bun:test";
import { isHcpError } from "../errors.ts";
import {
  expandEnv,
  formatEnv,
  parseEnv,
  prepareCommand,
  selectPlatformCommand,
  toGoPlatform,
} from "./command.ts";
import type { PlatformCommand } from "./types.ts";

const pc = (os: string, arch: string, command: string, args: string[] = []): PlatformCommand => ({
  os,
  arch,
  command,
  args,
});
const linuxAmd64 = { os: "linux", arch: "amd64" };

describe("selectPlatformCommand() follows Helm 4's rules", () => {
  test.each([
    {
      name: "exact OS+arch wins at once",
      cmds: [pc("", "", "generic"), pc("linux", "amd64", "exact"), pc("linux", "", "os")],
      want: "exact",
    },
    {
      name: "OS-only match beats the generic entry even when listed later",
      cmds: [pc("", "", "generic"), pc("linux", "", "os")],
      want: "os",
    },
    {
      name: "arch-only entry is never chosen (rt/sel-arch-only)",
      cmds: [pc("", "amd64", "arch-only"), pc("", "", "generic")],
      want: "generic",
    },
    {
      name: "other OS is skipped",
      cmds: [pc("darwin", "", "mac"), pc("", "", "generic")],
      want: "generic",
    },
    {
      name: "comparison is case-insensitive",
      cmds: [pc("Linux", "AMD64", "upper")],
      want: "upper",
    },
    {
      name: "first generic entry wins",
      cmds: [pc("", "", "one"), pc("", "", "two")],
      want: "one",
    },
  ])("$name", ({ cmds, want }) => {
    expect(selectPlatformCommand(cmds, linuxAmd64).command).toBe(want);
  });

  test.each([
    { name: "no entries", cmds: [] },
    { name: "only other platforms", cmds: [pc("windows", "", "w"), pc("linux", "arm64", "a")] },
    { name: "chosen command empty", cmds: [pc("", "", "")] },
  ])("errors when nothing applies: $name", ({ cmds }) => {
    let caught: unknown;
    try {
      selectPlatformCommand(cmds, linuxAmd64);
    } catch (err) {
      caught = err;
    }
    expect(isHcpError(caught, "PLUGIN_NO_COMMAND")).toBe(true);
    expect((caught as Error).message).toBe("no plugin command is applicable");
  });
});

describe("expandEnv() matches Go's os.Expand", () => {
  const env = { A: "a", LONG_NAME: "long", EMPTY: "" };
  test.each([
    ["$A", "a"],
    ["${A}", "a"],
    ["x$A-y", "xa-y"],
    ["$LONG_NAME/bin", "long/bin"],
    ["$UNKNOWN", ""],
    ["$$", ""],
    ["$1", ""],
    ["${}", ""],
    ["$", "$"],
    ["a$", "a$"],
    ["$%", "$%"],
    ["${A", "A"],
    ["${*}", ""],
    ["~/x", "~/x"],
    ["$EMPTY.", "."],
  ])("%p → %p", (input, want) => {
    expect(expandEnv(input, env)).toBe(want);
  });
});

describe("prepareCommand() builds argv like Helm's PrepareCommands", () => {
  const env = { HELM_PLUGIN_DIR: "/p", X: "x" };
  test("splits on single spaces, keeping empty parts (rt/sel-split)", () => {
    expect(prepareCommand(pc("", "", "echo a  b"), { expand: true, env })).toEqual({
      program: "echo",
      args: ["a", "", "b"],
    });
  });
  test("expands program, parts and args, then appends extra args verbatim", () => {
    const cmd = pc("", "", "$HELM_PLUGIN_DIR/bin $X", ["$X", "a b"]);
    expect(prepareCommand(cmd, { expand: true, env, extraArgs: ["$X", "--flag"] })).toEqual({
      program: "/p/bin",
      args: ["x", "x", "a b", "$X", "--flag"],
    });
  });
  test("without expansion only the program is expanded (v1 hooks, getters)", () => {
    const cmd = pc("", "", "$HELM_PLUGIN_DIR/hook $X", ["$X"]);
    expect(prepareCommand(cmd, { expand: false, env })).toEqual({
      program: "/p/hook",
      args: ["$X", "$X"],
    });
  });
});

test("toGoPlatform() maps Node names to Go names", () => {
  expect(toGoPlatform("win32", "x64")).toEqual({ os: "windows", arch: "amd64" });
  expect(toGoPlatform("linux", "arm64")).toEqual({ os: "linux", arch: "arm64" });
  expect(toGoPlatform("darwin", "ia32")).toEqual({ os: "darwin", arch: "386" });
});

test("parseEnv() and formatEnv() round-trip with sorted keys", () => {
  const env = parseEnv(["B=2", "A=1=one", "C", "B=3"]);
  expect(env).toEqual({ A: "1=one", B: "3", C: "" });
  expect(formatEnv(env)).toEqual(["A=1=one", "B=3", "C="]);
});
