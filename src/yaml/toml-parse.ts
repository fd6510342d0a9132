/**
 * Helm's fromToml: TOML v1 decoded as BurntSushi/toml decodes into map[string]interface{}
 * (integers int64, floats float64, datetimes kept as their text in RFC 3339 form), with the
 * error under "Error" when the document is invalid. Error texts follow BurntSushi's shape
 * ("toml: line N (last key "k"): …") for the common cases.
 */

/** A TOML syntax or semantic error. */
export class TomlParseError extends Error {
  override readonly name = "TomlParseError";
}

type Table = Record<string, unknown>;

function define(t: Table, k: string, v: unknown): void {
  Object.defineProperty(t, k, { value: v, enumerable: true, writable: true, configurable: true });
}

function goRune(ch: string | undefined): string {
  if (ch === undefined) return "'\\x00'";
  const named: Record<string, string> = {
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "'": "\\'",
    "\\": "\\\\",
  };
  return `'${named[ch] ?? ch}'`;
}

const BARE = /[A-Za-z0-9_-]/;
const DATETIME =
  /^\d{4}-\d{2}-\d{2}(?:[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}:\d{2})?)?|^\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?/;

class TomlParser {
  readonly #s: string;
  #i = 0;
  #lastKey = "";
  readonly root: Table = {};
  #current: Table = this.root;
  readonly #implicit = new WeakSet<Table>();
  readonly #defined = new WeakSet<Table>();
  readonly #inline = new WeakSet<object>();

  constructor(s: string) {
    this.#s = s;
  }

