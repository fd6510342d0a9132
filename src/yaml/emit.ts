/**
 * A block-style YAML emitter that writes what go-yaml's libyaml-derived emitter writes for
 * the node kinds Helm produces (block maps and sequences, empty flow `{}`/`[]`, scalars):
 * scalar style selection, quoting, `|`/`|-`/`|+` hints, folding at the best width, simple vs
 * `? ` complex keys. Two flavours: yaml.v2 as sigs.k8s.io/yaml uses it (toYaml: width 80,
 * indentless sequences in maps) and yaml.v3 with SetIndent(2) (toYamlPretty: no folding).
 */

/** A scalar and the style the encoder asks for (the emitter may still pick another). */
export interface ScalarNode {
  readonly kind: "scalar";
  readonly value: string;
  readonly style: "plain" | "double" | "literal";
}
/** A block sequence (written `[]` when empty). */
export interface SeqNode {
  readonly kind: "seq";
  readonly items: readonly YamlNode[];
}
/** A block mapping in the order given (written `{}` when empty). */
export interface MapNode {
  readonly kind: "map";
  readonly entries: readonly (readonly [YamlNode, YamlNode])[];
}
/** A node of the emitter's input tree. */
export type YamlNode = ScalarNode | SeqNode | MapNode;

/** Emitter flavour. */
export interface EmitFlavor {
  /** Column after which long scalars fold at a space (go-yaml v2: 80); Infinity = never. */
  readonly bestWidth: number;
  /** yaml.v2 writes a sequence that is a mapping value without extra indentation. */
  readonly indentlessSeqInMap: boolean;
  /** yaml.v3 treats tabs apart from other special characters (block styles stay allowed). */
  readonly tabsAllowBlock: boolean;
}

/** go-yaml v2 as used by sigs.k8s.io/yaml (Helm's toYaml). */
export const FLAVOR_V2: EmitFlavor = {
  bestWidth: 80,
  indentlessSeqInMap: true,
  tabsAllowBlock: false,
};
/** go-yaml v3 with SetIndent(2) (Helm's toYamlPretty). */
export const FLAVOR_V3: EmitFlavor = {
  bestWidth: Infinity,
  indentlessSeqInMap: false,
  tabsAllowBlock: true,
};

const BEST_INDENT = 2;

function isPrintable(cp: number): boolean {
  return (
    cp === 0x0a ||
    (cp >= 0x20 && cp <= 0x7e) ||
    (cp >= 0xa0 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff)
  );
}
function isBreak(cp: number | undefined): boolean {
  return cp === 0x0a || cp === 0x0d || cp === 0x85 || cp === 0x2028 || cp === 0x2029;
}
function isBlank(cp: number | undefined): boolean {
  return cp === 0x20 || cp === 0x09;
}
function isBlankz(cp: number | undefined): boolean {
  return cp === undefined || cp === 0 || isBlank(cp) || isBreak(cp);
}

interface ScalarAnalysis {
  multiline: boolean;
  flowPlain: boolean;
  blockPlain: boolean;
  single: boolean;
  block: boolean;
}

const ASCII = /^[\x00-\x7f]*$/;

