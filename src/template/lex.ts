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

/** Formats a rune like Go's %#U ("U+0021 '!'"). */
function runeU(ch: string): string {
  const c = ch.codePointAt(0)!;
  const hex = c.toString(16).toUpperCase().padStart(4, "0");
  const printable = c >= 0x20 && c !== 0x7f && /^[\p{L}\p{M}\p{N}\p{P}\p{S}\p{Zs}]$/u.test(ch);
  return printable ? `U+${hex} '${ch}'` : `U+${hex}`;
}

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
  return lexInto(newTokens(input), input, {
    left: options.leftDelim || "{{",
    right: options.rightDelim || "}}",
    emitComment: options.emitComment ?? false,
    breakOK: options.breakOK ?? true,
    continueOK: options.continueOK ?? true,
  });
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

/** The lexer's settings, resolved from LexOptions. */
interface LexSettings {
  readonly left: string;
  readonly right: string;
  readonly emitComment: boolean;
  readonly breakOK: boolean;
  readonly continueOK: boolean;
}

// Sticky patterns for the rarer runs, used with test() + lastIndex (no match array is made).
// The common runs (ASCII words, spaces, strings without escapes) are scanned by hand or by
// indexOf: cold, a test() call costs as much as a short hand loop and more until it warms up.
/** Identifier characters (Go's isAlphaNumeric: '_', Unicode letters and decimal digits). */
const WORD = /[\p{L}\p{Nd}_]*/uy;
/** A quoted string after its opening quote: escapes, no newline, up to the closing quote. */
const STRING_REST = /[^"\\\n]*(?:\\[^\n][^"\\\n]*)*"/y;
/** A char constant after its opening quote, as STRING_REST. */
const CHAR_REST = /[^'\\\n]*(?:\\[^\n][^'\\\n]*)*'/y;

/** 1 for the ASCII characters that end a word (Go's atTerminator, less EOF and the delimiter). */
const TERMINATOR: Uint8Array = (() => {
  const table = new Uint8Array(128);
  for (const ch of " \t\r\n.,|:)(") table[ch.charCodeAt(0)] = 1;
  return table;
})();

/**
 * Lexes `input` into `t`: Go's state machine (lexText → lexLeftDelim → lexInsideAction →
 * lexRightDelim, with lexComment and the item functions) as one function with its state in
 * locals, a switch on char codes and items written straight into the arrays. The lexer mostly
 * runs cold (each template is lexed once), where every call and field access costs; the rare
 * paths (numbers, keywords, errors) are calls.
 *
 * Lines: an item's line is 1 + the newlines before it, less those inside action delimiters (Go
 * does not count them; only custom delimiters can hold one). `nl` is the first newline not yet
 * counted: each newline is found once by indexOf, and an item on the same line costs one test.
 */
