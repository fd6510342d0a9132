// Input, output and stdout for AssemblyScript Extism plugins. Output is UTF-8 encoded here:
// as-pdk 1.0's Host.outputString sizes by UTF-16 length and cuts non-ASCII text short.
import { Host } from "@extism/as-pdk";
import { decodeBase64, encodeBase64 } from "./base64";
import { JValue, parseJson, quote } from "./json";

@external("wasi_snapshot_preview1", "fd_write")
declare function fd_write(fd: u32, iovs: u32, iovsLength: u32, written: u32): u32;

/** The invocation input as text. */
export function inputText(): string {
  const bytes = Host.input();
  return String.UTF8.decodeUnsafe(bytes.dataStart, <usize>bytes.length);
}

/** Sets `text` as the output, UTF-8 encoded. */
export function outputText(text: string): void {
  Host.output(Uint8Array.wrap(String.UTF8.encode(text)));
}

/** Writes text to the plugin's stdout (WASI fd 1). */
export function writeStdout(text: string): void {
  const data = String.UTF8.encode(text);
  const iov = new ArrayBuffer(16);
  const at = changetype<usize>(iov);
  store<u32>(at, <u32>changetype<usize>(data));
  store<u32>(at + 4, <u32>data.byteLength);
  fd_write(1, <u32>at, 1, <u32>(at + 8));
}

/** Aborts the plugin (AssemblyScript's `abort` hook); the host sees a trap. */
export function pluginAbort(message: string | null, fileName: string | null, line: u32, column: u32): void {
  unreachable();
}

/** A render/v1 source file, decoded. */
export class SourceFile {
  constructor(
    public name: string,
    public text: string,
  ) {}
}

/** Reads `sourceFiles` of a render/v1 input into name + UTF-8 text pairs. */
export function sourceFiles(input: JValue): SourceFile[] {
  const out: SourceFile[] = [];
  const list = input.get("sourceFiles");
  if (list == null) return out;
  for (let i = 0; i < list.items.length; i++) {
    const item = list.items[i];
    const name = item.get("name");
    const data = item.get("data");
    const bytes = data == null ? new Uint8Array(0) : decodeBase64(data.str());
    out.push(new SourceFile(name == null ? "" : name.str(), String.UTF8.decodeUnsafe(bytes.dataStart, <usize>bytes.length)));
  }
  return out;
}

/** Builds a render/v1 output message. */
export class RenderOutput {
  rendered: string[] = [];
  modified: string[] = [];
  errors: string[] = [];

  /** Adds `renderedFiles[name] = text`. */
  render(name: string, text: string): void {
    this.rendered.push(quote(name) + ":" + quote(text));
  }

  /** Adds a `modifiedSourceFiles` entry. */
  modify(name: string, text: string): void {
    const data = encodeBase64(Uint8Array.wrap(String.UTF8.encode(text)));
    this.modified.push('{"name":' + quote(name) + ',"data":"' + data + '"}');
  }

  /** Adds an entry to `errors`. */
  error(message: string): void {
    this.errors.push(quote(message));
  }

  /** The JSON text (modifiedSourceFiles and errors omitted when empty, as Go's omitempty). */
  json(): string {
    let out = '{"renderedFiles":{' + this.rendered.join(",") + "}";
    if (this.modified.length > 0) out += ',"modifiedSourceFiles":[' + this.modified.join(",") + "]";
    if (this.errors.length > 0) out += ',"errors":[' + this.errors.join(",") + "]";
    return out + "}";
  }
}

/**
 * The whole of a render/v1 plugin's helm_plugin_main but its rendering: parses the input,
 * hands it, its source files and an empty output to `render`, writes the output and returns
 * the exit code. Input that is not JSON is the plugin's error "<name>: the input is not valid
 * JSON" (exit code 1).
 */
export function runRenderPlugin(
  name: string,
  render: (input: JValue, files: SourceFile[], result: RenderOutput) => void,
): i32 {
  const result = new RenderOutput();
  const input = parseJson(inputText());
  if (input == null) {
    result.error(name + ": the input is not valid JSON");
    outputText(result.json());
    return 1;
  }
  render(input, sourceFiles(input), result);
  outputText(result.json());
  return 0;
}

/** `text` with four spaces before each line and a newline after it (a YAML block scalar body). */
export function indentBlock(text: string): string {
  const lines = text.split("\n");
  let out = "";
  for (let i = 0; i < lines.length; i++) out += "    " + lines[i] + "\n";
  return out;
}
