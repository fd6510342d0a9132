/**
 * Case conversions Sprig takes from huandu/xstrings (snakecase, kebabcase, camelcase = PascalCase,
 * shuffle) and Masterminds/goutils (swapcase, untitle, initials), plus Go's strings.Title.
 * Written from the behaviour of those libraries; they work on runes unless noted.
 */
import {
  isGoSpace,
  isLetter,
  isLower,
  isNumber,
  isPunct,
  isTitle,
  isUpper,
  toLowerRune,
  toTitleRune,
  toUpperRune,
  utf8,
} from "./gostr.ts";

type WordType = "number" | "upper" | "alphabet" | "connector" | "punct" | "other";

function isConnector(c: string): boolean {
  return c === "-" || c === "_" || isGoSpace(c);
}

/** A letter that is not a CJK ideograph (xstrings' isAlphabet). */
function isAlphabet(c: string): boolean {
  if (!isLetter(c)) return false;
  const r = c.codePointAt(0)!;
  if (r < 0x3400) return true;
  if (r >= 0x4e00 && r <= 0x9fcc) return false;
  if (r >= 0x3400 && r <= 0x4d85) return false;
  if (r >= 0x20000 && r <= 0x2b81d) return false;
  return true;
}

interface Word {
  type: WordType;
  word: string[];
  rest: string[];
}

/** Splits off the next word of `cs` (xstrings' nextWord). */
function nextWord(cs: string[]): Word {
  const r = cs[0]!;
  let n = 1;
  const take = (pred: (c: string) => boolean): void => {
    while (n < cs.length && pred(cs[n]!)) n++;
  };
  let type: WordType;
  if (isConnector(r)) {
    type = "connector";
    take(isConnector);
  } else if (isPunct(r)) {
    type = "punct";
    take(isPunct);
  } else if (isUpper(r)) {
    type = "upper";
    if (n < cs.length) {
      const next = cs[n]!;
      if (isUpper(next)) {
        take(isUpper);
        // "HTTPServer": the last upper letter starts the next word when a letter follows.
        if (n < cs.length && isAlphabet(cs[n]!)) n--;
      } else if (isAlphabet(next)) {
        take((c) => isAlphabet(c) && !isUpper(c));
      }
    }
  } else if (isAlphabet(r)) {
    type = "alphabet";
    take((c) => isAlphabet(c) && !isUpper(c));
  } else if (isNumber(r)) {
    type = "number";
    take(isNumber);
  } else {
    type = "other";
    take((c) => !(isConnector(c) || isAlphabet(c) || isNumber(c) || isPunct(c)));
  }
  return { type, word: cs.slice(0, n), rest: cs.slice(n) };
}

function writeLower(out: string[], type: WordType | "invalid", word: string[], conn: string): void {
  if (type !== "upper" && type !== "connector") {
    out.push(...word);
    return;
  }
  for (const c of word) {
    if (isConnector(c)) out.push(conn);
    else if (isUpper(c)) out.push(toLowerRune(c));
    else out.push(c);
  }
}

/** xstrings' camelCaseToLowerCase: "FirstName" → "first_name" with connector "_". */
export function camelToLower(s: string, conn: string): string {
  if (s === "") return "";
  const out: string[] = [];
  let cur: Word = nextWord(Array.from(s));
  const advance = (rest: string[]): Word | undefined =>
    rest.length === 0 ? undefined : nextWord(rest);
  let wt: WordType | "invalid" = cur.type;
  let word = cur.word;
  let rest = cur.rest;
  const kind = (): WordType | "invalid" => wt;
  const step = (): void => {
    const nx = advance(rest);
    if (nx === undefined) {
      wt = "invalid";
      word = [];
      rest = [];
    } else {
      cur = nx;
      wt = nx.type;
      word = nx.word;
      rest = nx.rest;
    }
  };
  while (rest.length > 0) {
    if (kind() !== "connector") writeLower(out, kind(), word, conn);
    const prev = kind();
    const last = word;
    step();
    switch (prev) {
      case "number":
        while (kind() === "alphabet" || kind() === "number") {
          writeLower(out, kind(), word, conn);
          step();
        }
        if (kind() !== "invalid" && kind() !== "punct" && kind() !== "connector") out.push(conn);
        break;
      case "connector":
        writeLower(out, prev, last, conn);
        break;
      case "punct":
        break;
      default: {
        if (kind() !== "number") {
          if (kind() !== "connector" && kind() !== "punct") out.push(conn);
          break;
        }
        if (rest.length === 0) break;
        const lastNum = word;
        step();
        if (kind() !== "alphabet") {
          writeLower(out, "number", lastNum, conn);
          if (kind() !== "connector" && kind() !== "punct") out.push(conn);
          break;
        }
        out.push(conn);
        writeLower(out, "number", lastNum, conn);
        while (kind() === "alphabet" || kind() === "number") {
          writeLower(out, kind(), word, conn);
          step();
        }
        if (kind() !== "invalid" && kind() !== "connector" && kind() !== "punct") out.push(conn);
      }
    }
  }
  writeLower(out, kind(), word, conn);
  return out.join("");
}