function utf8Length(s: string): number {
  if (ASCII.test(s)) return s.length;
  let n = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

/** The number of code points in `s` (what go-yaml's column counter advances by). */
function codePointLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

function codePointsOf(s: string): readonly number[] {
  return Array.from(s, (c) => c.codePointAt(0) as number);
}

/**
 * go-yaml's yaml_emitter_analyze_scalar. It reads UTF-16 code units: a surrogate is neither
 * printable nor an indicator, blank or break, exactly like the astral code point it stands
 * for, so the result equals a code-point scan without building an array.
 */
// Scalars the block-context counts of the analysis below all pass: printable ASCII, not
// starting with an indicator, '-', '.' or a space, not ending with a space or ':', with no
// ": " and no " #" (so no "---"/"..." prefix and no leading or trailing spaces). Flow
// indicators inside only rule out the flow-plain style.
const SAFE_CHARS = "!\"$%&'()*+\\-./0-9;<=>@A-Z\\\\^_`a-z|~,?\\[\\]{}";
const PLAIN_SAFE = new RegExp(
  `^[$()+/0-9;<=A-Z\\\\^_a-z~](?:(?:[${SAFE_CHARS} ]|:(?=[${SAFE_CHARS}#:])|(?<! )#)*(?:[${SAFE_CHARS}]|(?<! )#))?$`,
);
const FLOW_INDICATOR = /[,?[\]{}:]/;

/** Whether go-yaml's block emitter may write `s` plain (printable ASCII, the common case). */
export function isBlockPlainSafe(s: string): boolean {
  return PLAIN_SAFE.test(s);
}

function analyzeScalar(s: string, flavor: EmitFlavor): ScalarAnalysis {
  if (s.length === 0)
    return { multiline: false, flowPlain: false, blockPlain: true, single: true, block: false };
  if (PLAIN_SAFE.test(s)) {
    const flowPlain = !FLOW_INDICATOR.test(s);
    return { multiline: false, flowPlain, blockPlain: true, single: true, block: true };
  }
  let blockInd = false;
  let flowInd = false;
  let lineBreaks = false;
  let special = false;
  let tabs = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let prevSpace = false;
  let prevBreak = false;
  const c0 = s.charCodeAt(0);
  const c1 = s.charCodeAt(1);
  const c2 = s.charCodeAt(2);
  if ((c0 === 0x2d && c1 === 0x2d && c2 === 0x2d) || (c0 === 0x2e && c1 === 0x2e && c2 === 0x2e)) {
    blockInd = true;
    flowInd = true;
  }
  let precededByWs = true;
  const last = s.length - 1;
  for (let i = 0; i <= last; i++) {
    const cp = s.charCodeAt(i);
    const followedByWs = i === last || isBlank(s.charCodeAt(i + 1));
    if (i === 0) {
      switch (cp) {
        case 0x23: // # , [ ] { } & * ! | > ' " % @ `
        case 0x2c:
        case 0x5b:
        case 0x5d:
        case 0x7b:
        case 0x7d:
        case 0x26:
        case 0x2a:
        case 0x21:
        case 0x7c:
        case 0x3e:
        case 0x27:
        case 0x22:
        case 0x25:
        case 0x40:
        case 0x60:
          flowInd = true;
          blockInd = true;
          break;
        case 0x3f: // ? :
        case 0x3a:
          flowInd = true;
          if (followedByWs) blockInd = true;
          break;
        case 0x2d: // -
          if (followedByWs) {
            flowInd = true;
            blockInd = true;
          }
          break;
      }
    } else {
      switch (cp) {
        case 0x2c: // , ? [ ] { }
        case 0x3f:
        case 0x5b:
        case 0x5d:
        case 0x7b:
        case 0x7d:
          flowInd = true;
          break;
        case 0x3a: // :
          flowInd = true;
          if (followedByWs) blockInd = true;
          break;
        case 0x23: // #
          if (precededByWs) {
            flowInd = true;
            blockInd = true;
          }
          break;
      }
    }
    if (cp === 0x09 && flavor.tabsAllowBlock) tabs = true;
    else if (!isPrintable(cp)) special = true;
    if (cp === 0x20) {
      if (i === 0) leadingSpace = true;
      if (i === last) trailingSpace = true;
      if (prevBreak) breakSpace = true;
      prevSpace = true;
      prevBreak = false;
    } else if (isBreak(cp)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === last) trailingBreak = true;
      if (prevSpace) spaceBreak = true;
      prevSpace = false;
      prevBreak = true;
    } else {
      prevSpace = false;
      prevBreak = false;
    }
    precededByWs = isBlankz(cp);
  }
  const a: ScalarAnalysis = {
    multiline: lineBreaks,
    flowPlain: true,
    blockPlain: true,
    single: true,
    block: true,
  };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) {
    a.flowPlain = false;
    a.blockPlain = false;
  }
  if (trailingSpace) a.block = false;
  if (breakSpace) {
    a.flowPlain = false;
    a.blockPlain = false;
    a.single = false;
  }
  if (spaceBreak || tabs || special) {
    a.flowPlain = false;
    a.blockPlain = false;
    a.single = false;
  }
  if (spaceBreak || special) a.block = false;
  if (lineBreaks) {
    a.flowPlain = false;
    a.blockPlain = false;
  }
  if (flowInd) a.flowPlain = false;
  if (blockInd) a.blockPlain = false;
  return a;
}

