/**
 * Helm's `--set` grammar (strvals): `a.b=c,d[0].e=f,list={x,y}`, with backslash escapes,
 * list indexes, typed scalars (int64 as bigint, bools, null), `--set-json`, `--set-file` and
 * `--set-literal` variants. Errors carry Helm's wording.
 */
import { HcpError } from "../errors.ts";

/** Largest list index `--set` accepts (Helm's MaxIndex). */
export const MAX_INDEX = 65536;
/** Deepest `a.b.c…` nesting `--set` accepts (Helm's MaxNestedNameLevel). */
export const MAX_NESTED_NAME_LEVEL = 30;

/** Converts the runes of a scalar into its value (typed, string, or a file's content). */
export type RunesValueReader = (text: string) => unknown;

type Values = Record<string, unknown>;

class Eof extends Error {
  constructor() {
    super("EOF");
  }
}
class NotList extends Error {
  constructor() {
    super("not a list");
  }
}
const EOF = new Eof();

function fail(message: string): HcpError {
  return new HcpError("STRVALS_PARSE", message);
}

/** Go's %q for a string (enough for keys: quotes, backslashes, control characters). */
function quote(s: string): string {
  return JSON.stringify(s);
}

function goTypeOf(v: unknown): string {
  if (v === null || v === undefined) return "nil";
  if (Array.isArray(v)) return "[]interface {}";
  if (typeof v === "string") return "string";
  if (typeof v === "boolean") return "bool";
  if (typeof v === "bigint") return "int64";
  if (typeof v === "number") return "float64";
  return "map[string]interface {}";
}

function conversionPanic(v: unknown, want: string): HcpError {
  return fail(
    `unable to parse key: interface conversion: interface {} is ${goTypeOf(v)}, not ${want}`,
  );
}

function isMap(v: unknown): v is Values {
  return v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof Uint8Array);
}

/** A rune scanner over a string (code points, like Go's bytes.Buffer.ReadRune). */
class Scanner {
  readonly #runes: string[];
  #pos = 0;
  constructor(text: string) {
    this.#runes = Array.from(text);
  }
  read(): string | undefined {
    const r = this.#runes[this.#pos];
    if (r !== undefined) this.#pos++;
    return r;
  }
  unread(): void {
    if (this.#pos > 0) this.#pos--;
  }
  rest(): string {
    return this.#runes.slice(this.#pos).join("");
  }
  skip(chars: number): void {
    // chars counts UTF-16 units of rest(); convert to runes.
    let n = 0;
    while (n < chars && this.#pos < this.#runes.length) {
      n += (this.#runes[this.#pos] as string).length;
      this.#pos++;
    }
  }
}

interface Until {
  readonly text: string;
  readonly last: string | undefined;
  readonly eof: boolean;
}

function runesUntil(sc: Scanner, stop: string, escapes: boolean): Until {
  let text = "";
  for (;;) {
    const r = sc.read();
    if (r === undefined) return { text, last: undefined, eof: true };
    if (stop.includes(r)) return { text, last: r, eof: false };
    if (escapes && r === "\\") {
      const next = sc.read();
      if (next === undefined) return { text, last: undefined, eof: true };
      text += next;
      continue;
    }
    text += r;
  }
}

function setKey(data: Values, key: string, value: unknown): void {
  if (key === "") return;
  data[key] = value;
}

function setIndex(list: unknown[], index: number, value: unknown): unknown[] {
  if (index < 0) throw fail(`negative ${index} index not allowed`);
  if (index > MAX_INDEX) {
    throw fail(`index of ${index} is greater than maximum supported index of ${MAX_INDEX}`);
  }
  let out = list;
  if (out.length <= index) {
    out = list.slice();
    while (out.length <= index) out.push(null);
  }
  out[index] = value;
  return out;
}

/** Go's strconv.Atoi with its error text (`strconv.Atoi: parsing "x": invalid syntax`). */
function atoi(text: string): number {
  if (!/^[+-]?\d+$/.test(text)) {
    throw fail(`error parsing index: strconv.Atoi: parsing ${quote(text)}: invalid syntax`);
  }
  const n = Number(text);
  if (!Number.isSafeInteger(n)) {
    throw fail(`error parsing index: strconv.Atoi: parsing ${quote(text)}: value out of range`);
  }
  return n;
}

/** Whitespace per Go's unicode.IsSpace. */
function isSpace(r: string): boolean {
  return /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/u.test(r);
}

/** Go's strconv.ParseInt(s, 10, 64) as a bigint, or undefined. */
function parseInt64(s: string): bigint | undefined {
  if (!/^[+-]?\d+$/.test(s)) return undefined;
  const v = BigInt(s);
  if (v > 9223372036854775807n || v < -9223372036854775808n) return undefined;
  return v;
}

/** Helm's typedVal: true/false/null (any case), "0" → 0, decimal int64 not starting with 0. */
export function typedValue(text: string, asString: boolean): unknown {
  if (asString) return text;
  const lower = text.toLowerCase();
  if (lower === "true") return true;
  if (lower === "false") return false;
  if (lower === "null") return null;
  if (text === "0") return 0n;
  if (text !== "" && text[0] !== "0") {
    const n = parseInt64(text);
    if (n !== undefined) return n;
  }
  return text;
}

/** Go's JSON decoding of one value at the start of `text`: the value and its length. */
function decodeJsonPrefix(text: string): { value: unknown; length: number } {
  // Find the end of the first JSON value by trying successively longer prefixes that end at a
  // structural boundary; JSON.parse validates each candidate.
  const start = text.length - text.trimStart().length;
  let depth = 0;
  let inString = false;
  let end = -1;
  for (let i = start; i < text.length; i++) {
    const c = text[i] as string;
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') {
        inString = false;
        if (depth === 0) {
          end = i + 1;
          break;
        }
      }
      continue;
    }
    if (c === '"') inString = true;
    else if (c === "{" || c === "[") depth++;
    else if (c === "}" || c === "]") {
      depth--;
      if (depth === 0) {
        end = i + 1;
        break;
      }
    } else if (depth === 0 && (c === "," || isSpace(c))) {
      end = i;
      break;
    }
  }
  if (end < 0) end = text.length;
  const candidate = text.slice(start, end);
  try {
    return { value: fromJsonNumbers(JSON.parse(candidate)), length: end };
  } catch {
    if (candidate.trim() === "") throw fail("unexpected EOF");
    throw fail(`invalid character '${candidate[0]}' looking for beginning of value`);
  }
}

