/**
 * Parse tree nodes (Go's text/template/parse nodes). Every node prints back to template
 * source with `nodeString`, which is also the `<…>` context in execution errors.
 */
import { goQuote } from "./fmt.ts";

/** A numeric constant with every interpretation Go's NumberNode records. */
export interface NumberNode {
  readonly kind: "number";
  readonly pos: number;
  readonly text: string;
  readonly isInt: boolean;
  readonly isUint: boolean;
  readonly isFloat: boolean;
  readonly isComplex: boolean;
  /** Real and imaginary parts when isComplex. */
  readonly complex128: readonly [number, number];
  /**
   * The value as an untyped constant in an interface {} context (Go's idealConstant), decided
   * once at parse time: a float64, an int, a complex128, or undefined when it overflows int.
   */
  readonly ideal?: unknown;
  readonly int64: bigint;
  readonly uint64: bigint;
  readonly float64: number;
}

export interface TextNode {
  readonly kind: "text";
  readonly pos: number;
  readonly text: string;
}
export interface CommentNode {
  readonly kind: "comment";
  readonly pos: number;
  readonly text: string;
}
export interface ListNode {
  readonly kind: "list";
  readonly pos: number;
  readonly nodes: Node[];
}
export interface ActionNode {
  readonly kind: "action";
  readonly pos: number;
  readonly line: number;
  readonly pipe: PipeNode;
}
export interface PipeNode {
  readonly kind: "pipe";
  readonly pos: number;
  readonly line: number;
  isAssign: boolean;
  /** Declared variables; the parser shares one empty array between pipelines without any. */
  decl: readonly VariableNode[];
  readonly cmds: CommandNode[];
}
export interface CommandNode {
  readonly kind: "command";
  readonly pos: number;
  readonly args: ArgNode[];
}
export interface IdentifierNode {
  readonly kind: "identifier";
  readonly pos: number;
  readonly ident: string;
}
export interface VariableNode {
  readonly kind: "variable";
  readonly pos: number;
  readonly ident: readonly string[];
}
export interface DotNode {
  readonly kind: "dot";
  readonly pos: number;
}
export interface NilNode {
  readonly kind: "nil";
  readonly pos: number;
}
export interface FieldNode {
  readonly kind: "field";
  readonly pos: number;
  readonly ident: readonly string[];
}
export interface ChainNode {
  readonly kind: "chain";
  readonly pos: number;
  readonly node: ArgNode;
  readonly field: string[];
}
export interface BoolNode {
  readonly kind: "bool";
  readonly pos: number;
  readonly value: boolean;
}
export interface StringNode {
  readonly kind: "string";
  readonly pos: number;
  readonly quoted: string;
  readonly text: string;
}
export interface BranchNode {
  readonly kind: "if" | "range" | "with";
  readonly pos: number;
  readonly line: number;
  readonly pipe: PipeNode;
  readonly list: ListNode;
  readonly elseList: ListNode | undefined;
}
export interface BreakNode {
  readonly kind: "break";
  readonly pos: number;
  readonly line: number;
}
export interface ContinueNode {
  readonly kind: "continue";
  readonly pos: number;
  readonly line: number;
}
export interface TemplateNode {
  readonly kind: "template";
  readonly pos: number;
  readonly line: number;
  readonly name: string;
  readonly pipe: PipeNode | undefined;
}
/** Internal markers returned by the parser for {{else}} and {{end}}. */
export interface ElseNode {
  readonly kind: "else";
  readonly pos: number;
  readonly line: number;
}
export interface EndNode {
  readonly kind: "end";
  readonly pos: number;
}

/** A node that can be a command argument (operand). */
export type ArgNode =
  | IdentifierNode
  | VariableNode
  | DotNode
  | NilNode
  | FieldNode
  | ChainNode
  | BoolNode
  | NumberNode
  | StringNode
  | PipeNode;

/** Any node in a tree. */
export type Node =
  | TextNode
  | CommentNode
  | ListNode
  | ActionNode
  | CommandNode
  | BranchNode
  | BreakNode
  | ContinueNode
  | TemplateNode
  | ElseNode
  | EndNode
  | ArgNode;

/** Prints a node back to template source, as Go's Node.String does. */
export function nodeString(node: Node): string {
  const out: string[] = [];
  writeNode(node, out);
  return out.join("");
}

function writePipe(p: PipeNode, out: string[]): void {
  if (p.decl.length > 0) {
    p.decl.forEach((v, i) => {
      if (i > 0) out.push(", ");
      writeNode(v, out);
    });
    out.push(p.isAssign ? " = " : " := ");
  }
  p.cmds.forEach((c, i) => {
    if (i > 0) out.push(" | ");
    writeNode(c, out);
  });
}

function writeNode(node: Node, out: string[]): void {
  switch (node.kind) {
    case "text":
      out.push(node.text);
      return;
    case "comment":
      out.push("{{", node.text, "}}");
      return;
    case "list":
      for (const n of node.nodes) writeNode(n, out);
      return;
    case "action":
      out.push("{{");
      writePipe(node.pipe, out);
      out.push("}}");
      return;
    case "pipe":
      writePipe(node, out);
      return;
    case "command":
      node.args.forEach((arg, i) => {
        if (i > 0) out.push(" ");
        if (arg.kind === "pipe") {
          out.push("(");
          writePipe(arg, out);
          out.push(")");
        } else {
          writeNode(arg, out);
        }
      });
      return;
    case "identifier":
      out.push(node.ident);
      return;
    case "variable":
      out.push(node.ident.join("."));
      return;
    case "dot":
      out.push(".");
      return;
    case "nil":
      out.push("nil");
      return;
    case "field":
      for (const id of node.ident) out.push(".", id);
      return;
    case "chain":
      if (node.node.kind === "pipe") {
        out.push("(");
        writePipe(node.node, out);
        out.push(")");
      } else {
        writeNode(node.node, out);
      }
      for (const f of node.field) out.push(".", f);
      return;
    case "bool":
      out.push(node.value ? "true" : "false");
      return;
    case "number":
      out.push(node.text);
      return;
    case "string":
      out.push(node.quoted);
      return;
    case "if":
    case "range":
    case "with":
      out.push("{{", node.kind, " ");
      writePipe(node.pipe, out);
      out.push("}}");
      writeNode(node.list, out);
      if (node.elseList !== undefined) {
        out.push("{{else}}");
        writeNode(node.elseList, out);
      }
      out.push("{{end}}");
      return;
    case "break":
      out.push("{{break}}");
      return;
    case "continue":
      out.push("{{continue}}");
      return;
    case "template":
      out.push("{{template ", goQuote(node.name));
      if (node.pipe !== undefined) {
        out.push(" ");
        writePipe(node.pipe, out);
      }
      out.push("}}");
      return;
    case "else":
      out.push("{{else}}");
      return;
    case "end":
      out.push("{{end}}");
      return;
  }
}

/** Reports whether a tree's root holds only whitespace text (Go's parse.IsEmptyTree). */
export function isEmptyTree(node: Node): boolean {
  switch (node.kind) {
    case "list":
      return node.nodes.every(isEmptyTree);
    case "text":
      return node.text.trim().length === 0;
    case "comment":
      return true;
    default:
      return false;
  }
}
