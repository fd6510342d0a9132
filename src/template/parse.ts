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

/** #listEnd before any list has ended. */
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
  const state: ParserState = {
    t: tokens,
    index: 0,
    furthest: 0,
    parseName: name,
    text,
    treeSet,
    defines,
    hasFunction: options.skipFuncCheck ? () => true : hasFunction,
  };
  try {
    const p = new Parser(state, name);
    p.parseTop();
  } catch (err) {
    if (err instanceof ParseFailure) throw err.error;
    throw err;
  } finally {
    releaseTokens(tokens);
  }
  return { trees: treeSet, defines };
}

interface ParserState {
  /** The lexed items; the parser refers to an item by its index. */
  readonly t: Tokens;
  index: number;
  furthest: number;
  readonly parseName: string;
  readonly text: string;
  readonly treeSet: Map<string, Tree>;
  readonly defines: string[];
  readonly hasFunction: (name: string) => boolean;
}

class Parser {
  readonly #s: ParserState;
  #name: string;
  #vars: string[] = ["$"];
  #rangeDepth = 0;
  #actionLine = 0;
  /** The {{end}} or {{else}} that ended the last #itemList (a field, not a returned pair). */
  #listEnd: Node = NO_END;

  constructor(state: ParserState, name: string) {
    this.#s = state;
    this.#name = name;
  }

  // --- token stream -------------------------------------------------------------------------

