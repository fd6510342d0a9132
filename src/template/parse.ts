/**
 * The text/template parser (Go 1.25 parse.Tree): builds trees from lexer items, checks that
 * functions and variables exist, and collects {{define}}/{{block}} trees into a set.
 */
import { TemplateError } from "./errors.ts";
import {
  ItemType,
  itemString,
  type LexOptions,
  lexTokens,
  releaseTokens,
  type Tokens,
  tokenVal,
} from "./lex.ts";
import {
  type ArgNode,
  type BranchNode,
  type CommandNode,
  isEmptyTree,
  type ListNode,
  type Node,
  type NumberNode,
  nodeString,
  type PipeNode,
  type TemplateNode,
  type VariableNode,
} from "./node.ts";
import { idealValue, parseNumber } from "./number.ts";
import { unquoteString } from "./unquote.ts";
import { GoInt } from "./value.ts";

/** A parsed template: its name, the file it came from (ParseName) and its root list. */
export interface Tree {
  readonly name: string;
  readonly parseName: string;
  readonly root: ListNode;
  /** The source text, for error positions (line:col). */
  readonly text: string;
}

/** Parser options. */
export interface ParseOptions {
  readonly leftDelim?: string;
  readonly rightDelim?: string;
  /** Whether an identifier names a function (checked at parse time, as Go). */
  readonly hasFunction?: (name: string) => boolean;
  /** Skip the function check (Go's SkipFuncCheck). */
  readonly skipFuncCheck?: boolean;
  /** Keep comments as nodes (Go's ParseComments). */
  readonly parseComments?: boolean;
}

/** The decl list of every pipeline that declares nothing (frozen: shared). */
const NO_DECL: readonly VariableNode[] = Object.freeze([]);

/** The complex128 of a number that is not complex (read only when isComplex). */
const NOT_COMPLEX: readonly [number, number] = Object.freeze([0, 0] as [number, number]);

/** GoInt constants of small decimals by text (the first 1024), shared by nodes (immutable). */
const SMALL_INTS = new Map<string, GoInt>();

