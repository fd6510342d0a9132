/**
 * The parent's side of a guest's standard streams: relaying its stdout/stderr where the caller
 * wants them (hcp's own streams for CLI plugins, a callback, or the debug log), escaping
 * control characters in anything logged, and feeding it hcp's stdin only as it reads.
 */
import type { Logger } from "../../log.ts";
import type { PluginOutputStream } from "../../plugin/index.ts";

/** Longest piece of guest stdout/stderr copied into one debug line. */
const MAX_DEBUG_TEXT = 4096;

/** A stream someone reads as it comes (hcp's own, or a callback), not one only logged. */
export function isLive(target: PluginOutputStream | undefined): boolean {
  return target === "inherit" || typeof target === "function";
}

/** Sends guest bytes to `target`; waits until hcp's own stream has taken them. */
export async function relay(
  target: PluginOutputStream | undefined,
  bytes: Uint8Array,
  stream: "stdout" | "stderr",
  log: Logger,
  name: string,
): Promise<void> {
  if (bytes.length === 0) return;
  if (typeof target === "function") target(bytes);
  else if (target === "inherit") {
    // CLI plugins: the guest's stdout is the command's result, relayed on purpose. Wait for
    // the write to be flushed: hcp may exit right after the plugin returns.
    const out = stream === "stdout" ? process.stdout : process.stderr;
    await new Promise<void>((resolve, reject) => {
      out.write(bytes, (err) => (err ? reject(err) : resolve()));
    });
  } else if (log.debugEnabled) {
    const text = new TextDecoder().decode(bytes.subarray(0, MAX_DEBUG_TEXT));
    log.debug(`plugin ${stream}`, { plugin: name, bytes: bytes.length, text: escapeControl(text) });
  }
}

/** Escapes control characters so guest text cannot drive the terminal. */
export function escapeControl(text: string): string {
  return text.replace(
    /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

let stdinReader: { read(): Promise<{ done: boolean; value?: Uint8Array | undefined }> } | undefined;
let stdinLeft: Uint8Array = new Uint8Array();

/**
 * Up to `max` bytes of hcp's own stdin, read only when a guest asks (as Helm hands the guest
 * its stdin): a plugin that never reads stdin never blocks hcp on it.
 */
export async function readProcessStdin(max: number): Promise<Uint8Array | undefined> {
  if (stdinLeft.length === 0) {
    stdinReader ??= Bun.stdin.stream().getReader();
    const { done, value } = await stdinReader.read();
    if (done || value === undefined) return undefined;
    stdinLeft = value;
  }
  const out = stdinLeft.slice(0, max);
  stdinLeft = stdinLeft.subarray(out.length);
  return out;
}