function lexInto(t: Tokens, input: string, s: LexSettings): Tokens {
  const left = s.left;
  const right = s.right;
  const leftHead = left[0]!;
  const leftLen = left.length;
  const leftNewlines = left.split("\n").length - 1;
  const rightFirst = right.charCodeAt(0);
  const rightLen = right.length;
  const rightNewlines = right.split("\n").length - 1;
  const len = input.length;
  let types = t.type;
  let poss = t.pos;
  let ends = t.end;
  let lines = t.line;
  let n = 0;
  let pos = 0;
  let start = 0;
  let line = 1;
  let nl = input.indexOf("\n");
  if (nl < 0) nl = len;
  // The first backslash after the current string's start, to take the fast path for strings.
  let backslash = -1;
  let error: string | undefined;

  main: for (;;) {
    // Room for Text, LeftDelim (or Comment) and the last item.
    if (n + 3 > types.length) {
      grow(t);
      types = t.type;
      poss = t.pos;
      ends = t.end;
      lines = t.line;
    }
    // lexText: a one-character search (memchr-like) beats a search for the delimiter.
    let x = input.indexOf(leftHead, pos);
    while (x >= 0 && !input.startsWith(left, x)) x = input.indexOf(leftHead, x + 1);
    let textEnd = x < 0 ? len : x;
    if (x > start && input.charCodeAt(x + leftLen) === 0x2d) {
      // "{{- " trims the spaces before it.
      let c = input.charCodeAt(x + leftLen + 1);
      if (c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d) {
        for (; textEnd > start; textEnd--) {
          c = input.charCodeAt(textEnd - 1);
          if (c !== 0x20 && c !== 0x0a && c !== 0x09 && c !== 0x0d) break;
        }
      }
    }
    if (textEnd > start) {
      if (nl < start) {
        do {
          line++;
          nl = input.indexOf("\n", nl + 1);
        } while (nl >= 0 && nl < start);
        if (nl < 0) nl = len;
      }
      types[n] = ItemType.Text;
      poss[n] = start;
      ends[n] = textEnd;
      lines[n] = line;
      n++;
    }
    if (x < 0) {
      start = pos = len;
      break;
    }

    // lexLeftDelim
    start = x;
    pos = x + leftLen;
    let after = 0;
    if (input.charCodeAt(pos) === 0x2d) {
      const c = input.charCodeAt(pos + 1);
      if (c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d) after = 2;
    }
    if (input.charCodeAt(pos + after) === 0x2f && input.charCodeAt(pos + after + 1) === 0x2a) {
      // lexComment: the delimiters and the comment are ignored text (their newlines count).
      start = pos + after;
      const close = input.indexOf("*/", start + 2);
      if (close < 0) {
        error = "unclosed comment";
        break;
      }
      pos = close + 2;
      const trim = trimDelimAt(input, pos, right, rightFirst);
      if (trim < 0) {
        error = "comment ends before closing delimiter";
        break;
      }
      if (s.emitComment) {
        if (nl < start) {
          do {
            line++;
            nl = input.indexOf("\n", nl + 1);
          } while (nl >= 0 && nl < start);
          if (nl < 0) nl = len;
        }
        types[n] = ItemType.Comment;
        poss[n] = start;
        ends[n] = pos;
        lines[n] = line;
        n++;
      }
      pos += trim + rightLen;
      if (trim !== 0) {
        let c = input.charCodeAt(pos);
        while (c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d) c = input.charCodeAt(++pos);
      }
      start = pos;
      continue;
    }
    if (nl < start) {
      do {
        line++;
        nl = input.indexOf("\n", nl + 1);
      } while (nl >= 0 && nl < start);
      if (nl < 0) nl = len;
    }
    types[n] = ItemType.LeftDelim;
    poss[n] = start;
    ends[n] = pos;
    lines[n] = line;
    n++;
    line -= leftNewlines;
    pos += after;
    start = pos;

    // lexInsideAction: each case leaves the item's kind in `kind`, its end in `pos` and, when it
    // has read it, the next character in `next` (-1 when not read: one call fewer per item).
    let depth = 0;
    let next = -1;
    for (;;) {
      // Room for this item and the last one.
      if (n + 2 > types.length) {
        grow(t);
        types = t.type;
        poss = t.pos;
        ends = t.end;
        lines = t.line;
      }
      const c = next >= 0 ? next : input.charCodeAt(pos);
      next = -1;
      let kind: ItemType;
      let trimmed = false;
      if (c === rightFirst && input.startsWith(right, pos)) {
        if (depth !== 0) {
          error = "unclosed left paren";
          break main;
        }
        pos += rightLen;
        kind = ItemType.RightDelim;
      } else {
        switch (c) {
          case 0x20:
          case 0x09:
          case 0x0a:
          case 0x0d: {
            let d = input.charCodeAt(pos + 1);
            if (d === 0x2d && input.startsWith(right, pos + 2)) {
              // " -}}": the trim marker is ignored, then the delimiter.
              if (depth !== 0) {
                error = "unclosed left paren";
                break main;
              }
              start = pos + 2;
              pos = start + rightLen;
              kind = ItemType.RightDelim;
              trimmed = true;
              break;
            }
            // lexSpace: most runs are one space.
            pos++;
            if (d === 0x20 || d === 0x0a || d === 0x09 || d === 0x0d) {
              do d = input.charCodeAt(++pos);
              while (d === 0x20 || d === 0x0a || d === 0x09 || d === 0x0d);
              // Leave the last space when it starts " -}}".
              if (d === 0x2d && input.startsWith(right, pos + 1)) d = input.charCodeAt(--pos);
            }
            next = d;
            kind = ItemType.Space;
            break;
          }
          case 0x3d: // =
            pos++;
            kind = ItemType.Assign;
            break;
          case 0x3a: // :
            if (input.charCodeAt(pos + 1) !== 0x3d) {
              error = "expected :=";
              break main;
            }
            pos += 2;
            kind = ItemType.Declare;
            break;
          case 0x7c: // |
            pos++;
            kind = ItemType.Pipe;
            break;
          case 0x22: {
            // ": usually the next quote, with no backslash or newline before it.
            if (nl < start) {
              do {
                line++;
                nl = input.indexOf("\n", nl + 1);
              } while (nl >= 0 && nl < start);
              if (nl < 0) nl = len;
            }
            if (backslash <= pos) {
              backslash = input.indexOf("\\", pos + 1);
              if (backslash < 0) backslash = len;
            }
            const close = input.indexOf('"', pos + 1);
            if (close >= 0 && close < backslash && close < nl) {
              pos = close + 1;
            } else {
              STRING_REST.lastIndex = pos + 1;
              if (!STRING_REST.test(input)) {
                error = "unterminated quoted string";
                break main;
              }
              pos = STRING_REST.lastIndex;
            }
            kind = ItemType.String;
            break;
          }
          case 0x27: // '
            CHAR_REST.lastIndex = pos + 1;
            if (!CHAR_REST.test(input)) {
              error = "unterminated character constant";
              break main;
            }
            pos = CHAR_REST.lastIndex;
            kind = ItemType.CharConstant;
            break;
          case 0x60: // `
            pos = input.indexOf("`", pos + 1) + 1;
            if (pos === 0) {
              error = "unterminated raw quoted string";
              break main;
            }
            kind = ItemType.RawString;
            break;
          case 0x28: // (
            pos++;
            depth++;
            kind = ItemType.LeftParen;
            break;
          case 0x29: // )
            if (--depth < 0) {
              error = "unexpected right paren";
              break main;
            }
            pos++;
            kind = ItemType.RightParen;
            break;
          case 0x2e: // .
          case 0x24: {
            // $ (lexFieldOrVariable). Go: '.' starts a number before a digit and at the end.
            pos++;
            let d = input.charCodeAt(pos);
            if (c === 0x2e && (pos >= len || (d >= 0x30 && d <= 0x39))) {
              pos = start;
              kind = ItemType.Number;
              break;
            }
            if (
              pos >= len ||
              TERMINATOR[d] === 1 ||
              (d === rightFirst && input.startsWith(right, pos))
            ) {
              next = d;
              kind = c === 0x24 ? ItemType.Variable : ItemType.Dot;
              break;
            }
            while (
              (d >= 0x61 && d <= 0x7a) ||
              (d >= 0x41 && d <= 0x5a) ||
              (d >= 0x30 && d <= 0x39) ||
              d === 0x5f
            ) {
              d = input.charCodeAt(++pos);
            }
            if (d >= 0x80) {
              pos = skipWord(input, pos);
              d = input.charCodeAt(pos);
            }
            if (
              !(
                pos >= len ||
                TERMINATOR[d] === 1 ||
                (d === rightFirst && input.startsWith(right, pos))
              )
            ) {
              error = badCharacter(input, pos);
              break main;
            }
            next = d;
            kind = c === 0x24 ? ItemType.Variable : ItemType.Field;
            break;
          }
          case 0x2b: // +
          case 0x2d: // -
          case 0x30:
          case 0x31:
          case 0x32:
          case 0x33:
          case 0x34:
          case 0x35:
          case 0x36:
          case 0x37:
          case 0x38:
          case 0x39:
            kind = ItemType.Number;
            break;
          default: {
            if (pos >= len) {
              error = "unclosed action";
              break main;
            }
            // lexIdentifier: ASCII by hand (a loop is as fast as a regular expression at the
            // lower tiers, and its start costs nothing), the rest by WORD.
            let d = c;
            while (
              (d >= 0x61 && d <= 0x7a) ||
              (d >= 0x41 && d <= 0x5a) ||
              (d >= 0x30 && d <= 0x39) ||
              d === 0x5f
            ) {
              d = input.charCodeAt(++pos);
            }
            if (d >= 0x80) {
              pos = skipWord(input, pos);
              d = input.charCodeAt(pos);
            }
            if (pos === start) {
              if (c >= 0x20 && c < 0x7f) {
                pos++;
                kind = ItemType.Char;
                break;
              }
              error = `unrecognized character in action: ${runeU(codePointString(input, pos))}`;
              break main;
            }
            if (
              !(
                pos >= len ||
                TERMINATOR[d] === 1 ||
                (d === rightFirst && input.startsWith(right, pos))
              )
            ) {
              error = badCharacter(input, pos);
              break main;
            }
            next = d;
            kind = pos - start > 8 ? ItemType.Identifier : wordKind(input, start, pos, s);
            break;
          }
        }
        if (kind === ItemType.Number) {
          // lexNumber; complex numbers are 1+2i: no spaces, ending in 'i'.
          pos = scanNumber(input, pos);
          const d = input.charCodeAt(pos);
          if (pos >= 0 && (d === 0x2b || d === 0x2d)) {
            pos = scanNumber(input, pos);
            if (pos >= 0 && input.charCodeAt(pos - 1) !== 0x69) pos = ~pos;
            kind = ItemType.Complex;
          }
          if (pos < 0) {
            pos = ~pos;
            error = badNumber(input, start, pos);
            break main;
          }
        }
      }
      if (nl < start) {
        do {
          line++;
          nl = input.indexOf("\n", nl + 1);
        } while (nl >= 0 && nl < start);
        if (nl < 0) nl = len;
      }
      types[n] = kind;
      poss[n] = start;
      ends[n] = pos;
      lines[n] = line;
      n++;
      if (kind === ItemType.RightDelim) {
        line -= rightNewlines;
        if (trimmed) {
          let d = input.charCodeAt(pos);
          while (d === 0x20 || d === 0x0a || d === 0x09 || d === 0x0d) d = input.charCodeAt(++pos);
        }
        start = pos;
        continue main;
      }
      start = pos;
    }
  }

  // The last item: EOF, or the error that stopped the lexer (at `start`, as Go's errorf).
  if (nl < start) {
    do {
      line++;
      nl = input.indexOf("\n", nl + 1);
    } while (nl >= 0 && nl < start);
  }
  if (error !== undefined) {
    t.error = error;
    types[n] = ItemType.Error;
    pos = start;
  } else {
    types[n] = ItemType.EOF;
  }
  poss[n] = start;
  ends[n] = pos;
  lines[n] = line;
  t.count = n + 1;
  return t;
}