/** JSON numbers decode as float64 (plain numbers) in Go's encoding/json: nothing to convert. */
function fromJsonNumbers(v: unknown): unknown {
  return v;
}

interface ParserOptions {
  readonly reader?: RunesValueReader;
  readonly json?: boolean;
  readonly literal?: boolean;
}

class Parser {
  readonly #sc: Scanner;
  readonly #reader: RunesValueReader;
  readonly #json: boolean;
  readonly #literal: boolean;

  constructor(text: string, options: ParserOptions) {
    this.#sc = new Scanner(text);
    this.#reader = options.reader ?? ((t) => typedValue(t, false));
    this.#json = options.json ?? false;
    this.#literal = options.literal ?? false;
  }

  parse(data: Values): void {
    for (;;) {
      try {
        this.#key(data, 0);
      } catch (err) {
        if (err instanceof Eof) return;
        throw err;
      }
    }
  }

  #until(stop: string): Until {
    return runesUntil(this.#sc, stop, !this.#literal);
  }

  #emptyVal(): boolean {
    for (;;) {
      const r = this.#sc.read();
      if (r === undefined || r === ",") return true;
      if (!isSpace(r)) {
        this.#sc.unread();
        return false;
      }
    }
  }

  #jsonVal(): unknown {
    const { value, length } = decodeJsonPrefix(this.#sc.rest());
    this.#sc.skip(length);
    return value;
  }

  #keyIndex(): number {
    const { text, eof } = this.#until("]");
    if (eof) throw EOF;
    return atoi(text);
  }

  // key := name ( "=" value | "[" index "]" item | "." key | "," )
  #key(data: Values, level: number): void {
    const stop = this.#literal ? "=[." : "=[,.";
    const { text: k, last, eof } = this.#until(stop);
    if (eof) {
      if (k.length === 0) throw EOF;
      throw fail(`key ${quote(k)} has no value`);
    }
    switch (last) {
      case "[": {
        const i = this.#indexOrFail();
        const existing = data[k];
        let list: unknown[] = [];
        if (Object.hasOwn(data, k)) {
          if (!Array.isArray(existing)) throw conversionPanic(existing, "[]interface {}");
          list = existing;
        }
        const holder = { list };
        try {
          holder.list = this.#listItem(list, i, level);
        } finally {
          setKey(data, k, holder.list);
        }
        return;
      }
      case "=":
        this.#assign(data, k);
        return;
      case ",":
        setKey(data, k, "");
        throw fail(`key ${quote(k)} has no value (cannot end with ,)`);
      default: {
        const next = level + 1;
        if (next > MAX_NESTED_NAME_LEVEL) {
          throw fail(
            `value name nested level is greater than maximum supported nested level of ${MAX_NESTED_NAME_LEVEL}`,
          );
        }
        let inner: Values = {};
        if (Object.hasOwn(data, k)) {
          const existing = data[k];
          if (!isMap(existing)) throw conversionPanic(existing, "map[string]interface {}");
          inner = existing;
        }
        let error: unknown;
        try {
          this.#key(inner, next);
        } catch (err) {
          error = err;
        }
        if (error === undefined && Object.keys(inner).length === 0) {
          throw fail(`key map ${quote(k)} has no value`);
        }
        if (Object.keys(inner).length !== 0) setKey(data, k, inner);
        if (error !== undefined) throw error;
      }
    }
  }

  #indexOrFail(): number {
    try {
      return this.#keyIndex();
    } catch (err) {
      if (err instanceof Eof) throw fail("error parsing index: EOF");
      throw err;
    }
  }

  #assign(data: Values, k: string): void {
    if (this.#literal) {
      const { text } = this.#until("");
      setKey(data, k, text);
      return;
    }
    if (this.#json) {
      if (this.#emptyVal()) {
        setKey(data, k, null);
        return;
      }
      setKey(data, k, this.#jsonVal());
      this.#emptyVal();
      return;
    }
    let list: unknown[];
    try {
      list = this.#valList();
    } catch (err) {
      if (err instanceof Eof) {
        setKey(data, k, "");
        throw err;
      }
      if (err instanceof NotList) {
        const { text } = this.#until(",");
        setKey(data, k, this.#reader(text));
        return;
      }
      throw err;
    }
    setKey(data, k, list);
  }

  // item := "=" value | "[" index "]" item | "." key
  #listItem(list: unknown[], i: number, level: number): unknown[] {
    if (i < 0) throw fail(`negative ${i} index not allowed`);
    const { text: k, last, eof } = this.#until("[.=");
    if (k.length > 0) throw fail(`unexpected data at end of array index: ${quote(k)}`);
    if (eof) throw EOF;
    if (last === "=") {
      if (this.#literal) return setIndex(list, i, this.#until("").text);
      if (this.#json) {
        if (this.#emptyVal()) return setIndex(list, i, null);
        const out = setIndex(list, i, this.#jsonVal());
        this.#emptyVal();
        return out;
      }
      try {
        return setIndex(list, i, this.#valList());
      } catch (err) {
        if (err instanceof Eof) return setIndex(list, i, "");
        if (err instanceof NotList) {
          const { text } = this.#until(",");
          return setIndex(list, i, this.#reader(text));
        }
        throw err;
      }
    }
    if (last === "[") {
      const next = this.#indexOrFail();
      let current: unknown[] = [];
      const existing = list.length > i ? list[i] : null;
      if (existing !== null && existing !== undefined) {
        if (!Array.isArray(existing)) throw conversionPanic(existing, "[]interface {}");
        current = existing;
      }
      return setIndex(list, i, this.#listItem(current, next, level));
    }
    let inner: Values = {};
    if (list.length > i) {
      const existing = list[i];
      if (isMap(existing)) inner = existing;
    }
    this.#key(inner, level);
    return setIndex(list, i, inner);
  }

  // valList := "{" value ( "," value )* "}"
  #valList(): unknown[] {
    const r = this.#sc.read();
    if (r === undefined) throw EOF;
    if (r !== "{") {
      this.#sc.unread();
      throw new NotList();
    }
    const list: unknown[] = [];
    for (;;) {
      const { text, last, eof } = this.#until(",}");
      if (eof) throw fail("list must terminate with '}'");
      if (last === "}") {
        const after = this.#sc.read();
        if (after !== undefined && after !== ",") this.#sc.unread();
        list.push(this.#reader(text));
        return list;
      }
      list.push(this.#reader(text));
    }
  }
}

/** Parses one `--set` expression into `dest` (typed scalars). */
export function parseSetInto(text: string, dest: Values): void {
  new Parser(text, {}).parse(dest);
}

/** Parses one `--set-string` expression into `dest` (every scalar a string). */
export function parseSetStringInto(text: string, dest: Values): void {
  new Parser(text, { reader: (t) => typedValue(t, true) }).parse(dest);
}

/** Parses one `--set-file` expression; `readFile` returns the content for a path. */
export function parseSetFileInto(text: string, dest: Values, readFile: RunesValueReader): void {
  new Parser(text, { reader: readFile }).parse(dest);
}

/** Parses one `--set-json` expression of the `key=JSON` form into `dest`. */
export function parseSetJsonInto(text: string, dest: Values): void {
  new Parser(text, { json: true }).parse(dest);
}

/** Parses one `--set-literal` expression: the value is everything after the first `=`. */
export function parseSetLiteralInto(text: string, dest: Values): void {
  new Parser(text, { literal: true }).parse(dest);
}

/** Parses a `--set` expression into a new map. */
export function parseSet(text: string): Values {
  const out: Values = {};
  parseSetInto(text, out);
  return out;
}
