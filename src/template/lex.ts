/**
 * The text/template lexer (Go 1.25 semantics): text and actions, custom delimiters, trim
 * markers, comments, raw strings, char constants and all Go number forms. It lexes eagerly
 * into parallel typed arrays (`Tokens`), one slot per item, so lexing allocates no object per
 * item: under a parse that keeps its trees alive, every short-lived item object costs garbage
 * collection time. A lexical error becomes the last item (as Go's itemError stops its lexer).
 */

/** Item kinds; keyword kinds sort after KEYWORD as in Go (used by Item printing). */
export enum ItemType {
  Error,
  Bool,
  Char,
  CharConstant,
  Comment,
  Complex,
  Assign,
  Declare,
  EOF,
  Field,
  Identifier,
  LeftDelim,
  LeftParen,
  Number,
  Pipe,
  RawString,
  RightDelim,
  RightParen,
  Space,
  String,
  Text,
  Variable,
  Keyword,
  Block,
  Break,
  Continue,
  Dot,
  Define,
  Else,
  End,
  If,
  Nil,
  Range,
  Template,
  With,
}

/** A lexed token: kind, source offset (UTF-16 index), text and 1-based line. */
export interface Item {
  readonly type: ItemType;
  readonly pos: number;
  readonly val: string;
  readonly line: number;
}

const KEYWORDS: Readonly<Record<string, ItemType>> = {
  ".": ItemType.Dot,
  block: ItemType.Block,
  break: ItemType.Break,
  continue: ItemType.Continue,
  define: ItemType.Define,
  else: ItemType.Else,
  end: ItemType.End,
  if: ItemType.If,
  range: ItemType.Range,
  nil: ItemType.Nil,
  template: ItemType.Template,
  with: ItemType.With,
};

/**
 * The keyword kind (or Bool for true/false) of the word input[start:end], without slicing it:
 * most identifiers are function names, and a substring per lookup is garbage.
 */
function keywordAt(input: string, start: number, end: number): ItemType | undefined {
  const n = end - start;
  if (n < 2 || n > 8) return undefined;
  for (const [word, type] of KEYWORDS_BY_LENGTH[n]!) {
    if (input.startsWith(word, start)) return type;
  }
  return undefined;
}

const KEYWORDS_BY_LENGTH: readonly (readonly [string, ItemType][])[] = (() => {
  const byLength: [string, ItemType][][] = Array.from({ length: 9 }, () => []);
  const words: [string, ItemType][] = [
    ...Object.entries(KEYWORDS),
    ["true", ItemType.Bool],
    ["false", ItemType.Bool],
  ];
  for (const [word, type] of words) if (word.length >= 2) byLength[word.length]!.push([word, type]);
  return byLength;
})();

/** Lexer options (Go's lexOptions). */
export interface LexOptions {
  readonly leftDelim?: string;
  readonly rightDelim?: string;
  readonly emitComment?: boolean;
  readonly breakOK?: boolean;
  readonly continueOK?: boolean;
}

/** Renders an item like Go's item.String (used in "unexpected …" messages). */
export function itemString(item: Item): string {
  if (item.type === ItemType.EOF) return "EOF";
  if (item.type === ItemType.Error) return item.val;
  if (item.type > ItemType.Keyword) return `<${item.val}>`;
  if ([...item.val].length > 10) return `${goQuoteShort([...item.val].slice(0, 10).join(""))}...`;
  return goQuoteShort(item.val);
}

function goQuoteShort(s: string): string {
  // strconv.Quote for the short snippets in parse errors.
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === "\\") out += "\\" + ch;
    else if (c === 10) out += "\\n";
    else if (c === 9) out += "\\t";
    else if (c === 13) out += "\\r";
    else if (c < 0x20 || c === 0x7f) out += "\\x" + c.toString(16).padStart(2, "0");
    else out += ch;
  }
  return out + '"';
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;
}