  #line(): number {
    let n = 1;
    for (let j = 0; j < this.#i && j < this.#s.length; j++) if (this.#s[j] === "\n") n++;
    return n;
  }
  #fail(msg: string): never {
    const key = this.#lastKey ? ` (last key ${JSON.stringify(this.#lastKey)})` : "";
    throw new TomlParseError(`toml: line ${this.#line()}${key}: ${msg}`);
  }
  #peek(o = 0): string | undefined {
    return this.#s[this.#i + o];
  }
  #ws(): void {
    while (this.#peek() === " " || this.#peek() === "\t") this.#i++;
  }
  #comment(): void {
    if (this.#peek() === "#") while (this.#i < this.#s.length && this.#peek() !== "\n") this.#i++;
  }
  #eol(): void {
    this.#ws();
    this.#comment();
    if (this.#i >= this.#s.length) return;
    if (this.#peek() === "\r" && this.#peek(1) === "\n") this.#i++;
    if (this.#peek() !== "\n")
      this.#fail(
        `expected a top-level item to end with a newline, comment, or EOF, but got ${goRune(this.#peek())} instead`,
      );
    this.#i++;
  }

  parse(): Table {
    while (this.#i < this.#s.length) {
      this.#ws();
      const c = this.#peek();
      if (c === "\n" || c === "\r" || c === "#") {
        this.#eol();
        continue;
      }
      if (c === undefined) break;
      if (c === "[") this.#header();
      else this.#keyValue(this.#current);
      this.#eol();
    }
    return this.root;
  }

  #key(): string[] {
    const parts: string[] = [];
    for (;;) {
      this.#ws();
      const c = this.#peek();
      if (c === '"') parts.push(this.#basicString());
      else if (c === "'") parts.push(this.#literalString());
      else {
        const start = this.#i;
        while (this.#peek() !== undefined && BARE.test(this.#peek() as string)) this.#i++;
        if (start === this.#i) this.#fail(`expected key but found ${goRune(c)} instead`);
        parts.push(this.#s.slice(start, this.#i));
      }
      this.#ws();
      if (this.#peek() !== ".") return parts;
      this.#i++;
    }
  }

  #descend(t: Table, k: string, implicit: boolean): Table {
    const existing = t[k];
    if (existing === undefined) {
      const nt: Table = {};
      define(t, k, nt);
      if (implicit) this.#implicit.add(nt);
      return nt;
    }
    if (Array.isArray(existing) && !this.#inline.has(existing))
      return existing[existing.length - 1] as Table;
    if (
      existing !== null &&
      typeof existing === "object" &&
      !Array.isArray(existing) &&
      !this.#inline.has(existing)
    )
      return existing as Table;
    return this.#fail(`Key '${k}' has already been defined.`);
  }

  #header(): void {
    const array = this.#peek(1) === "[";
    this.#i += array ? 2 : 1;
    const path = this.#key();
    if (this.#peek() !== "]") {
      const got = goRune(this.#peek());
      if (this.#peek() === "\n") this.#i++;
      this.#fail(`expected '.' or ']' to end table name, but got ${got} instead`);
    }
    this.#lastKey = path.join(".");
    this.#i++;
    if (array) {
      if (this.#peek() !== "]")
        this.#fail(
          `expected ']]' to end array table name, but got ${goRune(this.#peek())} instead`,
        );
      this.#i++;
    }
    let t = this.root;
    for (const k of path.slice(0, -1)) t = this.#descend(t, k, true);
    const last = path[path.length - 1] as string;
    if (array) {
      let arr = t[last];
      if (arr === undefined) {
        arr = [];
        define(t, last, arr);
      } else if (!Array.isArray(arr) || this.#inline.has(arr))
        this.#fail(`Key '${this.#lastKey}' has already been defined.`);
      const nt: Table = {};
      (arr as Table[]).push(nt);
      this.#current = nt;
      return;
    }
    const existing = t[last];
    if (existing === undefined) {
      const nt: Table = {};
      define(t, last, nt);
      this.#defined.add(nt);
      this.#current = nt;
      return;
    }
    if (
      typeof existing === "object" &&
      existing !== null &&
      !Array.isArray(existing) &&
      this.#implicit.has(existing as Table) &&
      !this.#defined.has(existing as Table)
    ) {
      this.#defined.add(existing as Table);
      this.#current = existing as Table;
      return;
    }
    this.#fail(`Key '${this.#lastKey}' has already been defined.`);
  }

  #keyValue(t: Table): void {
    const path = this.#key();
    this.#lastKey = path.join(".");
    if (this.#peek() !== "=")
      this.#fail(`expected key separator '=', but got ${goRune(this.#peek())} instead`);
    this.#i++;
    this.#ws();
    let target = t;
    for (const k of path.slice(0, -1)) target = this.#descend(target, k, true);
    const last = path[path.length - 1] as string;
    if (Object.hasOwn(target, last)) this.#fail(`Key '${this.#lastKey}' has already been defined.`);
    define(target, last, this.#value());
  }

  #value(): unknown {
    const c = this.#peek();
    if (c === '"')
      return this.#peek(1) === '"' && this.#peek(2) === '"'
        ? this.#multiBasic()
        : this.#basicString();
    if (c === "'")
      return this.#peek(1) === "'" && this.#peek(2) === "'"
        ? this.#multiLiteral()
        : this.#literalString();
    if (c === "[") return this.#array();
    if (c === "{") return this.#inlineTable();
    const rest = this.#s.slice(this.#i);
    const dt = DATETIME.exec(rest);
    if (dt && /^\d{4}-|^\d{2}:/.test(rest)) {
      this.#i += dt[0].length;
      return dt[0].replace(" ", "T").replace("t", "T").replace("z", "Z");
    }
    const word = /^[A-Za-z0-9_+.-]+/.exec(rest)?.[0];
    if (word === undefined) this.#fail(`expected value but found ${goRune(c)} instead`);
    this.#i += word.length;
    if (word === "true") return true;
    if (word === "false") return false;
    if (/^[+-]?inf$/.test(word)) return word.startsWith("-") ? -Infinity : Infinity;
    if (/^[+-]?nan$/.test(word)) return Number.NaN;
    if (/^0x[0-9A-Fa-f](?:_?[0-9A-Fa-f])*$/.test(word)) return BigInt(word.replaceAll("_", ""));
    if (/^0o[0-7](?:_?[0-7])*$/.test(word)) return BigInt(word.replaceAll("_", ""));
    if (/^0b[01](?:_?[01])*$/.test(word)) return BigInt(word.replaceAll("_", ""));
    if (/^[+-]?(?:0|[1-9](?:_?\d)*)$/.test(word)) {
      const v = BigInt(word.replaceAll("_", ""));
      if (v > 2n ** 63n - 1n || v < -(2n ** 63n))
        this.#fail(`Integer '${word}' is out of the range of 64-bit signed integers.`);
      return v;
    }
    if (/^[+-]?(?:0|[1-9](?:_?\d)*)(?:\.\d(?:_?\d)*)?(?:[eE][+-]?\d(?:_?\d)*)?$/.test(word))
      return Number(word.replaceAll("_", ""));
    return this.#fail(`expected value but found ${goRune(word[0])} instead`);
  }

  #escape(): string {
    const e = this.#peek();
    this.#i++;
    const simple: Record<string, string> = {
      b: "\b",
      t: "\t",
      n: "\n",
      f: "\f",
      r: "\r",
      '"': '"',
      "\\": "\\",
      e: "\u001b",
    };
    if (e !== undefined && simple[e] !== undefined) return simple[e];
    if (e === "u" || e === "U") {
      const n = e === "u" ? 4 : 8;
      const hex = this.#s.slice(this.#i, this.#i + n);
      if (!/^[0-9A-Fa-f]+$/.test(hex) || hex.length !== n)
        this.#fail(`invalid escape: '\\${e}${hex}'`);
      this.#i += n;
      return String.fromCodePoint(Number.parseInt(hex, 16));
    }
    return this.#fail(
      `invalid escape character ${goRune(e)}; only the following escape characters are allowed: \\b, \\t, \\n, \\f, \\r, \\", \\\\, \\uXXXX, and \\UXXXXXXXX`,
    );
  }

  #basicString(): string {
    this.#i++;
    let out = "";
    for (;;) {
      const c = this.#peek();
      if (c === undefined || c === "\n") this.#fail(`unexpected EOF; expected '"'`);
      this.#i++;
      if (c === '"') return out;
      out += c === "\\" ? this.#escape() : c;
    }
  }

  #multiBasic(): string {
    this.#i += 3;
    if (this.#peek() === "\n") this.#i++;
    else if (this.#peek() === "\r" && this.#peek(1) === "\n") this.#i += 2;
    let out = "";
    for (;;) {
      const c = this.#peek();
      if (c === undefined) this.#fail(`unexpected EOF; expected '"""'`);
      if (c === '"' && this.#peek(1) === '"' && this.#peek(2) === '"') {
        this.#i += 3;
        while (this.#peek() === '"') {
          out += '"';
          this.#i++;
        }
        return out;
      }
      this.#i++;
      if (c === "\\") {
        if (/^[ \t]*\r?\n/.test(this.#s.slice(this.#i))) {
          while (/[ \t\r\n]/.test(this.#peek() ?? "x")) this.#i++;
          continue;
        }
        out += this.#escape();
      } else out += c;
    }
  }

  #literalString(): string {
    this.#i++;
    const end = this.#s.indexOf("'", this.#i);
    const nl = this.#s.indexOf("\n", this.#i);
    if (end === -1 || (nl !== -1 && nl < end)) this.#fail(`unexpected EOF; expected "'"`);
    const v = this.#s.slice(this.#i, end);
    this.#i = end + 1;
    return v;
  }

  #multiLiteral(): string {
    this.#i += 3;
    if (this.#peek() === "\n") this.#i++;
    const end = this.#s.indexOf("'''", this.#i);
    if (end === -1) this.#fail(`unexpected EOF; expected "'''"`);
    let stop = end;
    while (this.#s[stop + 3] === "'") stop++;
    const v = this.#s.slice(this.#i, stop);
    this.#i = stop + 3;
    return v;
  }

  #skipArrayWs(): void {
    for (;;) {
      this.#ws();
      this.#comment();
      const c = this.#peek();
      if (c === "\n" || c === "\r") this.#i++;
      else return;
    }
  }

  #array(): unknown[] {
    this.#i++;
    const arr: unknown[] = [];
    for (;;) {
      this.#skipArrayWs();
      if (this.#peek() === "]") {
        this.#i++;
        this.#inline.add(arr);
        return arr;
      }
      arr.push(this.#value());
      this.#skipArrayWs();
      if (this.#peek() === ",") this.#i++;
      else if (this.#peek() !== "]")
        this.#fail(
          `expected a comma (',') or array terminator (']'), but got ${goRune(this.#peek())}`,
        );
    }
  }

  #inlineTable(): Table {
    this.#i++;
    const t: Table = {};
    this.#ws();
    if (this.#peek() === "}") {
      this.#i++;
      this.#inline.add(t);
      return t;
    }
    for (;;) {
      this.#ws();
      this.#keyValue(t);
      this.#ws();
      const c = this.#peek();
      this.#i++;
      if (c === "}") {
        this.#inline.add(t);
        return t;
      }
      if (c !== ",")
        this.#fail(
          `expected a comma or an inline table terminator '}', but got ${goRune(c)} instead`,
        );
    }
  }
}

/**
 * Decodes a TOML document into the Go value model.
 * @throws TomlParseError with BurntSushi-style wording.
 */
export function decodeToml(text: string): Record<string, unknown> {
  return new TomlParser(text).parse();
}

/** Helm's fromToml: a map, or a map holding the error under "Error". */
export function fromToml(text: string): Record<string, unknown> {
  try {
    return decodeToml(text);
  } catch (err) {
    if (err instanceof TomlParseError) return { Error: err.message };
    throw err;
  }
}
