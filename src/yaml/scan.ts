/**
 * Cheap structural facts about YAML text shared by the fast-path scan and the exact path's
 * repairs: where a node may start, and which offsets are block-scalar content.
 */

const NODE_START_BEFORE = /(?:^|\n)[ \t]*$|[:?-][ \t]+$|[[{,][ \t]*$|&[^\s]+[ \t]+$/;

/** Reports whether a node may start at `index` (line start, after ": ", "- ", "[", …). */
export function isNodeStart(text: string, index: number): boolean {
  return NODE_START_BEFORE.test(text.slice(Math.max(0, index - 64), index));
}

// A header line holding a mapping key (`key: |`, `- key: |`): the block belongs to the key.
const KEY_HEADER = /^[ ]*(?:-[ ]+)*[^\s#][^#]*?:[ \t]/;

const BLOCK_HEADER =
  /(?:^[ \t]*(?:-[ \t]+)*|:[ \t]+)(?:[&!][^\s]*[ \t]+)*[|>][-+0-9]*[ \t]*(?:#.*)?$/;

/**
 * The offsets of block-scalar content (`key: |` then the more indented lines), found in one pass
 * over the lines: text there is never a plain scalar, tag or escape, so the scan ignores it.
 * Content must be indented past the key (or past the dash of a `- |` entry).
 */
function blockScalarRanges(text: string): number[] {
  const ranges: number[] = [];
  let threshold = -1;
  let start = 0;
  // Next "|" and ">" at or after the current line (text.length + 1 when none): a line is
  // sliced and tested only when it holds one, without a search per line.
  const none = text.length + 1;
  let pipe = -1;
  let angle = -1;
  for (let lineStart = 0; lineStart <= text.length; ) {
    let lineEnd = text.indexOf("\n", lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    let indent = lineStart;
    while (text.charCodeAt(indent) === 0x20) indent++;
    // Printable ASCII past the indentation decides it without the regex.
    const c = text.charCodeAt(indent);
    const blank =
      indent >= lineEnd || ((c <= 0x20 || c >= 0x7f) && /^\s*$/.test(text.slice(indent, lineEnd)));
    if (threshold >= 0) {
      if (blank || indent - lineStart > threshold) {
        lineStart = lineEnd + 1;
        continue;
      }
      ranges.push(start, lineStart);
      threshold = -1;
    }
    // Only a line ending in a block indicator (`|`, `>-`, `|+ # c`) can open a block scalar.
    if (pipe < lineStart) {
      pipe = text.indexOf("|", lineStart);
      if (pipe === -1) pipe = none;
    }
    if (angle < lineStart) {
      angle = text.indexOf(">", lineStart);
      if (angle === -1) angle = none;
    }
    if (!blank && (pipe < lineEnd || angle < lineEnd)) {
      const line = text.slice(lineStart, lineEnd);
      if (BLOCK_HEADER.test(line)) {
        const prefix = /^[ ]*(?:-[ ]+)*/.exec(line)?.[0].length ?? 0;
        threshold = KEY_HEADER.test(line) ? prefix : indent - lineStart;
        start = lineEnd + 1;
      }
    }
    lineStart = lineEnd + 1;
  }
  if (threshold >= 0) ranges.push(start, text.length + 1);
  return ranges;
}

/** A lazily computed view of the block-scalar ranges of one text. */
export class BlockScalars {
  readonly #text: string;
  #ranges: number[] | undefined;
  constructor(text: string) {
    this.#text = text;
  }
  /** Reports whether `index` lies in block-scalar content. */
  contains(index: number): boolean {
    return this.#rangeAt(index) >= 0;
  }

  /** The offset where the block-scalar content holding `index` starts (after its header). */
  startOf(index: number): number | undefined {
    const k = this.#rangeAt(index);
    return k < 0 ? undefined : (this.#ranges as number[])[k * 2];
  }

  /** The number of the range holding `index` (binary search), or -1. */
  #rangeAt(index: number): number {
    this.#ranges ??= blockScalarRanges(this.#text);
    const r = this.#ranges;
    let lo = 0;
    let hi = r.length / 2;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((r[mid * 2 + 1] as number) <= index) lo = mid + 1;
      else hi = mid;
    }
    return lo < r.length / 2 && (r[lo * 2] as number) <= index ? lo : -1;
  }
}

/**
 * The column go-yaml's scanner expects block-scalar content at, for the block whose header line
 * is `header` and whose content lines (up to the line asked about) are `content`: the parent's
 * indentation plus an explicit indentation indicator (`|2-`), else the first non-blank content
 * line's; undefined while auto-detection has not seen content yet.
 */
export function blockScalarIndent(header: string, content: readonly string[]): number | undefined {
  const indicator = /[|>]([-+]?)([1-9]?)/.exec(header.replace(/#.*$/, "").trimEnd().slice(-4));
  const digit = indicator?.[2];
  if (digit) {
    // The parent is the key's column, else the column of the last "-" (a `- - |2` entry).
    const lead = /^[ ]*(?:-[ ]+)*/.exec(header)?.[0] ?? "";
    const parent = KEY_HEADER.test(header)
      ? lead.length
      : lead.includes("-")
        ? lead.lastIndexOf("-")
        : lead.length;
    return parent + Number(digit);
  }
  for (const line of content) {
    if (line.trim() !== "") return line.length - line.replace(/^ +/, "").length;
  }
  return undefined;
}

/**
 * go-yaml accepts continuation lines of a quoted scalar at any indentation, YAML 1.2 parsers
 * (and `yaml`) want them indented past the parent. Returns the text with such lines indented
 * (leading white space of a continuation line is folded away, so values do not change), or
 * undefined when there is none.
 */
export function indentQuotedContinuations(text: string): string | undefined {
  const blocks = new BlockScalars(text);
  let out = "";
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "#" && (i === 0 || /\s/.test(text[i - 1] as string))) {
      const nl = text.indexOf("\n", i);
      if (nl === -1) break;
      i = nl;
      continue;
    }
    if ((c !== '"' && c !== "'") || !isNodeStart(text, i) || blocks.contains(i)) continue;
    const lineStart = text.lastIndexOf("\n", i - 1) + 1;
    let lineIndent = lineStart;
    while (text[lineIndent] === " ") lineIndent++;
    const minIndent = lineIndent - lineStart;
    const pad = i - lineStart + 1;
    let j = i + 1;
    for (; j < text.length; j++) {
      const ch = text[j];
      if (c === '"' && ch === "\\") {
        if (text[j + 1] !== "\n") j++;
        continue;
      }
      if (c === "'" && ch === "'" && text[j + 1] === "'") {
        j++;
        continue;
      }
      if (ch === c) break;
      if (ch !== "\n") continue;
      let k = j + 1;
      while (text[k] === " ") k++;
      if (k - (j + 1) <= minIndent && k < text.length && text[k] !== "\n") {
        out += `${text.slice(last, j + 1)}${" ".repeat(pad)}`;
        last = j + 1;
      }
    }
    i = j;
  }
  return last === 0 ? undefined : out + text.slice(last);
}

/**
 * The offsets of quoted scalars (`"…"`, `'…'` starting where a node may start), skipping
 * comments and block-scalar content: text inside is never a plain scalar.
 */
export class QuotedScalars {
  readonly #ranges: number[] = [];

  constructor(text: string, blocks: BlockScalars) {
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (c === "#" && (i === 0 || /\s/.test(text[i - 1] as string))) {
        const nl = text.indexOf("\n", i);
        if (nl === -1) break;
        i = nl;
        continue;
      }
      if ((c !== '"' && c !== "'") || !isNodeStart(text, i) || blocks.contains(i)) continue;
      let j = i + 1;
      for (; j < text.length; j++) {
        const ch = text[j];
        if (c === '"' && ch === "\\") j++;
        else if (c === "'" && ch === "'" && text[j + 1] === "'") j++;
        else if (ch === c) break;
      }
      this.#ranges.push(i, j + 1);
      i = j;
    }
  }

  /** Reports whether `index` lies inside a quoted scalar. */
  contains(index: number): boolean {
    const r = this.#ranges;
    let lo = 0;
    let hi = r.length / 2;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((r[mid * 2 + 1] as number) <= index) lo = mid + 1;
      else hi = mid;
    }
    return lo < r.length / 2 && (r[lo * 2] as number) <= index;
  }
}

/**
 * go-yaml accepts tabs at the start of lines inside flow collections (`[1,\n\t2]`); YAML 1.2
 * parsers call them indentation. Returns the text with such tabs turned into spaces, or
 * undefined when there is none.
 */
export function untabFlowLines(text: string): string | undefined {
  if (!text.includes("\t")) return undefined;
  const blocks = new BlockScalars(text);
  const quoted = new QuotedScalars(text, blocks);
  let depth = 0;
  let out = "";
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "#" && (i === 0 || /\s/.test(text[i - 1] as string)) && !quoted.contains(i)) {
      const nl = text.indexOf("\n", i);
      if (nl === -1) break;
      i = nl - 1;
      continue;
    }
    if ((c === "[" || c === "{") && !quoted.contains(i) && !blocks.contains(i)) depth++;
    else if ((c === "]" || c === "}") && depth > 0 && !quoted.contains(i)) depth--;
    else if (c === "\n" && depth > 0) {
      let k = i + 1;
      while (text[k] === " " || text[k] === "\t") k++;
      const lead = text.slice(i + 1, k);
      if (lead.includes("\t")) {
        out += `${text.slice(last, i + 1)}${lead.replaceAll("\t", " ")}`;
        last = k;
      }
    }
  }
  return last === 0 ? undefined : out + text.slice(last);
}