function isAlphaNumeric(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  if (ch === "_") return true;
  const c = ch.charCodeAt(0);
  if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return true;
  if (c < 0x80) return false;
  return /^[\p{L}\p{Nd}]$/u.test(ch);
}

/** Formats a rune like Go's %#U ("U+0021 '!'"). */
function runeU(ch: string): string {
  const c = ch.codePointAt(0)!;
  const hex = c.toString(16).toUpperCase().padStart(4, "0");
  const printable = c >= 0x20 && c !== 0x7f && /^[\p{L}\p{M}\p{N}\p{P}\p{S}\p{Zs}]$/u.test(ch);
  return printable ? `U+${hex} '${ch}'` : `U+${hex}`;
}

const TRIM_MARKER_LEN = 2;
/** Answers of atRightDelim: no delimiter, a delimiter, a delimiter after a trim marker. */
const NOT_AT_DELIM = 0;
const AT_DELIM = 1;
const AT_TRIM_DELIM = 2;
const LEFT_COMMENT = "/*";
const RIGHT_COMMENT = "*/";

/**
 * Lexed items as parallel arrays: item `i` has kind `type[i]` and text `input.slice(pos[i],
 * end[i])` (`tokenVal`), except an Error item, whose text is `error`. `count` items are valid.
 */
export interface Tokens {
  input: string;
  count: number;
  type: Uint8Array;
  pos: Int32Array;
  end: Int32Array;
  line: Int32Array;
  /** The message of the final Error item, if any. */
  error: string;
}

/** Lexes a template into items, ending with EOF or an Error item. */
export function lex(input: string, options: LexOptions = {}): Item[] {
  const t = lexTokens(input, options);
  const items: Item[] = [];
  for (let i = 0; i < t.count; i++) {
    items.push({ type: t.type[i]!, pos: t.pos[i]!, val: tokenVal(t, i), line: t.line[i]! });
  }
  return items;
}

/**
 * Lexes a template into parallel arrays (see Tokens), ending with EOF or an Error item. Pass
 * the result to `releaseTokens` when done with it so the next lex reuses its arrays.
 */
export function lexTokens(input: string, options: LexOptions = {}): Tokens {
  return new Lexer(input, options).run();
}

/**
 * One set of arrays kept between lexes. Fresh typed arrays per template are memory outside
 * the JS heap that the collector counts as pressure; reusing them keeps collections rarer.
 */
let spareTokens: Tokens | undefined;

/** Capacity above which released arrays are left to the collector (~1.7 MB of arrays). */
const MAX_SPARE_TOKENS = 1 << 17;

/** Hands a Tokens back for reuse; it must not be read afterwards. */
export function releaseTokens(t: Tokens): void {
  t.input = "";
  t.error = "";
  t.count = 0;
  // Keep the larger set, but not one grown for a huge template (it would stay allocated).
  if (t.type.length > MAX_SPARE_TOKENS) return;
  if (spareTokens === undefined || spareTokens.type.length < t.type.length) spareTokens = t;
}

/** The text of item `i` (Go's item.val). */
export function tokenVal(t: Tokens, i: number): string {
  const type = t.type[i];
  if (type === ItemType.Error) return t.error;
  const start = t.pos[i]!;
  const end = t.end[i]!;
  if (end - start === 1) {
    const c = t.input.charCodeAt(start);
    if (c < 0x80) return ASCII[c]!;
  }
  return t.input.slice(start, end);
}

function newTokens(input: string): Tokens {
  const spare = spareTokens;
  if (spare !== undefined) {
    spareTokens = undefined;
    spare.input = input;
    return spare;
  }
  // Most items span at least two characters; grow() handles the rest.
  const capacity = Math.max((input.length >> 1) + 8, 256);
  return {
    input,
    count: 0,
    type: new Uint8Array(capacity),
    pos: new Int32Array(capacity),
    end: new Int32Array(capacity),
    line: new Int32Array(capacity),
    error: "",
  };
}