interface NodeContext {
  readonly root?: boolean;
  readonly sequence?: boolean;
  readonly mapping?: boolean;
  readonly simpleKey?: boolean;
}

const CTX_ROOT: NodeContext = { root: true };
const CTX_SEQUENCE: NodeContext = { sequence: true };
const CTX_MAPPING: NodeContext = { mapping: true };
const CTX_SIMPLE_KEY: NodeContext = { mapping: true, simpleKey: true };

const ESCAPES: Readonly<Record<number, string>> = {
  0: "0",
  7: "a",
  8: "b",
  9: "t",
  10: "n",
  11: "v",
  12: "f",
  13: "r",
  27: "e",
  34: '"',
  92: "\\",
  133: "N",
  160: "_",
  8232: "L",
  8233: "P",
};

// Indentation strings by width, built once.
const SPACES: string[] = [""];

function spaces(n: number): string {
  while (SPACES.length <= n) SPACES.push(`${SPACES[SPACES.length - 1]} `);
  return SPACES[n] as string;
}

class Emitter {
  readonly #flavor: EmitFlavor;
  #out = "";
  #column = 0;
  #whitespace = true;
  #indention = true;
  #indent = -1;
  readonly #indents: number[] = [];
  #flowLevel = 0;

  constructor(flavor: EmitFlavor) {
    this.#flavor = flavor;
  }

  document(node: YamlNode): string {
    this.#node(node, CTX_ROOT);
    this.#writeIndent();
    return this.#out;
  }