/** Whether `text` is 0 or a decimal int of up to 15 digits without a leading zero or sign. */
function isSmallDecimal(text: string): boolean {
  const n = text.length;
  if (n > 15) return false;
  const c0 = text.charCodeAt(0);
  if (c0 === 48) return n === 1;
  if (c0 < 49 || c0 > 57) return false;
  for (let k = 1; k < n; k++) {
    const c = text.charCodeAt(k);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** listEnd before any list has ended. */
const NO_END: Node = { kind: "end", pos: 0 };

/** Thrown inside the parser; carries a ready TemplateError. */
class ParseFailure {
  constructor(readonly error: TemplateError) {}
}

/**
 * Parses `text` as the template `name`; returns every tree it defines, the top-level one under
 * `name` (Go's parse.Parse). Throws TemplateError (TEMPLATE_PARSE) with Go's message.
 * @throws {TemplateError} TEMPLATE_PARSE
 */
export function parseTemplate(
  name: string,
  text: string,
  options: ParseOptions = {},
): Map<string, Tree> {
  return parseTemplateDefines(name, text, options).trees;
}

/** A parse result with the names of its {{define}}/{{block}} clauses, in order. */
export interface ParseResult {
  readonly trees: Map<string, Tree>;
  readonly defines: readonly string[];
}

/**
 * parseTemplate, also naming the templates the text defines (lets a caller tell whether the
 * result depends on `name`: only when a definition is called like it).
 * @throws {TemplateError} TEMPLATE_PARSE
 */
export function parseTemplateDefines(
  name: string,
  text: string,
  options: ParseOptions = {},
): ParseResult {
  const defines: string[] = [];
  const treeSet = new Map<string, Tree>();
  const hasFunction = options.hasFunction ?? (() => false);
  // One object shape for every call (conditional spreads would make a new shape each time).
  const lexOptions: { -readonly [K in keyof LexOptions]: LexOptions[K] } = {
    emitComment: options.parseComments ?? false,
    breakOK: !hasFunction("break"),
    continueOK: !hasFunction("continue"),
  };
  if (options.leftDelim !== undefined) lexOptions.leftDelim = options.leftDelim;
  if (options.rightDelim !== undefined) lexOptions.rightDelim = options.rightDelim;
  const tokens = lexTokens(text, lexOptions);
  const shared: Shared = {
    tokens,
    parseName: name,
    text,
    treeSet,
    defines,
    hasFunction: options.skipFuncCheck ? () => true : hasFunction,
  };
  try {
    new Parser(shared, name, 0, 0).parseTop();
  } catch (err) {
    if (err instanceof ParseFailure) throw err.error;
    throw err;
  } finally {
    releaseTokens(tokens);
  }
  return { trees: treeSet, defines };
}

/** What the parsers of one text share (a {{define}} or {{block}} body gets its own Parser). */
interface Shared {
  /** The lexed items; the parser refers to an item by its index. */
  readonly tokens: Tokens;
  readonly parseName: string;
  readonly text: string;
  readonly treeSet: Map<string, Tree>;
  readonly defines: string[];
  readonly hasFunction: (name: string) => boolean;
}

/**
 * One tree's parser (Go's parse.Tree while parsing). Shaped for the first, cold pass, the only
 * one a CLI run makes, which runs mostly in JSC's interpreter (LLInt) and Baseline tier: no
 * inlining, every call a real call, every property load a cache check. Hence the token arrays
 * are fields (one load, then a local); the hot paths (itemList, textOrAction, action, pipeline,
 * command, operand) inline the stream steps (next, peek, nextNonSpace, peekNonSpace), keeping
 * their exact effects on `i` and `furthest` (which decide an error's line); and the members are
 * TS `private`, not `#private`: there a #field read is three bytecodes (the private name is
 * looked up in scope first) and a #method call adds a brand check (~15% of the parse, LLInt).
 */
class Parser {
  private readonly sh: Shared;
  private readonly type: Uint8Array;
  private readonly pos: Int32Array;
  private readonly end: Int32Array;
  private readonly line: Int32Array;
  private readonly input: string;
  /** The last item, EOF or Error (never Space): reading past it keeps returning it. */
  private readonly last: number;
  /** The next item to read. */
  private i: number;
  /** The furthest item read or peeked; errors report its line (Go's lookahead token[0]). */
  private furthest: number;
  private name: string;
  private vars: string[];
  private rangeDepth: number;
  private actionLine: number;
  /** The {{end}} or {{else}} that ended the last itemList (a field, not a returned pair). */
  private listEnd: Node;

  constructor(sh: Shared, name: string, i: number, furthest: number) {
    const t = sh.tokens;
    this.sh = sh;
    this.type = t.type;
    this.pos = t.pos;
    this.end = t.end;
    this.line = t.line;
    this.input = t.input;
    this.last = t.count - 1;
    this.i = i;
    this.furthest = furthest;
    this.name = name;
    this.vars = ["$"];
    this.rangeDepth = 0;
    this.actionLine = 0;
    this.listEnd = NO_END;
  }

  /** A parser for a {{define}}/{{block}} body, reading on from here (hand back with resume). */
  private child(name: string): Parser {
    return new Parser(this.sh, name, this.i, this.furthest);
  }

  private resume(child: Parser): void {
    this.i = child.i;
    this.furthest = child.furthest;
  }

  // --- token stream (the hot paths inline these) ---------------------------------------------

  private next(): number {
    let i = this.i;
    if (i > this.last) i = this.last;
    this.i = i + 1;
    if (i > this.furthest) this.furthest = i;
    return i;
  }

  /** Go's next+backup: past the end it leaves the last item pending. */
  private peek(): number {
    let i = this.i;
    if (i > this.last) {
      i = this.last;
      this.i = i;
    }
    if (i > this.furthest) this.furthest = i;
    return i;
  }

  private nextNonSpace(): number {
    const type = this.type;
    let i = this.i;
    if (i > this.last) i = this.last;
    while (type[i] === ItemType.Space) i++;
    this.i = i + 1;
    if (i > this.furthest) this.furthest = i;
    return i;
  }

  /** Consumes the spaces (as Go's peekNonSpace does) and leaves the item after them pending. */
  private peekNonSpace(): number {
    const type = this.type;
    let i = this.i;
    if (i > this.last) i = this.last;
    while (type[i] === ItemType.Space) i++;
    this.i = i;
    if (i > this.furthest) this.furthest = i;
    return i;
  }

  /** The text of item `i` (an Error item's is its message). */
  private val(i: number): string {
    return tokenVal(this.sh.tokens, i);
  }

  /** The source text of item `i`, which is not an Error item. */
  private src(i: number): string {
    return this.input.slice(this.pos[i]!, this.end[i]!);
  }

  // --- errors --------------------------------------------------------------------------------

  private errorf(reason: string): never {
    const token = Math.min(this.furthest, this.last);
    throw new ParseFailure(
      new TemplateError("TEMPLATE_PARSE", {
        templateName: this.sh.parseName,
        line: token >= 0 ? this.line[token]! : 1,
        reason,
      }),
    );
  }

  private unexpected(token: number, context: string): never {
    const val = this.val(token);
    const line = this.line[token]!;
    const type = this.type[token]! as ItemType;
    if (type === ItemType.Error) {
      let extra = "";
      if (this.actionLine !== 0 && this.actionLine !== line) {
        extra = ` in action started at ${this.sh.parseName}:${this.actionLine}`;
        if (val.endsWith(" action")) extra = extra.slice(" in action".length);
      }
      this.errorf(`${val}${extra}`);
    }
    const item = { type, pos: this.pos[token]!, val, line };
    this.errorf(`unexpected ${itemString(item)} in ${context}`);
  }

  private expect(expected: ItemType, context: string): number {
    const token = this.nextNonSpace();
    if (this.type[token] !== expected) this.unexpected(token, context);
    return token;
  }

  // --- grammar -------------------------------------------------------------------------------

  /** parse: the top level of a file: text, actions and {{define}} clauses. */
  parseTop(): void {
    const type = this.type;
    const root: ListNode = { kind: "list", pos: this.pos[this.peek()]!, nodes: [] };
    const nodes = root.nodes;
    for (;;) {
      const delim = this.peek();
      const t = type[delim];
      if (t === ItemType.EOF) break;
      if (t === ItemType.LeftDelim) {
        this.i = delim + 1;
        if (type[this.nextNonSpace()] === ItemType.Define) {
          const def = this.child("definition");
          def.actionLine = this.line[delim]!;
          def.parseDefinition();
          this.resume(def);
          continue;
        }
        this.i = delim;
      }
      const n = this.textOrAction();
      if (n.kind === "end" || n.kind === "else") this.errorf(`unexpected ${nodeString(n)}`);
      nodes.push(n);
    }
    this.add(root);
  }

  /** define clause: {{define "name"}} list {{end}}. */
  parseDefinition(): void {
    const context = "define clause";
    const name = this.nextNonSpace();
    if (this.type[name] !== ItemType.String && this.type[name] !== ItemType.RawString) {
      this.unexpected(name, context);
    }
    this.name = this.unquote(this.src(name));
    this.expect(ItemType.RightDelim, context);
    const root = this.itemList();
    const end = this.listEnd;
    if (end.kind !== "end") this.errorf(`unexpected ${nodeString(end)} in ${context}`);
    this.sh.defines.push(this.name);
    this.add(root);
  }

  private add(root: ListNode): void {
    const set = this.sh.treeSet;
    const existing = set.get(this.name);
    if (existing === undefined || isEmptyTree(existing.root)) {
      set.set(this.name, {
        name: this.name,
        parseName: this.sh.parseName,
        root,
        text: this.sh.text,
      });
      return;
    }
    if (!isEmptyTree(root)) this.errorf(`template: multiple definition of template "${this.name}"`);
  }

  /** The text of a String or RawString item. */
  private unquote(quoted: string): string {
    // The lexer ends a "…" item at its first unescaped quote and rejects a newline in it, so
    // without a backslash its body is its text (what unquoteString returns, more slowly).
    if (quoted.charCodeAt(0) === 34 && quoted.indexOf("\\") < 0) return quoted.slice(1, -1);
    const s = unquoteString(quoted);
    if (s === undefined) this.errorf("invalid syntax");
    return s;
  }

  /** itemList: textOrAction* ending in {{end}} or {{else}}, which it leaves in listEnd. */
  private itemList(): ListNode {
    const type = this.type;
    const last = this.last;
    const list: ListNode = { kind: "list", pos: this.pos[this.peekNonSpace()]!, nodes: [] };
    const nodes = list.nodes;
    for (;;) {
      // peekNonSpace, inlined.
      let i = this.i;
      if (i > last) i = last;
      while (type[i] === ItemType.Space) i++;
      this.i = i;
      if (i > this.furthest) this.furthest = i;
      if (type[i] === ItemType.EOF) break;
      const n = this.textOrAction();
      if (n.kind === "end" || n.kind === "else") {
        this.listEnd = n;
        return list;
      }
      nodes.push(n);
    }
    this.errorf("unexpected EOF");
  }

  /** textOrAction: text | comment | action. */
  private textOrAction(): Node {
    const type = this.type;
    // nextNonSpace, inlined.
    let token = this.i;
    if (token > this.last) token = this.last;
    while (type[token] === ItemType.Space) token++;
    this.i = token + 1;
    if (token > this.furthest) this.furthest = token;
    switch (type[token]) {
      case ItemType.Text: {
        const pos = this.pos[token]!;
        return { kind: "text", pos, text: this.input.slice(pos, this.end[token]!) };
      }
      case ItemType.LeftDelim: {
        this.actionLine = this.line[token]!;
        const n = this.action();
        this.actionLine = 0;
        return n;
      }
      case ItemType.Comment:
        return { kind: "comment", pos: this.pos[token]!, text: this.src(token) };
      default:
        this.unexpected(token, "input");
    }
  }

  /** action: control structure | pipeline. The left delimiter is already consumed. */
  private action(): Node {
    const type = this.type;
    // nextNonSpace, inlined.
    let token = this.i;
    if (token > this.last) token = this.last;
    while (type[token] === ItemType.Space) token++;
    this.i = token + 1;
    if (token > this.furthest) this.furthest = token;
    switch (type[token]) {
      case ItemType.Block:
        return this.blockControl();
      case ItemType.Break:
      case ItemType.Continue:
        return this.loopControl(token);
      case ItemType.Else:
        return this.elseControl();
      case ItemType.End:
        return { kind: "end", pos: this.pos[this.expect(ItemType.RightDelim, "end")]! };
      case ItemType.If:
        return this.branch("if");
      case ItemType.Range:
        return this.branch("range");
      case ItemType.Template:
        return this.templateControl();
      case ItemType.With:
        return this.branch("with");
    }
    this.i = token; // Go's backup + peek: the pipeline starts at this item
    return {
      kind: "action",
      pos: this.pos[token]!,
      line: this.line[token]!,
      pipe: this.pipeline("command", ItemType.RightDelim),
    };
  }

  private loopControl(token: number): Node {
    const word = this.type[token] === ItemType.Break ? "break" : "continue";
    const next = this.nextNonSpace();
    if (this.type[next] !== ItemType.RightDelim) this.unexpected(next, `{{${word}}}`);
    if (this.rangeDepth === 0) this.errorf(`{{${word}}} outside {{range}}`);
    return { kind: word, pos: this.pos[token]!, line: this.line[token]! };
  }

  private elseControl(): Node {
    const peek = this.peekNonSpace();
    const t = this.type[peek];
    if (t === ItemType.If || t === ItemType.With) {
      // "{{else if …}}" is parsed as "{{else}}{{if …}}…{{end}}"; leave the keyword pending.
      return { kind: "else", pos: this.pos[peek]!, line: this.line[peek]! };
    }
    const token = this.expect(ItemType.RightDelim, "else");
    return { kind: "else", pos: this.pos[token]!, line: this.line[token]! };
  }

  /** if/range/with: {{kw pipeline}} list [{{else}} list] {{end}}. */
  private branch(context: "if" | "range" | "with"): BranchNode {
    const varCount = this.vars.length;
    const pipe = this.pipeline(context, ItemType.RightDelim);
    if (context === "range") this.rangeDepth++;
    const list = this.itemList();
    const next = this.listEnd;
    if (context === "range") this.rangeDepth--;
    let elseList: ListNode | undefined;
    if (next.kind === "else") {
      const kw = this.type[this.peek()];
      if (context === "if" && kw === ItemType.If) {
        this.next();
        elseList = { kind: "list", pos: next.pos, nodes: [this.branch("if")] };
      } else if (context === "with" && kw === ItemType.With) {
        this.next();
        elseList = { kind: "list", pos: next.pos, nodes: [this.branch("with")] };
      } else {
        const l = this.itemList();
        const end = this.listEnd;
        if (end.kind !== "end") this.errorf(`expected end; found ${nodeString(end)}`);
        elseList = l;
      }
    }
    this.vars.length = varCount;
    return { kind: context, pos: pipe.pos, line: pipe.line, pipe, list, elseList };
  }

  private templateName(token: number, context: string): string {
    if (this.type[token] === ItemType.String || this.type[token] === ItemType.RawString) {
      return this.unquote(this.src(token));
    }
    this.unexpected(token, context);
  }

  /** template clause: {{template "name" [pipeline]}}. */
  private templateControl(): TemplateNode {
    const context = "template clause";
    const token = this.nextNonSpace();
    const name = this.templateName(token, context);
    let pipe: PipeNode | undefined;
    if (this.type[this.nextNonSpace()] !== ItemType.RightDelim) {
      this.i--;
      pipe = this.pipeline(context, ItemType.RightDelim);
    }
    return { kind: "template", pos: this.pos[token]!, line: this.line[token]!, name, pipe };
  }

  /** block clause: {{block "name" pipeline}} list {{end}} = define + template. */
  private blockControl(): TemplateNode {
    const context = "block clause";
    const token = this.nextNonSpace();
    const name = this.templateName(token, context);
    let pipe: PipeNode | undefined;
    if (this.type[this.nextNonSpace()] !== ItemType.RightDelim) {
      this.i--;
      pipe = this.pipeline(context, ItemType.RightDelim);
    }
    const block = this.child(name);
    const root = block.itemList();
    this.resume(block);
    const end = block.listEnd;
    if (end.kind !== "end") this.errorf(`unexpected ${nodeString(end)} in ${context}`);
    this.sh.defines.push(name);
    block.add(root);
    return { kind: "template", pos: this.pos[token]!, line: this.line[token]!, name, pipe };
  }

  /** pipeline: [decl] command ('|' command)*. */
  private pipeline(context: string, end: ItemType): PipeNode {
    const type = this.type;
    const last = this.last;
    const start = this.peekNonSpace();
    const pipe: PipeNode = {
      kind: "pipe",
      pos: this.pos[start]!,
      line: this.line[start]!,
      isAssign: false,
      decl: NO_DECL,
      cmds: [],
    };
    if (type[start] === ItemType.Variable) this.declarations(pipe, context);
    for (;;) {
      // nextNonSpace, inlined; an operand's first item is left pending (Go's backup).
      let token = this.i;
      if (token > last) token = last;
      while (type[token] === ItemType.Space) token++;
      if (token > this.furthest) this.furthest = token;
      const t = type[token];
      if (t === end) {
        this.i = token + 1;
        if (pipe.cmds.length !== 1) this.checkPipeline(pipe, context);
        return pipe;
      }
      switch (t) {
        case ItemType.Bool:
        case ItemType.CharConstant:
        case ItemType.Complex:
        case ItemType.Dot:
        case ItemType.Field:
        case ItemType.Identifier:
        case ItemType.Number:
        case ItemType.Nil:
        case ItemType.RawString:
        case ItemType.String:
        case ItemType.Variable:
        case ItemType.LeftParen:
          this.i = token;
          pipe.cmds.push(this.command(token));
          break;
        default:
          this.i = token + 1;
          this.unexpected(token, context);
      }
    }
  }

  private addDecl(pipe: PipeNode, v: number): void {
    const name = this.src(v);
    const node: VariableNode = { kind: "variable", pos: this.pos[v]!, ident: [name] };
    pipe.decl = [...pipe.decl, node];
    this.vars.push(name);
  }

  private declarations(pipe: PipeNode, context: string): void {
    const type = this.type;
    for (;;) {
      const v = this.peekNonSpace();
      if (type[v] !== ItemType.Variable) return;
      const mark = this.i;
      this.nextNonSpace();
      this.peek(); // as Go (its lookahead decides the error line)
      const next = this.peekNonSpace();
      const t = type[next];
      if (t === ItemType.Assign || t === ItemType.Declare) {
        pipe.isAssign = t === ItemType.Assign;
        this.nextNonSpace();
        this.addDecl(pipe, v);
        return;
      }
      if (t === ItemType.Char && this.src(next) === ",") {
        this.nextNonSpace();
        this.addDecl(pipe, v);
        if (context === "range" && pipe.decl.length < 2) {
          const t = type[this.peekNonSpace()];
          if (t === ItemType.Variable || t === ItemType.RightDelim || t === ItemType.RightParen) {
            continue;
          }
          this.errorf("range can only initialize variables");
        }
        this.errorf(`too many declarations in ${context}`);
      }
      this.i = mark;
      return;
    }
  }

  private checkPipeline(pipe: PipeNode, context: string): void {
    const cmds = pipe.cmds;
    if (cmds.length === 0) this.errorf(`missing value for ${context}`);
    for (let i = 1; i < cmds.length; i++) {
      const k = cmds[i]!.args[0]?.kind;
      if (k === "bool" || k === "dot" || k === "nil" || k === "number" || k === "string") {
        this.errorf(`non executable command in pipeline stage ${i + 1}`);
      }
    }
  }

  /**
   * command: operand (space operand)*, ending before '|', ')' or the right delimiter. `first`
   * is its first item, pending.
   */
  private command(first: number): CommandNode {
    const type = this.type;
    const cmd: CommandNode = { kind: "command", pos: this.pos[first]!, args: [] };
    const args = cmd.args;
    for (;;) {
      // (Go peeks past spaces here; operand skips them with the same effects.)
      const operand = this.operand();
      if (operand !== undefined) args.push(operand);
      // next, inlined.
      let token = this.i;
      if (token > this.last) token = this.last;
      this.i = token + 1;
      if (token > this.furthest) this.furthest = token;
      const t = type[token];
      if (t === ItemType.Space) continue;
      if (t === ItemType.RightDelim || t === ItemType.RightParen) {
        this.i = token;
      } else if (t !== ItemType.Pipe) {
        this.unexpected(token, "operand");
      }
      break;
    }
    if (args.length === 0) this.errorf("empty command");
    return cmd;
  }

  /**
   * operand: term .Field*, where term is literal | function | . | nil | $var | .Field |
   * '(' pipeline ')'; undefined (and nothing consumed) if no term starts here. One method, not
   * Go's operand + term: a call fewer per operand, and a .Field or $var chain becomes one node.
   */
  private operand(): ArgNode | undefined {
    const type = this.type;
    const last = this.last;
    const posOf = this.pos;
    // nextNonSpace, inlined.
    let token = this.i;
    if (token > last) token = last;
    while (type[token] === ItemType.Space) token++;
    this.i = token + 1;
    if (token > this.furthest) this.furthest = token;
    const t = type[token];
    // A field or variable's ident list, or the node of any other term.
    let ident: string[] | undefined;
    let node: ArgNode | undefined;
    switch (t) {
      case ItemType.Field:
        ident = [this.input.slice(posOf[token]! + 1, this.end[token]!)];
        break;
      case ItemType.Variable:
        ident = this.useVar(token);
        break;
      case ItemType.Identifier: {
        const name = this.src(token);
        if (!this.sh.hasFunction(name)) this.errorf(`function "${name}" not defined`);
        node = { kind: "identifier", pos: posOf[token]!, ident: name };
        break;
      }
      case ItemType.Dot:
        node = { kind: "dot", pos: posOf[token]! };
        break;
      case ItemType.Nil:
        node = { kind: "nil", pos: posOf[token]! };
        break;
      case ItemType.Bool:
        node = { kind: "bool", pos: posOf[token]!, value: this.src(token) === "true" };
        break;
      case ItemType.CharConstant:
      case ItemType.Complex:
      case ItemType.Number:
        node = this.number(token);
        break;
      case ItemType.LeftParen:
        node = this.pipeline("parenthesized pipeline", ItemType.RightParen);
        break;
      case ItemType.String:
      case ItemType.RawString: {
        const quoted = this.src(token);
        node = { kind: "string", pos: posOf[token]!, quoted, text: this.unquote(quoted) };
        break;
      }
      default:
        this.i = token;
        return undefined;
    }
    // peek, inlined: is a .Field chain next?
    let next = this.i;
    if (next > last) {
      next = last;
      this.i = next;
    }
    if (next > this.furthest) this.furthest = next;
    if (type[next] !== ItemType.Field) {
      if (ident === undefined) return node;
      return t === ItemType.Field
        ? { kind: "field", pos: posOf[token]!, ident }
        : { kind: "variable", pos: posOf[token]!, ident };
    }
    // The chain's position is its first .Field's (Go's newChain(peek().pos, …)).
    const pos = posOf[next]!;
    const fields = ident ?? [];
    do {
      fields.push(this.input.slice(posOf[next]! + 1, this.end[next]!));
      // next then peek, inlined.
      next++;
      if (next > last) next = last;
      this.i = next;
      if (next > this.furthest) this.furthest = next;
    } while (type[next] === ItemType.Field);
    if (ident !== undefined) {
      return t === ItemType.Field
        ? { kind: "field", pos, ident }
        : { kind: "variable", pos, ident };
    }
    switch (node!.kind) {
      case "bool":
      case "string":
      case "number":
      case "nil":
      case "dot":
        this.errorf(`unexpected . after term ${JSON.stringify(nodeString(node!))}`);
    }
    return { kind: "chain", pos, node: node!, field: fields };
  }

  /** A $variable's ident list, checked to be in scope. */
  private useVar(token: number): string[] {
    const val = this.src(token);
    const ident = val.includes(".") ? val.split(".") : [val];
    if (!this.vars.includes(ident[0]!)) this.errorf(`undefined variable "${ident[0]}"`);
    return ident;
  }

  private number(token: number): NumberNode {
    const text = this.src(token);
    if (isSmallDecimal(text)) {
      // Most numbers in templates are small ints (`nindent 4`); skip parseNumber's and
      // idealValue's regular expressions (the facts are the ones parseNumber finds).
      let ideal = SMALL_INTS.get(text);
      if (ideal === undefined) {
        ideal = new GoInt(BigInt(text));
        if (SMALL_INTS.size < 1024) SMALL_INTS.set(text, ideal);
      }
      const int = ideal.value;
      return {
        kind: "number",
        pos: this.pos[token]!,
        text,
        isInt: true,
        isUint: true,
        isFloat: true,
        isComplex: false,
        complex128: NOT_COMPLEX,
        int64: int,
        uint64: int,
        float64: Number(int),
        ideal,
      };
    }
    const r = parseNumber(text, this.type[token]!);
    if (typeof r === "string") this.errorf(r);
    // Spelled out, not spread: a spread literal gets a fresh object shape per node.
    return {
      kind: "number",
      pos: this.pos[token]!,
      text,
      isInt: r.isInt,
      isUint: r.isUint,
      isFloat: r.isFloat,
      isComplex: r.isComplex,
      complex128: r.complex128,
      int64: r.int64,
      uint64: r.uint64,
      float64: r.float64,
      ideal: idealValue(text, r),
    };
  }
}