function grow(t: Tokens): void {
  const capacity = t.type.length * 2;
  const type = new Uint8Array(capacity);
  type.set(t.type);
  const pos = new Int32Array(capacity);
  pos.set(t.pos);
  const end = new Int32Array(capacity);
  end.set(t.end);
  const line = new Int32Array(capacity);
  line.set(t.line);
  t.type = type;
  t.pos = pos;
  t.end = end;
  t.line = line;
}

function pushToken(t: Tokens, type: ItemType, pos: number, end: number, line: number): void {
  const i = t.count;
  if (i === t.type.length) grow(t);
  t.type[i] = type;
  t.pos[i] = pos;
  t.end[i] = end;
  t.line[i] = line;
  t.count = i + 1;
}

class Lexer {
  readonly #input: string;
  readonly #left: string;
  readonly #right: string;
  readonly #rightFirst: number;
  readonly #emitComment: boolean;
  readonly #breakOK: boolean;
  readonly #continueOK: boolean;
  readonly #items: Tokens;
  #pos = 0;
  #start = 0;
  #startLine = 1;
  #parenDepth = 0;
  #done = false;

  constructor(input: string, options: LexOptions) {
    this.#input = input;
    this.#items = newTokens(input);
    this.#left = options.leftDelim || "{{";
    this.#right = options.rightDelim || "}}";
    this.#rightFirst = this.#right.charCodeAt(0);
    this.#emitComment = options.emitComment ?? false;
    this.#breakOK = options.breakOK ?? true;
    this.#continueOK = options.continueOK ?? true;
  }

  run(): Tokens {
    while (!this.#done) this.#lexText();
    return this.#items;
  }

  #peekChar(): string | undefined {
    const c = this.#input.charCodeAt(this.#pos);
    if (c < 0x80) return ASCII[c];
    if (Number.isNaN(c)) return undefined;
    return String.fromCodePoint(this.#input.codePointAt(this.#pos)!);
  }

  /** Advances over identifier characters (letters, digits, underscore). */
  #scanAlphaNumeric(): void {
    const input = this.#input;
    for (;;) {
      const c = input.charCodeAt(this.#pos);
      if (c < 0x80) {
        if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95) {
          this.#pos++;
          continue;
        }
        return;
      }
      const ch = this.#peekChar();
      if (ch === undefined || !isAlphaNumeric(ch)) return;
      this.#pos += ch.length;
    }
  }