  #put(s: string): void {
    this.#out += s;
    this.#column += 1;
  }
  #write(cp: number): void {
    this.#out += String.fromCodePoint(cp);
    this.#column += 1;
  }
  #putBreak(): void {
    this.#out += "\n";
    this.#column = 0;
    this.#indention = true;
  }
  #writeBreak(cp: number): void {
    if (cp === 0x0a) {
      this.#putBreak();
      return;
    }
    this.#write(cp);
    this.#column = 0;
    this.#indention = true;
  }
  #writeIndent(): void {
    const indent = Math.max(this.#indent, 0);
    if (!this.#indention || this.#column > indent || (this.#column === indent && !this.#whitespace))
      this.#putBreak();
    if (this.#column < indent) {
      this.#out += spaces(indent - this.#column);
      this.#column = indent;
    }
    this.#whitespace = true;
    this.#indention = true;
  }
  #writeIndicator(ind: string, needWs: boolean, isWs: boolean, isIndention: boolean): void {
    if (needWs && !this.#whitespace) this.#put(" ");
    // Indicators are ASCII: one column per character.
    this.#out += ind;
    this.#column += ind.length;
    this.#whitespace = isWs;
    this.#indention = this.#indention && isIndention;
  }
  #increaseIndent(flow: boolean, indentless: boolean): void {
    this.#indents.push(this.#indent);
    if (this.#indent < 0) this.#indent = flow ? BEST_INDENT : 0;
    else if (!indentless) this.#indent += BEST_INDENT;
  }
  #popIndent(): void {
    this.#indent = this.#indents.pop() ?? -1;
  }

  #node(node: YamlNode, ctx: NodeContext): void {
    if (node.kind === "scalar") this.#scalar(node, ctx);
    else if (node.kind === "seq") this.#sequence(node, ctx);
    else this.#mapping(node);
  }

  #emptyFlow(open: string, close: string): void {
    this.#writeIndicator(open, true, true, false);
    this.#increaseIndent(true, false);
    this.#popIndent();
    this.#writeIndicator(close, false, false, false);
  }

  #sequence(node: SeqNode, ctx: NodeContext): void {
    if (node.items.length === 0 || this.#flowLevel > 0) {
      this.#emptyFlow("[", "]");
      return;
    }
    const indentless = this.#flavor.indentlessSeqInMap && !!ctx.mapping && !this.#indention;
    this.#increaseIndent(false, indentless);
    for (const item of node.items) {
      this.#writeIndent();
      this.#writeIndicator("-", true, false, true);
      this.#node(item, CTX_SEQUENCE);
    }
    this.#popIndent();
  }

  #isSimpleKey(key: YamlNode): boolean {
    if (key.kind === "scalar") {
      if (key.value.length === 0) return true;
      const a = analyzeScalar(key.value, this.#flavor);
      return !a.multiline && utf8Length(key.value) <= 128;
    }
    return key.kind === "seq" ? key.items.length === 0 : key.entries.length === 0;
  }

  #mapping(node: MapNode): void {
    if (node.entries.length === 0 || this.#flowLevel > 0) {
      this.#emptyFlow("{", "}");
      return;
    }
    this.#increaseIndent(false, false);
    for (const [key, value] of node.entries) {
      this.#writeIndent();
      if (this.#isSimpleKey(key)) {
        this.#node(key, CTX_SIMPLE_KEY);
        this.#writeIndicator(":", false, false, false);
      } else {
        this.#writeIndicator("?", true, false, true);
        this.#node(key, CTX_MAPPING);
        this.#writeIndent();
        this.#writeIndicator(":", true, false, true);
      }
      this.#node(value, CTX_MAPPING);
    }
    this.#popIndent();
  }

  #scalar(node: ScalarNode, ctx: NodeContext): void {
    const value = node.value;
    const a = analyzeScalar(value, this.#flavor);
    let style: "plain" | "single" | "double" | "literal" = node.style;
    if (ctx.simpleKey && a.multiline) style = "double";
    if (style === "plain") {
      if (this.#flowLevel > 0 ? !a.flowPlain : !a.blockPlain) style = "single";
      if (value.length === 0 && (this.#flowLevel > 0 || ctx.simpleKey)) style = "single";
    }
    if (style === "single" && !a.single) style = "double";
    if (style === "literal" && (!a.block || this.#flowLevel > 0 || ctx.simpleKey)) style = "double";
    this.#increaseIndent(true, false);
    const allowBreaks = !ctx.simpleKey;
    if (style === "plain") this.#plain(value, allowBreaks);
    else if (style === "single") this.#single(codePointsOf(value), allowBreaks);
    else if (style === "double") this.#double(codePointsOf(value), allowBreaks);
    else this.#literal(value);
    this.#popIndent();
  }

  #plain(value: string, allowBreaks: boolean): void {
    if (value.length > 0 && !this.#whitespace) this.#put(" ");
    // Common case: nothing to fold, so the value goes out in one piece.
    if (
      !allowBreaks ||
      this.#column + value.length <= this.#flavor.bestWidth ||
      !value.includes(" ")
    ) {
      this.#out += value;
      this.#column += codePointLength(value);
      if (value.length > 0) this.#whitespace = false;
      this.#indention = false;
      return;
    }
    const cps = codePointsOf(value);
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < cps.length; i++) {
      const cp = cps[i] as number;
      if (cp === 0x20) {
        if (allowBreaks && !spaces && this.#column > this.#flavor.bestWidth && cps[i + 1] !== 0x20)
          this.#writeIndent();
        else this.#write(cp);
        spaces = true;
      } else if (isBreak(cp)) {
        if (!breaks && cp === 0x0a) this.#putBreak();
        this.#writeBreak(cp);
        breaks = true;
      } else {
        if (breaks) this.#writeIndent();
        this.#write(cp);
        this.#indention = false;
        spaces = false;
        breaks = false;
      }
    }
    if (cps.length > 0) this.#whitespace = false;
    this.#indention = false;
  }

  #single(cps: readonly number[], allowBreaks: boolean): void {
    this.#writeIndicator("'", true, false, false);
    let spaces = false;
    let breaks = false;
    const last = cps.length - 1;
    for (let i = 0; i <= last; i++) {
      const cp = cps[i] as number;
      if (cp === 0x20) {
        if (
          allowBreaks &&
          !spaces &&
          this.#column > this.#flavor.bestWidth &&
          i > 0 &&
          i < last &&
          cps[i + 1] !== 0x20
        )
          this.#writeIndent();
        else this.#write(cp);
        spaces = true;
      } else if (isBreak(cp)) {
        if (!breaks && cp === 0x0a) this.#putBreak();
        this.#writeBreak(cp);
        breaks = true;
      } else {
        if (breaks) this.#writeIndent();
        if (cp === 0x27) this.#put("'");
        this.#write(cp);
        this.#indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.#writeIndicator("'", false, false, false);
    this.#whitespace = false;
    this.#indention = false;
  }

  #double(cps: readonly number[], allowBreaks: boolean): void {
    this.#writeIndicator('"', true, false, false);
    // go-yaml's is_bom() looks at the first bytes of the value, not at the current position,
    // so a value that starts with U+FEFF has every character escaped.
    const bom = cps[0] === 0xfeff;
    let spaces = false;
    const last = cps.length - 1;
    for (let i = 0; i <= last; i++) {
      const cp = cps[i] as number;
      if (!isPrintable(cp) || bom || isBreak(cp) || cp === 0x22 || cp === 0x5c) {
        this.#put("\\");
        const esc = ESCAPES[cp];
        if (esc !== undefined) this.#put(esc);
        else {
          const [letter, width] = cp <= 0xff ? ["x", 2] : cp <= 0xffff ? ["u", 4] : ["U", 8];
          this.#put(letter);
          for (const d of cp.toString(16).toUpperCase().padStart(width, "0")) this.#put(d);
        }
        spaces = false;
      } else if (cp === 0x20) {
        if (allowBreaks && !spaces && this.#column > this.#flavor.bestWidth && i > 0 && i < last) {
          this.#writeIndent();
          if (cps[i + 1] === 0x20) this.#put("\\");
        } else this.#write(cp);
        spaces = true;
      } else {
        this.#write(cp);
        spaces = false;
      }
    }
    this.#writeIndicator('"', false, false, false);
    this.#whitespace = false;
    this.#indention = false;
  }

  #literal(value: string): void {
    this.#writeIndicator("|", true, false, false);
    const first = value.charCodeAt(0);
    if (first === 0x20 || isBreak(first))
      this.#writeIndicator(String(BEST_INDENT), false, false, false);
    let chomp = "";
    const n = value.length;
    if (n === 0 || !isBreak(value.charCodeAt(n - 1))) chomp = "-";
    else if (n === 1 || isBreak(value.charCodeAt(n - 2))) chomp = "+";
    if (chomp) this.#writeIndicator(chomp, false, false, false);
    this.#putBreak();
    this.#whitespace = true;
    // Runs of non-break characters go out whole; each break is written on its own.
    let breaks = true;
    let start = 0;
    for (let i = 0; i <= n; i++) {
      const cp = i < n ? value.charCodeAt(i) : -1;
      if (cp !== -1 && !isBreak(cp)) continue;
      if (i > start) {
        if (breaks) this.#writeIndent();
        const run = value.slice(start, i);
        this.#out += run;
        this.#column += codePointLength(run);
        this.#indention = false;
        breaks = false;
      }
      if (cp !== -1) {
        this.#writeBreak(cp);
        breaks = true;
      }
      start = i + 1;
    }
  }
}

/** Writes one YAML document for the node tree (ends with a newline, as go-yaml does). */
export function emitYaml(node: YamlNode, flavor: EmitFlavor): string {
  return new Emitter(flavor).document(node);
}