  #next(): number {
    const s = this.#s;
    let i = s.index;
    // The last item is EOF or Error; reading past it keeps returning it.
    if (i >= s.t.count) i = s.t.count - 1;
    s.index = i + 1;
    if (i > s.furthest) s.furthest = i;
    return i;
  }

  #backup(n = 1): void {
    this.#s.index -= n;
  }

  #peek(): number {
    const item = this.#next();
    this.#backup();
    return item;
  }

  /** The kind of item `i`. */
  #type(i: number): ItemType {
    return this.#s.t.type[i]!;
  }

  #val(i: number): string {
    return tokenVal(this.#s.t, i);
  }

  /** A Field item's name without its leading dot. */
  #fieldName(i: number): string {
    const t = this.#s.t;
    return t.input.slice(t.pos[i]! + 1, t.end[i]!);
  }

  #pos(i: number): number {
    return this.#s.t.pos[i]!;
  }

  #line(i: number): number {
    return this.#s.t.line[i]!;
  }

  #nextNonSpace(): number {
    let item = this.#next();
    while (this.#type(item) === ItemType.Space) item = this.#next();
    return item;
  }

  #peekNonSpace(): number {
    const s = this.#s;
    const types = s.t.type;
    let i = s.index;
    while (i < s.t.count && types[i] === ItemType.Space) i++;
    if (i < s.t.count) {
      // Consume the spaces (as Go's peekNonSpace does) and leave the item pending.
      s.index = i;
      if (i > s.furthest) s.furthest = i;
      return i;
    }
    const item = this.#nextNonSpace();
    this.#backup();
    return item;
  }

  // --- errors --------------------------------------------------------------------------------

  #errorf(reason: string): never {
    const s = this.#s;
    const token = Math.min(s.furthest, s.t.count - 1);
    throw new ParseFailure(
      new TemplateError("TEMPLATE_PARSE", {
        templateName: s.parseName,
        line: token >= 0 ? s.t.line[token]! : 1,
        reason,
      }),
    );
  }

  #unexpected(token: number, context: string): never {
    const val = this.#val(token);
    const line = this.#line(token);
    if (this.#type(token) === ItemType.Error) {
      let extra = "";
      if (this.#actionLine !== 0 && this.#actionLine !== line) {
        extra = ` in action started at ${this.#s.parseName}:${this.#actionLine}`;
        if (val.endsWith(" action")) extra = extra.slice(" in action".length);
      }
      this.#errorf(`${val}${extra}`);
    }
    const item = { type: this.#type(token), pos: this.#pos(token), val, line };
    this.#errorf(`unexpected ${itemString(item)} in ${context}`);
  }

  #expect(expected: ItemType, context: string): number {
    const token = this.#nextNonSpace();
    if (this.#type(token) !== expected) this.#unexpected(token, context);
    return token;
  }

  // --- grammar -------------------------------------------------------------------------------

  /** parse: the top level of a file: text, actions and {{define}} clauses. */
  parseTop(): void {
    const root: ListNode = { kind: "list", pos: this.#pos(this.#peek()), nodes: [] };
    while (this.#type(this.#peek()) !== ItemType.EOF) {
      if (this.#type(this.#peek()) === ItemType.LeftDelim) {
        const delim = this.#next();
        const mark = this.#s.index;
        if (this.#type(this.#nextNonSpace()) === ItemType.Define) {
          const def = new Parser(this.#s, "definition");
          def.#actionLine = this.#line(delim);
          def.parseDefinition();
          continue;
        }
        this.#s.index = mark - 1;
      }
      const n = this.#textOrAction();
      if (n.kind === "end" || n.kind === "else") this.#errorf(`unexpected ${nodeString(n)}`);
      root.nodes.push(n);
    }
    this.#add(root);
  }

  /** define clause: {{define "name"}} list {{end}}. */
  parseDefinition(): void {
    const context = "define clause";
    const name = this.#nextNonSpace();
    if (this.#type(name) !== ItemType.String && this.#type(name) !== ItemType.RawString) {
      this.#unexpected(name, context);
    }
    this.#name = this.#unquote(this.#val(name));
    this.#expect(ItemType.RightDelim, context);
    const root = this.#itemList();
    const end = this.#listEnd;
    if (end.kind !== "end") this.#errorf(`unexpected ${nodeString(end)} in ${context}`);
    this.#s.defines.push(this.#name);
    this.#add(root);
  }

  #add(root: ListNode): void {
    const set = this.#s.treeSet;
    const existing = set.get(this.#name);
    if (existing === undefined || isEmptyTree(existing.root)) {
      set.set(this.#name, {
        name: this.#name,
        parseName: this.#s.parseName,
        root,
        text: this.#s.text,
      });
      return;
    }
    if (!isEmptyTree(root))
      this.#errorf(`template: multiple definition of template "${this.#name}"`);
  }

  #unquote(quoted: string): string {
    const s = unquoteString(quoted);
    if (s === undefined) this.#errorf("invalid syntax");
    return s;
  }

  /** itemList: textOrAction* ending in {{end}} or {{else}}, which it leaves in #listEnd. */
  #itemList(): ListNode {
    const list: ListNode = { kind: "list", pos: this.#pos(this.#peekNonSpace()), nodes: [] };
    while (this.#type(this.#peekNonSpace()) !== ItemType.EOF) {
      const n = this.#textOrAction();
      if (n.kind === "end" || n.kind === "else") {
        this.#listEnd = n;
        return list;
      }
      list.nodes.push(n);
    }
    this.#errorf("unexpected EOF");
  }

  /** textOrAction: text | comment | action. */
  #textOrAction(): Node {
    const token = this.#nextNonSpace();
    switch (this.#type(token)) {
      case ItemType.Text:
        return { kind: "text", pos: this.#pos(token), text: this.#val(token) };
      case ItemType.LeftDelim: {
        this.#actionLine = this.#line(token);
        const n = this.#action();
        this.#actionLine = 0;
        return n;
      }
      case ItemType.Comment:
        return { kind: "comment", pos: this.#pos(token), text: this.#val(token) };
      default:
        this.#unexpected(token, "input");
    }
  }

  /** action: control structure | pipeline. The left delimiter is already consumed. */
  #action(): Node {
    const token = this.#nextNonSpace();
    switch (this.#type(token)) {
      case ItemType.Block:
        return this.#blockControl();
      case ItemType.Break:
      case ItemType.Continue:
        return this.#loopControl(token);
      case ItemType.Else:
        return this.#elseControl();
      case ItemType.End:
        return { kind: "end", pos: this.#pos(this.#expect(ItemType.RightDelim, "end")) };
      case ItemType.If:
        return this.#branch("if");
      case ItemType.Range:
        return this.#branch("range");
      case ItemType.Template:
        return this.#templateControl();
      case ItemType.With:
        return this.#branch("with");
    }
    this.#backup();
    const t = this.#peek();
    return {
      kind: "action",
      pos: this.#pos(t),
      line: this.#line(t),
      pipe: this.#pipeline("command", ItemType.RightDelim),
    };
  }

  #loopControl(token: number): Node {
    const word = this.#type(token) === ItemType.Break ? "break" : "continue";
    const next = this.#nextNonSpace();
    if (this.#type(next) !== ItemType.RightDelim) this.#unexpected(next, `{{${word}}}`);
    if (this.#rangeDepth === 0) this.#errorf(`{{${word}}} outside {{range}}`);
    return { kind: word, pos: this.#pos(token), line: this.#line(token) };
  }

  #elseControl(): Node {
    const peek = this.#peekNonSpace();
    if (this.#type(peek) === ItemType.If || this.#type(peek) === ItemType.With) {
      // "{{else if …}}" is parsed as "{{else}}{{if …}}…{{end}}"; leave the keyword pending.
      return { kind: "else", pos: this.#pos(peek), line: this.#line(peek) };
    }
    const token = this.#expect(ItemType.RightDelim, "else");
    return { kind: "else", pos: this.#pos(token), line: this.#line(token) };
  }

  /** if/range/with: {{kw pipeline}} list [{{else}} list] {{end}}. */
  #branch(context: "if" | "range" | "with"): BranchNode {
    const varCount = this.#vars.length;
    const pipe = this.#pipeline(context, ItemType.RightDelim);
    if (context === "range") this.#rangeDepth++;
    const list = this.#itemList();
    const next = this.#listEnd;
    if (context === "range") this.#rangeDepth--;
    let elseList: ListNode | undefined;
    if (next.kind === "else") {
      const kw = this.#type(this.#peek());
      if (context === "if" && kw === ItemType.If) {
        this.#next();
        elseList = { kind: "list", pos: next.pos, nodes: [this.#branch("if")] };
      } else if (context === "with" && kw === ItemType.With) {
        this.#next();
        elseList = { kind: "list", pos: next.pos, nodes: [this.#branch("with")] };
      } else {
        const l = this.#itemList();
        const end = this.#listEnd;
        if (end.kind !== "end") this.#errorf(`expected end; found ${nodeString(end)}`);
        elseList = l;
      }
    }
    this.#vars.length = varCount;
    return { kind: context, pos: pipe.pos, line: pipe.line, pipe, list, elseList };
  }

  #templateName(token: number, context: string): string {
    if (this.#type(token) === ItemType.String || this.#type(token) === ItemType.RawString) {
      return this.#unquote(this.#val(token));
    }
    this.#unexpected(token, context);
  }

  /** template clause: {{template "name" [pipeline]}}. */
  #templateControl(): TemplateNode {
    const context = "template clause";
    const token = this.#nextNonSpace();
    const name = this.#templateName(token, context);
    let pipe: PipeNode | undefined;
    if (this.#type(this.#nextNonSpace()) !== ItemType.RightDelim) {
      this.#backup();
      pipe = this.#pipeline(context, ItemType.RightDelim);
    }
    return { kind: "template", pos: this.#pos(token), line: this.#line(token), name, pipe };
  }

  /** block clause: {{block "name" pipeline}} list {{end}} = define + template. */
  #blockControl(): TemplateNode {
    const context = "block clause";
    const token = this.#nextNonSpace();
    const name = this.#templateName(token, context);
    let pipe: PipeNode | undefined;
    if (this.#type(this.#nextNonSpace()) !== ItemType.RightDelim) {
      this.#backup();
      pipe = this.#pipeline(context, ItemType.RightDelim);
    }
    const block = new Parser(this.#s, name);
    const root = block.#itemList();
    const end = block.#listEnd;
    if (end.kind !== "end") this.#errorf(`unexpected ${nodeString(end)} in ${context}`);
    this.#s.defines.push(name);
    block.#add(root);
    return { kind: "template", pos: this.#pos(token), line: this.#line(token), name, pipe };
  }

  /** pipeline: [decl] command ('|' command)*. */
  #pipeline(context: string, end: ItemType): PipeNode {
    const start = this.#peekNonSpace();
    const pipe: PipeNode = {
      kind: "pipe",
      pos: this.#pos(start),
      line: this.#line(start),
      isAssign: false,
      decl: NO_DECL,
      cmds: [],
    };
    this.#declarations(pipe, context);
    for (;;) {
      const token = this.#nextNonSpace();
      if (this.#type(token) === end) {
        this.#checkPipeline(pipe, context);
        return pipe;
      }
      switch (this.#type(token)) {
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
          this.#backup();
          pipe.cmds.push(this.#command());
          break;
        default:
          this.#unexpected(token, context);
      }
    }
  }

  #addDecl(pipe: PipeNode, v: number): void {
    const name = this.#val(v);
    const node: VariableNode = { kind: "variable", pos: this.#pos(v), ident: [name] };
    pipe.decl = [...pipe.decl, node];
    this.#vars.push(name);
  }

  #declarations(pipe: PipeNode, context: string): void {
    for (;;) {
      const v = this.#peekNonSpace();
      if (this.#type(v) !== ItemType.Variable) return;
      const mark = this.#s.index;
      this.#nextNonSpace();
      const afterVar = this.#peek();
      const next = this.#peekNonSpace();
      if (this.#type(next) === ItemType.Assign || this.#type(next) === ItemType.Declare) {
        pipe.isAssign = this.#type(next) === ItemType.Assign;
        this.#nextNonSpace();
        this.#addDecl(pipe, v);
        return;
      }
      if (this.#type(next) === ItemType.Char && this.#val(next) === ",") {
        this.#nextNonSpace();
        this.#addDecl(pipe, v);
        if (context === "range" && pipe.decl.length < 2) {
          const t = this.#type(this.#peekNonSpace());
          if (t === ItemType.Variable || t === ItemType.RightDelim || t === ItemType.RightParen) {
            continue;
          }
          this.#errorf("range can only initialize variables");
        }
        this.#errorf(`too many declarations in ${context}`);
      }
      void afterVar;
      this.#s.index = mark;
      return;
    }
  }

  #checkPipeline(pipe: PipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.#errorf(`missing value for ${context}`);
    for (let i = 1; i < pipe.cmds.length; i++) {
      const k = pipe.cmds[i]!.args[0]?.kind;
      if (k === "bool" || k === "dot" || k === "nil" || k === "number" || k === "string") {
        this.#errorf(`non executable command in pipeline stage ${i + 1}`);
      }
    }
  }

  /** command: operand (space operand)*, ending before '|', ')' or the right delimiter. */
  #command(): CommandNode {
    const cmd: CommandNode = { kind: "command", pos: this.#pos(this.#peekNonSpace()), args: [] };
    for (;;) {
      this.#peekNonSpace();
      const operand = this.#operand();
      if (operand !== undefined) cmd.args.push(operand);
      const token = this.#next();
      if (this.#type(token) === ItemType.Space) continue;
      if (this.#type(token) === ItemType.RightDelim || this.#type(token) === ItemType.RightParen) {
        this.#backup();
      } else if (this.#type(token) !== ItemType.Pipe) {
        this.#unexpected(token, "operand");
      }
      break;
    }
    if (cmd.args.length === 0) this.#errorf("empty command");
    return cmd;
  }

  /** operand: term .Field*. */
  #operand(): ArgNode | undefined {
    const node = this.#term();
    if (node === undefined) return undefined;
    if (this.#type(this.#peek()) !== ItemType.Field) return node;
    const pos = this.#pos(this.#peek());
    if (node.kind === "field" || node.kind === "variable") {
      // #term just made this ident list and nothing else holds it: extend it in place.
      const ident = node.ident as string[];
      while (this.#type(this.#peek()) === ItemType.Field) ident.push(this.#fieldName(this.#next()));
      return node.kind === "field"
        ? { kind: "field", pos, ident }
        : { kind: "variable", pos, ident };
    }
    const fields: string[] = [];
    while (this.#type(this.#peek()) === ItemType.Field) fields.push(this.#fieldName(this.#next()));
    switch (node.kind) {
      case "bool":
      case "string":
      case "number":
      case "nil":
      case "dot":
        this.#errorf(`unexpected . after term ${JSON.stringify(nodeString(node))}`);
    }
    return { kind: "chain", pos, node, field: fields };
  }

  /** term: literal | function | . | nil | $var | .Field | '(' pipeline ')'. */
  #term(): ArgNode | undefined {
    const token = this.#nextNonSpace();
    switch (this.#type(token)) {
      case ItemType.Identifier: {
        const name = this.#val(token);
        if (!this.#s.hasFunction(name)) this.#errorf(`function "${name}" not defined`);
        return { kind: "identifier", pos: this.#pos(token), ident: name };
      }
      case ItemType.Dot:
        return { kind: "dot", pos: this.#pos(token) };
      case ItemType.Nil:
        return { kind: "nil", pos: this.#pos(token) };
      case ItemType.Variable:
        return this.#useVar(token);
      case ItemType.Field:
        return { kind: "field", pos: this.#pos(token), ident: [this.#fieldName(token)] };
      case ItemType.Bool:
        return { kind: "bool", pos: this.#pos(token), value: this.#val(token) === "true" };
      case ItemType.CharConstant:
      case ItemType.Complex:
      case ItemType.Number:
        return this.#number(token);
      case ItemType.LeftParen:
        return this.#pipeline("parenthesized pipeline", ItemType.RightParen);
      case ItemType.String:
      case ItemType.RawString: {
        const quoted = this.#val(token);
        return { kind: "string", pos: this.#pos(token), quoted, text: this.#unquote(quoted) };
      }
    }
    this.#backup();
    return undefined;
  }

  #useVar(token: number): VariableNode {
    const val = this.#val(token);
    const ident = val.includes(".") ? val.split(".") : [val];
    if (!this.#vars.includes(ident[0]!)) this.#errorf(`undefined variable "${ident[0]}"`);
    return { kind: "variable", pos: this.#pos(token), ident };
  }

  #number(token: number): NumberNode {
    const text = this.#val(token);
    const r = parseNumber(text, this.#type(token));
    if (typeof r === "string") this.#errorf(r);
    // Spelled out, not spread: a spread literal gets a fresh object shape per node.
    return {
      kind: "number",
      pos: this.#pos(token),
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
