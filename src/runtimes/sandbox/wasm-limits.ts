/**
 * A small WebAssembly binary reader/writer for one job: clamp every memory a module defines or
 * imports to a page limit before it is compiled. The engine enforces a module's declared
 * maximum (the JS Extism SDK enforces none of its own), so rewriting the declaration is what
 * makes `memory.maxPages` real. Pure: bytes in, bytes out.
 */

/** Wasm page size in bytes. */
export const WASM_PAGE_BYTES = 65_536;

const MAGIC = [0x00, 0x61, 0x73, 0x6d];
const SECTION_IMPORT = 2;
const SECTION_MEMORY = 5;
const IMPORT_KIND_FUNC = 0;
const IMPORT_KIND_TABLE = 1;
const IMPORT_KIND_MEMORY = 2;
const IMPORT_KIND_GLOBAL = 3;
const IMPORT_KIND_TAG = 4;

/** Why a module cannot be clamped: not Wasm, malformed, or needing more than the limit. */
export class WasmLimitError extends Error {
  override readonly name = "WasmLimitError";
}

/** A memory declaration as read from the module (pages). */
export interface MemoryLimits {
  readonly min: number;
  readonly max: number | undefined;
  readonly shared: boolean;
  readonly memory64: boolean;
}

/** Result of clampMemoryLimits: the rewritten bytes and what was found. */
export interface ClampResult {
  readonly bytes: Uint8Array;
  readonly memories: readonly MemoryLimits[];
}

class Reader {
  pos: number;
  constructor(
    readonly bytes: Uint8Array,
    start = 0,
    readonly end = bytes.length,
  ) {
    this.pos = start;
  }

  byte(): number {
    if (this.pos >= this.end) throw new WasmLimitError("unexpected end of module");
    return this.bytes[this.pos++] as number;
  }

  /** LEB128 unsigned, up to 64 bits, returned as a number (exact up to 2^53). */
  u(): number {
    let result = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      const b = this.byte();
      result += (b & 0x7f) * scale;
      if ((b & 0x80) === 0) return result;
      scale *= 128;
    }
    throw new WasmLimitError("malformed LEB128 integer");
  }

  skip(n: number): void {
    if (n < 0 || this.pos + n > this.end) throw new WasmLimitError("unexpected end of module");
    this.pos += n;
  }

  name(): void {
    this.skip(this.u());
  }
}

/** Encodes an unsigned LEB128 integer. */
export function encodeU(value: number): number[] {
  const out: number[] = [];
  let v = value;
  do {
    let b = v % 128;
    v = Math.floor(v / 128);
    if (v > 0) b |= 0x80;
    out.push(b);
  } while (v > 0);
  return out;
}

/** limits ::= flags:byte min:u (max:u)? — flags bit0 = has max, bit1 = shared, bit2 = 64-bit. */
function readLimits(r: Reader): MemoryLimits {
  const flags = r.byte();
  if (flags > 0x07) throw new WasmLimitError(`unknown memory limits flags 0x${flags.toString(16)}`);
  const min = r.u();
  const max = flags & 1 ? r.u() : undefined;
  return { min, max, shared: (flags & 2) !== 0, memory64: (flags & 4) !== 0 };
}

/** Appends bytes to `out` one by one (spreading a typed array is slow in cold code). */
function append(out: number[], bytes: ArrayLike<number>): void {
  for (let i = 0; i < bytes.length; i++) out.push(bytes[i] as number);
}

function clampOne(limits: MemoryLimits, maxPages: number): number[] {
  if (limits.min > maxPages) {
    throw new WasmLimitError(
      `module needs ${limits.min} pages of memory at start, over the limit of ${maxPages} pages`,
    );
  }
  const max = limits.max === undefined ? maxPages : Math.min(limits.max, maxPages);
  const flags = 1 | (limits.shared ? 2 : 0) | (limits.memory64 ? 4 : 0);
  const out = [flags];
  append(out, encodeU(limits.min));
  append(out, encodeU(max));
  return out;
}

/** import ::= module:name field:name desc — rewrites memory descs, copies the rest. */
function rewriteImports(payload: Reader, maxPages: number, found: MemoryLimits[]): number[] {
  const out: number[] = [];
  const count = payload.u();
  append(out, encodeU(count));
  for (let i = 0; i < count; i++) {
    const start = payload.pos;
    payload.name();
    payload.name();
    const kind = payload.byte();
    if (kind === IMPORT_KIND_MEMORY) {
      append(out, payload.bytes.subarray(start, payload.pos));
      const limits = readLimits(payload);
      found.push(limits);
      append(out, clampOne(limits, maxPages));
      continue;
    }
    if (kind === IMPORT_KIND_FUNC) payload.u();
    else if (kind === IMPORT_KIND_TABLE) {
      payload.byte();
      readLimits(payload);
    } else if (kind === IMPORT_KIND_GLOBAL) {
      payload.byte();
      payload.byte();
    } else if (kind === IMPORT_KIND_TAG) {
      payload.byte();
      payload.u();
    } else throw new WasmLimitError(`unknown import kind ${kind}`);
    append(out, payload.bytes.subarray(start, payload.pos));
  }
  if (payload.pos !== payload.end) throw new WasmLimitError("trailing bytes in import section");
  return out;
}

/** memsec ::= vec(limits) */
function rewriteMemories(payload: Reader, maxPages: number, found: MemoryLimits[]): number[] {
  const count = payload.u();
  const out = encodeU(count);
  for (let i = 0; i < count; i++) {
    const limits = readLimits(payload);
    found.push(limits);
    append(out, clampOne(limits, maxPages));
  }
  if (payload.pos !== payload.end) throw new WasmLimitError("trailing bytes in memory section");
  return out;
}

/**
 * Rewrites every memory the module defines or imports so that its maximum is at most
 * `maxPages` (a missing maximum becomes `maxPages`). Other sections are copied byte for byte.
 * @throws WasmLimitError when the bytes are not a Wasm module, are malformed, or a memory's
 * initial size is already above the limit.
 */
export function clampMemoryLimits(wasm: Uint8Array, maxPages: number): ClampResult {
  if (
    wasm.length < 8 ||
    wasm[0] !== MAGIC[0] ||
    wasm[1] !== MAGIC[1] ||
    wasm[2] !== MAGIC[2] ||
    wasm[3] !== MAGIC[3]
  ) {
    throw new WasmLimitError("not a WebAssembly module (bad magic number)");
  }
  if (wasm[4] !== 1 || wasm[5] !== 0 || wasm[6] !== 0 || wasm[7] !== 0) {
    throw new WasmLimitError("unsupported WebAssembly binary version");
  }
  const chunks: Uint8Array[] = [wasm.subarray(0, 8)];
  const found: MemoryLimits[] = [];
  const r = new Reader(wasm, 8);
  while (r.pos < r.end) {
    const sectionStart = r.pos;
    const id = r.byte();
    const size = r.u();
    const payloadStart = r.pos;
    r.skip(size);
    if (id !== SECTION_IMPORT && id !== SECTION_MEMORY) {
      chunks.push(wasm.subarray(sectionStart, r.pos));
      continue;
    }
    const payload = new Reader(wasm, payloadStart, payloadStart + size);
    const body =
      id === SECTION_IMPORT
        ? rewriteImports(payload, maxPages, found)
        : rewriteMemories(payload, maxPages, found);
    const section = [id];
    append(section, encodeU(body.length));
    append(section, body);
    chunks.push(Uint8Array.from(section));
  }
  const total = chunks.reduce((n, c) => n + c.length, 0);
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  return { bytes, memories: found };
}