  #next(): string | undefined {
    const ch = this.#peekChar();
    if (ch === undefined) return undefined;
    this.#pos += ch.length;
    return ch;
  }

  #backup(ch: string | undefined): void {
    if (ch === undefined) return;
    this.#pos -= ch.length;
  }

  #emit(type: ItemType): void {
    const start = this.#start;
    const pos = this.#pos;
    pushToken(this.#items, type, start, pos, this.#startLine);
    // Only these items can span lines.
    if (
      type === ItemType.Text ||
      type === ItemType.Space ||
      type === ItemType.RawString ||
      type === ItemType.Comment
    ) {
      this.#startLine += countNewlines(this.#input, start, pos);
    }
    this.#start = pos;
  }

  #ignore(): void {
    this.#startLine += countNewlines(this.#input, this.#start, this.#pos);
    this.#start = this.#pos;
  }

  #errorf(message: string): void {
    this.#items.error = message;
    pushToken(this.#items, ItemType.Error, this.#start, this.#start, this.#startLine);
    this.#done = true;
  }

  #hasLeftTrimMarker(at: number): boolean {
    return this.#input[at] === "-" && isSpace(this.#input.charCodeAt(at + 1));
  }

  #hasRightTrimMarker(at: number): boolean {
    return isSpace(this.#input.charCodeAt(at)) && this.#input[at + 1] === "-";
  }

  /**
   * Reports whether the right delimiter is next (Go's atRightDelim), as one number rather than
   * Go's pair: NOT_AT_DELIM, AT_DELIM, or AT_TRIM_DELIM (" -" then the delimiter).
   */
  #atRightDelim(): number {
    const c = this.#input.charCodeAt(this.#pos);
    if (c === this.#rightFirst && this.#input.startsWith(this.#right, this.#pos)) return AT_DELIM;
    if (
      isSpace(c) &&
      this.#input.charCodeAt(this.#pos + 1) === 0x2d &&
      this.#input.startsWith(this.#right, this.#pos + TRIM_MARKER_LEN)
    ) {
      return AT_TRIM_DELIM;
    }
    return NOT_AT_DELIM;
  }

  #leftTrimLength(from: number): number {
    let i = from;
    while (i < this.#input.length && isSpace(this.#input.charCodeAt(i))) i++;
    return i - from;
  }

  /** Finds the next left delimiter: a one-character search (memchr-like) beats a pattern search. */
  #findLeftDelim(from: number): number {
    const input = this.#input;
    const left = this.#left;
    const first = left[0]!;
    let x = input.indexOf(first, from);
    while (x >= 0 && !input.startsWith(left, x)) x = input.indexOf(first, x + 1);
    return x;
  }

  // lexText scans until an opening action delimiter.
  #lexText(): void {
    const x = this.#findLeftDelim(this.#pos);
    if (x < 0) {
      this.#pos = this.#input.length;
      if (this.#pos > this.#start) this.#emit(ItemType.Text);
      this.#emit(ItemType.EOF);
      this.#done = true;
      return;
    }
    if (x > this.#pos || x > this.#start) {
      this.#pos = x;
      let trim = 0;
      if (this.#hasLeftTrimMarker(x + this.#left.length)) {
        let j = x;
        while (j > this.#start && isSpace(this.#input.charCodeAt(j - 1))) j--;
        trim = x - j;
      }
      this.#pos -= trim;
      const hasText = this.#pos > this.#start;
      if (hasText) this.#emit(ItemType.Text);
      this.#pos += trim;
      this.#ignore();
    }
    this.#lexLeftDelim();
  }

  #lexLeftDelim(): void {
    this.#pos += this.#left.length;
    const trim = this.#hasLeftTrimMarker(this.#pos);
    const after = trim ? TRIM_MARKER_LEN : 0;
    if (this.#input.startsWith(LEFT_COMMENT, this.#pos + after)) {
      this.#pos += after;
      this.#ignore();
      this.#lexComment();
      return;
    }
    this.#emit(ItemType.LeftDelim);
    this.#pos += after;
    this.#ignore();
    this.#parenDepth = 0;
    this.#lexInsideAction();
  }

  #lexComment(): void {
    this.#pos += LEFT_COMMENT.length;
    const x = this.#input.indexOf(RIGHT_COMMENT, this.#pos);
    if (x < 0) {
      this.#errorf("unclosed comment");
      return;
    }
    this.#pos = x + RIGHT_COMMENT.length;
    const at = this.#atRightDelim();
    const trim = at === AT_TRIM_DELIM;
    if (at === NOT_AT_DELIM) {
      this.#errorf("comment ends before closing delimiter");
      return;
    }
    const commentEnd = this.#pos;
    if (trim) this.#pos += TRIM_MARKER_LEN;
    this.#pos += this.#right.length;
    if (this.#emitComment) {
      pushToken(this.#items, ItemType.Comment, this.#start, commentEnd, this.#startLine);
    }
    if (trim) this.#pos += this.#leftTrimLength(this.#pos);
    this.#ignore();
  }

  #lexRightDelim(): void {
    const trim = this.#atRightDelim() === AT_TRIM_DELIM;
    if (trim) {
      this.#pos += TRIM_MARKER_LEN;
      this.#ignore();
    }
    this.#pos += this.#right.length;
    this.#emit(ItemType.RightDelim);
    if (trim) {
      this.#pos += this.#leftTrimLength(this.#pos);
      this.#ignore();
    }
  }

  // lexInsideAction scans the elements inside action delimiters.
  #lexInsideAction(): void {
    for (;;) {
      if (this.#done) return;
      if (this.#atRightDelim() !== NOT_AT_DELIM) {
        if (this.#parenDepth === 0) {
          this.#lexRightDelim();
          return;
        }
        this.#errorf("unclosed left paren");
        return;
      }
      const ch = this.#next();
      if (ch === undefined) {
        this.#errorf("unclosed action");
        return;
      }
      const c = ch.codePointAt(0)!;
      if (isSpace(c)) {
        this.#backup(ch);
        if (this.#lexSpace()) {
          this.#lexRightDelim();
          return;
        }
        continue;
      }
      switch (ch) {
        case "=":
          this.#emit(ItemType.Assign);
          continue;
        case ":":
          if (this.#next() !== "=") {
            this.#errorf("expected :=");
            return;
          }
          this.#emit(ItemType.Declare);
          continue;
        case "|":
          this.#emit(ItemType.Pipe);
          continue;
        case '"':
          this.#lexQuote();
          continue;
        case "`":
          this.#lexRawQuote();
          continue;
        case "$":
          this.#lexFieldOrVariable(ItemType.Variable);
          continue;
        case "'":
          this.#lexChar();
          continue;
        case ".": {
          // Go: '.' starts a number before a digit and also at the very end of the input.
          const n = this.#input.charCodeAt(this.#pos);
          if (this.#pos >= this.#input.length || (n >= 48 && n <= 57)) {
            this.#backup(ch);
            this.#lexNumber();
            continue;
          }
          this.#lexFieldOrVariable(ItemType.Field);
          continue;
        }
        case "(":
          this.#emit(ItemType.LeftParen);
          this.#parenDepth++;
          continue;
        case ")":
          this.#parenDepth--;
          if (this.#parenDepth < 0) {
            this.#errorf("unexpected right paren");
            return;
          }
          this.#emit(ItemType.RightParen);
          continue;
      }
      if (ch === "+" || ch === "-" || (c >= 48 && c <= 57)) {
        this.#backup(ch);
        this.#lexNumber();
        continue;
      }
      if (isAlphaNumeric(ch)) {
        this.#backup(ch);
        this.#lexIdentifier();
        continue;
      }
      if (c <= 0x7f && c >= 0x20 && c !== 0x7f) {
        this.#emit(ItemType.Char);
        continue;
      }
      this.#errorf(`unrecognized character in action: ${runeU(ch)}`);
      return;
    }
  }

  /** Scans a run of spaces; returns true when they are the trim marker before the delimiter. */
  #lexSpace(): boolean {
    const input = this.#input;
    const from = this.#pos;
    let end = from;
    while (isSpace(input.charCodeAt(end))) end++;
    this.#pos = end;
    const n = end - from;
    if (
      this.#hasRightTrimMarker(this.#pos - 1) &&
      this.#input.startsWith(this.#right, this.#pos - 1 + TRIM_MARKER_LEN)
    ) {
      this.#backup(this.#input[this.#pos - 1]);
      if (n === 1) return true;
    }
    this.#emit(ItemType.Space);
    return false;
  }

  #lexIdentifier(): void {
    this.#scanAlphaNumeric();
    if (!this.#atTerminator()) {
      this.#errorf(`bad character ${runeU(this.#peekChar() ?? "\0")}`);
      return;
    }
    const key = keywordAt(this.#input, this.#start, this.#pos);
    if (key !== undefined && key > ItemType.Keyword) {
      if (
        (key === ItemType.Break && !this.#breakOK) ||
        (key === ItemType.Continue && !this.#continueOK)
      ) {
        this.#emit(ItemType.Identifier);
      } else {
        this.#emit(key);
      }
    } else if (key === ItemType.Bool) {
      this.#emit(ItemType.Bool);
    } else {
      this.#emit(ItemType.Identifier);
    }
  }

  #lexFieldOrVariable(type: ItemType): void {
    if (this.#atTerminator()) {
      this.#emit(type === ItemType.Variable ? ItemType.Variable : ItemType.Dot);
      return;
    }
    this.#scanAlphaNumeric();
    if (!this.#atTerminator()) {
      this.#errorf(`bad character ${runeU(this.#peekChar() ?? "\0")}`);
      return;
    }
    this.#emit(type);
  }

  #atTerminator(): boolean {
    const c = this.#input.charCodeAt(this.#pos);
    switch (c) {
      case 0x20: // space
      case 0x09: // \t
      case 0x0d: // \r
      case 0x0a: // \n
      case 0x2e: // .
      case 0x2c: // ,
      case 0x7c: // |
      case 0x3a: // :
      case 0x29: // )
      case 0x28: // (
        return true;
    }
    if (Number.isNaN(c)) return true;
    return c === this.#rightFirst && this.#input.startsWith(this.#right, this.#pos);
  }

  /** Scans a quoted item up to `close`, honouring backslash escapes; ends at a newline or EOF. */
  #lexQuoted(close: string, type: ItemType, unterminated: string): void {
    for (;;) {
      let ch = this.#next();
      if (ch === "\\") {
        ch = this.#next();
        if (ch !== undefined && ch !== "\n") continue;
      }
      if (ch === undefined || ch === "\n") {
        this.#errorf(unterminated);
        return;
      }
      if (ch === close) break;
    }
    this.#emit(type);
  }

  #lexChar(): void {
    this.#lexQuoted("'", ItemType.CharConstant, "unterminated character constant");
  }

  #lexNumber(): void {
    if (!this.#scanNumber()) {
      this.#errorf(`bad number syntax: ${goQuoteShort(this.#input.slice(this.#start, this.#pos))}`);
      return;
    }
    const sign = this.#peekChar();
    if (sign === "+" || sign === "-") {
      if (!this.#scanNumber() || this.#input[this.#pos - 1] !== "i") {
        this.#errorf(
          `bad number syntax: ${goQuoteShort(this.#input.slice(this.#start, this.#pos))}`,
        );
        return;
      }
      this.#emit(ItemType.Complex);
      return;
    }
    this.#emit(ItemType.Number);
  }

  #accept(valid: string): boolean {
    const ch = this.#input[this.#pos];
    if (ch !== undefined && valid.includes(ch)) {
      this.#pos++;
      return true;
    }
    return false;
  }

  #acceptRun(valid: string): void {
    while (this.#accept(valid));
  }

  #scanNumber(): boolean {
    this.#accept("+-");
    let digits = "0123456789_";
    if (this.#accept("0")) {
      if (this.#accept("xX")) digits = "0123456789abcdefABCDEF_";
      else if (this.#accept("oO")) digits = "01234567_";
      else if (this.#accept("bB")) digits = "01_";
    }
    this.#acceptRun(digits);
    if (this.#accept(".")) this.#acceptRun(digits);
    if (digits.length === 11 && this.#accept("eE")) {
      this.#accept("+-");
      this.#acceptRun("0123456789_");
    }
    if (digits.length === 23 && this.#accept("pP")) {
      this.#accept("+-");
      this.#acceptRun("0123456789_");
    }
    this.#accept("i");
    if (isAlphaNumeric(this.#peekChar())) {
      this.#next();
      return false;
    }
    return true;
  }

  #lexQuote(): void {
    this.#lexQuoted('"', ItemType.String, "unterminated quoted string");
  }

  #lexRawQuote(): void {
    const x = this.#input.indexOf("`", this.#pos);
    if (x < 0) {
      this.#errorf("unterminated raw quoted string");
      return;
    }
    this.#pos = x + 1;
    this.#emit(ItemType.RawString);
  }
}

function countNewlines(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (s.charCodeAt(i) === 10) n++;
  return n;
}

/** One-character strings for ASCII, so the lexer's hot path allocates nothing. */
const ASCII: readonly string[] = Array.from({ length: 128 }, (_, i) => String.fromCharCode(i));