/**
 * xstrings 1.5's ToPascalCase (Sprig's camelcase): "http_server" → "HttpServer". Connectors are
 * dropped (a run keeps all but its last), the rune after one is upper-cased, and in a word that
 * starts upper case the upper-case run after its first letter is lowered ("FOO_BAR" → "FooBar",
 * "HTTPServer" → "Httpserver"), as measured with Helm 4.1.4.
 */
export function toPascalCase(s: string): string {
  const cs = Array.from(s);
  if (cs.length === 0) return "";
  const out: string[] = [];
  let i = 0;
  let r0 = "";
  let firstUpper = false;
  while (i < cs.length) {
    r0 = cs[i++]!;
    if (!isConnector(r0)) {
      firstUpper = isUpper(r0);
      r0 = toUpperRune(r0);
      break;
    }
    out.push(r0);
  }
  if (i >= cs.length) {
    out.push(r0);
    return out.join("");
  }
  while (i < cs.length) {
    const r1 = r0;
    r0 = cs[i++]!;
    if (isConnector(r0) && isConnector(r1)) {
      out.push(r1);
      continue;
    }
    if (isConnector(r1)) {
      firstUpper = isUpper(r0);
      r0 = toUpperRune(r0);
    } else {
      if (firstUpper) {
        if (isUpper(r0)) r0 = toLowerRune(r0);
        else firstUpper = false;
      }
      out.push(r1);
    }
  }
  out.push(r0);
  return out.join("");
}

/** goutils.SwapCase: upper → lower, lower → title after whitespace, else upper. */
export function swapCase(s: string): string {
  let ws = true;
  let out = "";
  for (const c of s) {
    if (isUpper(c) || isTitle(c)) {
      out += toLowerRune(c);
      ws = false;
    } else if (isLower(c)) {
      out += ws ? toTitleRune(c) : toUpperRune(c);
      ws = false;
    } else {
      out += c;
      ws = isGoSpace(c);
    }
  }
  return out;
}

/** goutils.Uncapitalize: lower-cases the first rune of each whitespace-separated word. */
export function untitle(s: string): string {
  let next = true;
  let out = "";
  for (const c of s) {
    if (isGoSpace(c)) {
      next = true;
      out += c;
    } else if (next) {
      out += toLowerRune(c);
      next = false;
    } else {
      out += c;
    }
  }
  return out;
}

/** Go's strings.Title: upper-cases letters that start a word. */
export function title(s: string): string {
  let prev = " ";
  let out = "";
  for (const c of s) {
    out += isTitleSeparator(prev) ? toTitleRune(c) : c;
    prev = c;
  }
  return out;
}

function isTitleSeparator(c: string): boolean {
  const r = c.codePointAt(0)!;
  if (r <= 0x7f) {
    if (/[0-9a-zA-Z_]/.test(c)) return false;
    return true;
  }
  if (isLetter(c) || isNumber(c)) return false;
  return isGoSpace(c);
}

/**
 * goutils.Initials: the first byte of each whitespace-separated word. It works on bytes and
 * writes each byte as a rune, so non-ASCII initials come out as Latin-1 mojibake, as in Sprig.
 */
export function initials(s: string): string {
  let gap = true;
  let out = "";
  for (const b of utf8(s)) {
    const c = String.fromCharCode(b);
    if (isGoSpace(c)) gap = true;
    else if (gap) {
      out += c;
      gap = false;
    }
  }
  return out;
}

/**
 * goutils.DeleteWhiteSpace: drops whitespace bytes. Like Sprig it rebuilds the string byte by
 * byte as runes, so non-ASCII text is mangled unless nothing was removed.
 */
export function deleteWhiteSpace(s: string): string {
  const bytes = utf8(s);
  let out = "";
  let count = 0;
  for (const b of bytes) {
    const c = String.fromCharCode(b);
    if (!isGoSpace(c)) {
      out += c;
      count++;
    }
  }
  return count === bytes.length ? s : out;
}

/** xstrings.Shuffle with an injected source of randomness. */
export function shuffle(s: string, random: () => number): string {
  const cs = Array.from(s);
  for (let i = cs.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    if (i !== j) [cs[i], cs[j]] = [cs[j]!, cs[i]!];
  }
  return cs.join("");
}