/**
 * Go's atRightDelim after a comment: 0 when the right delimiter is at `pos`, the trim
 * marker's length when " -" and the delimiter are, -1 when neither.
 */
function trimDelimAt(input: string, pos: number, right: string, rightFirst: number): number {
  const c = input.charCodeAt(pos);
  if (c === rightFirst && input.startsWith(right, pos)) return 0;
  if (
    (c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d) &&
    input.charCodeAt(pos + 1) === 0x2d &&
    input.startsWith(right, pos + 2)
  ) {
    return 2;
  }
  return -1;
}

/** The kind of the word input[start:end] (at most 8 long): a keyword, Bool or Identifier. */
function wordKind(input: string, start: number, end: number, s: LexSettings): ItemType {
  const n = end - start;
  switch (input.charCodeAt(start)) {
    case 0x62: // b
      if (n === 5 && input.startsWith("block", start)) return ItemType.Block;
      if (n === 5 && input.startsWith("break", start)) {
        return s.breakOK ? ItemType.Break : ItemType.Identifier;
      }
      break;
    case 0x63: // c
      if (n === 8 && input.startsWith("continue", start)) {
        return s.continueOK ? ItemType.Continue : ItemType.Identifier;
      }
      break;
    case 0x64: // d
      if (n === 6 && input.startsWith("define", start)) return ItemType.Define;
      break;
    case 0x65: // e
      if (n === 4 && input.startsWith("else", start)) return ItemType.Else;
      if (n === 3 && input.startsWith("end", start)) return ItemType.End;
      break;
    case 0x66: // f
      if (n === 5 && input.startsWith("false", start)) return ItemType.Bool;
      break;
    case 0x69: // i
      if (n === 2 && input.charCodeAt(start + 1) === 0x66) return ItemType.If;
      break;
    case 0x6e: // n
      if (n === 3 && input.startsWith("nil", start)) return ItemType.Nil;
      break;
    case 0x72: // r
      if (n === 5 && input.startsWith("range", start)) return ItemType.Range;
      break;
    case 0x74: // t
      if (n === 4 && input.startsWith("true", start)) return ItemType.Bool;
      if (n === 8 && input.startsWith("template", start)) return ItemType.Template;
      break;
    case 0x77: // w
      if (n === 4 && input.startsWith("with", start)) return ItemType.With;
      break;
  }
  return ItemType.Identifier;
}

