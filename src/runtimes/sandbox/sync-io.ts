/**
 * Blocking frame I/O for the sandbox child. Host functions such as `http_request` are
 * synchronous calls from Wasm, so the child talks to its parent with blocking reads and
 * writes on its stdin/stdout instead of streams.
 */
import { readSync, writeSync } from "node:fs";
import {
  encodeFrame,
  type Frame,
  type FrameHeader,
  parseFrameHeader,
  readFramePrefix,
} from "./protocol.ts";

const STDIN_FD = 0;
const STDOUT_FD = 1;
const pause = new Int32Array(new SharedArrayBuffer(4));

function isAgain(err: unknown): boolean {
  return (err as { code?: unknown }).code === "EAGAIN";
}

/** Reads exactly `n` bytes; undefined on a clean EOF before the first byte. */
function readExactly(n: number): Uint8Array | undefined {
  const buf = new Uint8Array(n);
  let got = 0;
  while (got < n) {
    let r: number;
    try {
      r = readSync(STDIN_FD, buf, got, n - got, null);
    } catch (err) {
      if (!isAgain(err)) throw err;
      Atomics.wait(pause, 0, 0, 1);
      continue;
    }
    if (r === 0) {
      if (got === 0) return undefined;
      throw new Error("sandbox input ended inside a frame");
    }
    got += r;
  }
  return buf;
}

/** Reads the next frame from the parent; undefined when the parent closed the pipe. */
export function readFrameSync(): Frame | undefined {
  const prefix = readExactly(8);
  if (prefix === undefined) return undefined;
  const { headerLength, bodyLength } = readFramePrefix(prefix);
  const header = parseFrameHeader(readExactly(headerLength) ?? new Uint8Array());
  const body = bodyLength === 0 ? new Uint8Array() : (readExactly(bodyLength) ?? new Uint8Array());
  return { header, body };
}

/** Writes one frame to the parent, blocking until it is all in the pipe. */
export function writeFrameSync(header: FrameHeader, body?: Uint8Array): void {
  const bytes = encodeFrame(header, body);
  let done = 0;
  while (done < bytes.length) {
    try {
      done += writeSync(STDOUT_FD, bytes, done, bytes.length - done);
    } catch (err) {
      if (!isAgain(err)) throw err;
      Atomics.wait(pause, 0, 0, 1);
    }
  }
}