/** Skips the digits of `base` (and '_') from `p` (Go's acceptRun of the digit set). */
function skipDigits(input: string, p: number, base: number): number {
  const decimalEnd = base === 8 ? 0x38 : base === 2 ? 0x32 : 0x3a;
  for (; ; p++) {
    const c = input.charCodeAt(p);
    if (c === 0x5f || (c >= 0x30 && c < decimalEnd)) continue;
    if (base === 16 && ((c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46))) continue;
    return p;
  }
}

/**
 * Go's scanNumber from `p`: the end of the number, or `~end` when an alphanumeric character
 * follows it (`end` then includes that character, as Go's error quotes it).
 */
function scanNumber(input: string, p: number): number {
  let c = input.charCodeAt(p);
  if (c === 0x2b || c === 0x2d) c = input.charCodeAt(++p);
  let base = 10;
  if (c === 0x30) {
    c = input.charCodeAt(++p);
    if (c === 0x78 || c === 0x58) base = 16;
    else if (c === 0x6f || c === 0x4f) base = 8;
    else if (c === 0x62 || c === 0x42) base = 2;
    if (base !== 10) p++;
  }
  p = skipDigits(input, p, base);
  if (input.charCodeAt(p) === 0x2e) p = skipDigits(input, p + 1, base);
  c = input.charCodeAt(p);
  if ((base === 10 && (c === 0x65 || c === 0x45)) || (base === 16 && (c === 0x70 || c === 0x50))) {
    c = input.charCodeAt(++p);
    if (c === 0x2b || c === 0x2d) p++;
    p = skipDigits(input, p, 10);
  }
  if (input.charCodeAt(p) === 0x69) p++;
  c = input.charCodeAt(p);
  if (c < 0x80) {
    if (
      (c >= 0x30 && c <= 0x39) ||
      (c >= 0x61 && c <= 0x7a) ||
      (c >= 0x41 && c <= 0x5a) ||
      c === 0x5f
    ) {
      return ~(p + 1);
    }
    return p;
  }
  if (Number.isNaN(c)) return p;
  WORD.lastIndex = p;
  WORD.test(input);
  if (WORD.lastIndex === p) return p;
  return ~(p + (input.codePointAt(p)! > 0xffff ? 2 : 1));
}

/** The end of the run of identifier characters at `pos`. */
function skipWord(input: string, pos: number): number {
  WORD.lastIndex = pos;
  WORD.test(input);
  return WORD.lastIndex;
}

/** The character (code point) at `pos` as a string. */
function codePointString(input: string, pos: number): string {
  return String.fromCodePoint(input.codePointAt(pos)!);
}

/** Go's "bad character %#U" for the character ending a word at `pos` (never at EOF). */
function badCharacter(input: string, pos: number): string {
  return `bad character ${runeU(codePointString(input, pos))}`;
}

/** Go's "bad number syntax: %q" for input[start:end]. */
function badNumber(input: string, start: number, end: number): string {
  return `bad number syntax: ${goQuoteShort(input.slice(start, end))}`;
}

/** One-character strings for ASCII, so tokenVal allocates nothing for one-character items. */
const ASCII: readonly string[] = Array.from({ length: 128 }, (_, i) => String.fromCharCode(i));
