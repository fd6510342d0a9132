/**
 * The text/template executor (Go's exec.go) over the value model: walks a tree with a dot
 * and variables, evaluates pipelines, fields, methods and function calls with Go's argument
 * conversions, and raises Go's exact execution errors.
 *
 * Values: `undefined` is Go's invalid reflect.Value, `null` a nil interface (value.ts).
 */
import { BUILTIN_MAP, truthOf } from "./builtins.ts";
import { TemplateError } from "./errors.ts";
import { formatValue, goQuote, goTypeName, isGoFuncValue, sortedKeys } from "./fmt.ts";
import { byteLen } from "./gostring.ts";
import {
  type ArgNode,
  type BranchNode,
  type ChainNode,
  type CommandNode,
  type IdentifierNode,
  type Node,
  type NumberNode,
  nodeString,
  type PipeNode,
  type TemplateNode,
  type VariableNode,
} from "./node.ts";
import type { Tree } from "./parse.ts";
import {
  GO_METHODS,
  type GoFunc,
  GoInt,
  GoStruct,
  type GoType,
  isExportedName,
  isGoMap,
  methodsOf,
} from "./value.ts";

/** How a missing map key evaluates (Go's "missingkey" option). */
export type MissingKey = "default" | "invalid" | "zero" | "error";

/**
 * Nesting limit for {{template}} calls. Go allows 100000 on a growable stack; a JS stack
 * holds far fewer frames, so hcp stops at this depth with Go's message.
 */
export const MAX_TEMPLATE_DEPTH = 1000;

/** Upper bound on iterations of `range` over an integer, so `range 1e18` cannot hang. */
export const MAX_RANGE_INT = 10_000_000;

/** What the executor needs from the template set. */
export interface ExecEnv {
  lookup(name: string): Tree | undefined;
  findFunction(name: string): GoFunc | undefined;
  readonly missingKey: MissingKey;
  /**
   * Replaced whenever the functions change: identifier nodes cache the function they resolved
   * to under this token (a set and its tpl clones share trees but not functions).
   */
  readonly funcsToken: object;
}

/** An identifier node with the function it resolved to under `fnToken` (see evalFunction). */
type CachedIdentifier = IdentifierNode & {
  fnToken?: object;
  fn?: GoFunc;
  fnBuiltin?: boolean;
};

/** A number node with the Go int it passes to an int parameter (GoInt is immutable). */
type CachedNumber = NumberNode & { goInt?: GoInt };

const SMALL_INT_COUNT = 1024;
/** Filled on demand: building all 1024 up front cost ~1 ms of every start. */
const SMALL_INTS: (GoInt | undefined)[] = new Array(SMALL_INT_COUNT).fill(undefined);

/** A Go int; small ones are shared (GoInt is immutable), which spares range loops allocations. */
function smallInt(i: number): GoInt {
  if (i >= SMALL_INT_COUNT) return new GoInt(i);
  let v = SMALL_INTS[i];
  if (v === undefined) {
    v = new GoInt(i);
    SMALL_INTS[i] = v;
  }
  return v;
}

/** The "no final value" marker (Go's missingVal). */
const MISSING: unique symbol = Symbol("missing");
type Final = unknown;

class BreakSignal {}
class ContinueSignal {}
const BREAK = new BreakSignal();
const CONTINUE = new ContinueSignal();

interface Variable {
  readonly name: string;
  value: unknown;
  /** The value sits in an interface {} (a slice element or map value), as Go's type names. */
  boxed: boolean;
}

/**
 * Where execution writes. A string grown with `+=` (JS engines build it as a rope) costs less
 * than an array of pieces joined at the end.
 */
export interface Output {
  text: string;
}

/** Shared empty argument list for the intermediate links of a field chain. */
const NO_ARGS: readonly ArgNode[] = [];

/**
 * Executes the tree with dot `data`, appending output to `out`; throws TemplateError.
 * @throws {TemplateError} TEMPLATE_EXEC
 */
export function executeTree(env: ExecEnv, tree: Tree, data: unknown, out: Output): void {
  const s = new State(env, tree, out, 0, data);
  try {
    s.walk(data, tree.root);
  } catch (err) {
    if (err instanceof RangeError && /call stack/i.test(err.message)) {
      s.errorf(`exceeded maximum template depth (${MAX_TEMPLATE_DEPTH})`);
    }
    throw err;
  }
}

class State {
  readonly env: ExecEnv;
  readonly tmpl: Tree;
  readonly out: Output;
  readonly depth: number;
  readonly vars: Variable[];
  node: Node | undefined = undefined;
  /** Whether dot came out of a slice or map (Go reports its type as interface {}). */
  dotBoxed = false;

  /** `dollar` is the value of `$`, the template's initial dot. */
  constructor(env: ExecEnv, tmpl: Tree, out: Output, depth: number, dollar: unknown) {
    this.env = env;
    this.tmpl = tmpl;
    this.out = out;
    this.depth = depth;
    this.vars = [{ name: "$", value: dollar, boxed: false }];
  }

  // --- errors --------------------------------------------------------------------------------

  errorf(reason: string, cause?: unknown): never {
    const name = this.tmpl.name;
    if (this.node === undefined) {
      throw new TemplateError(
        "TEMPLATE_EXEC",
        { templateName: name, line: 0, column: 0, reason },
        cause,
      );
    }
    const pos = this.node.pos;
    const text = this.tmpl.text;
    const nl = text.lastIndexOf("\n", pos - 1);
    const lineStart = nl < 0 ? 0 : nl + 1;
    let line = 1;
    for (let i = text.indexOf("\n"); i >= 0 && i < pos; i = text.indexOf("\n", i + 1)) line++;
    const column = byteLen(text.slice(lineStart, pos));
    throw new TemplateError(
      "TEMPLATE_EXEC",
      {
        templateName: this.tmpl.parseName,
        line,
        column,
        executing: name,
        context: nodeString(this.node),
        reason,
      },
      cause,
    );
  }

  // --- variables -----------------------------------------------------------------------------

  setVar(name: string, value: unknown, boxed = false): void {
    const v = this.lookupVar(name);
    v.value = value;
    v.boxed = boxed;
  }

  lookupVar(name: string): Variable {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      const v = this.vars[i]!;
      if (v.name === name) return v;
    }
    this.errorf(`undefined variable: ${name}`);
  }

  // --- walking -------------------------------------------------------------------------------

  walk(dot: unknown, node: Node): void {
    this.node = node;
    switch (node.kind) {
      case "action": {
        const val = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) {
          // Most actions print a string: append it here, not through printValue.
          if (typeof val === "string") this.out.text += val;
          else this.printValue(node, val);
        }
        return;
      }
      case "break":
        throw BREAK;
      case "continue":
        throw CONTINUE;
      case "comment":
        return;
      case "if":
      case "with":
        this.walkIfOrWith(dot, node);
        return;
      case "list": {
        // Indexed loops: for…of builds an iterator, which the interpreter tiers do not elide.
        const nodes = node.nodes;
        for (let i = 0; i < nodes.length; i++) this.walk(dot, nodes[i]!);
        return;
      }
      case "range":
        this.walkRange(dot, node);
        return;
      case "template":
        this.walkTemplate(dot, node);
        return;
      case "text":
        this.out.text += node.text;
        return;
      default:
        this.errorf(`unknown node: ${nodeString(node)}`);
    }
  }

  walkIfOrWith(dot: unknown, node: BranchNode): void {
    const mark = this.vars.length;
    const val = this.evalPipeline(dot, node.pipe);
    // Go's "if/with can't use" error needs a kind without a truth value (an unsafe
    // pointer); the value model has none, so every value has a truth (isTrue's ok).
    const truth = truthOf(val);
    if (truth && node.kind === "with") {
      const saved = this.dotBoxed;
      this.dotBoxed = false;
      this.walk(val, node.list);
      this.dotBoxed = saved;
    } else if (truth) this.walk(dot, node.list);
    else if (node.elseList !== undefined) this.walk(dot, node.elseList);
    // Writing an array's length is a slow path in the interpreter tiers even when it does not
    // change; most if/with declare no variable.
    if (this.vars.length !== mark) this.vars.length = mark;
  }

  walkRange(dot: unknown, r: BranchNode): void {
    this.node = r;
    const outerMark = this.vars.length;
    const val = this.evalPipeline(dot, r.pipe);
    const mark = this.vars.length;
    const decl = r.pipe.decl;
    const savedBoxed = this.dotBoxed;
    let ran = false;
    if (Array.isArray(val) || val instanceof Uint8Array) {
      const n = val.length;
      for (let i = 0; i < n; i++) {
        ran = true;
        const elem = val instanceof Uint8Array ? new GoInt(val[i]!, "uint8") : val[i];
        if (!this.rangeStep(r, mark, savedBoxed, smallInt(i), elem, !(val instanceof Uint8Array))) {
          break;
        }
      }
    } else if (isGoMap(val)) {
      const keys = sortedKeys(val);
      for (let i = 0; i < keys.length; i++) {
        ran = true;
        const key = keys[i]!;
        if (!this.rangeStep(r, mark, savedBoxed, key, val[key], true)) break;
      }
    } else if (val === undefined || val === null) {
      // An invalid value (nil map, missing key) is not an error: run the else branch.
    } else if (typeof val === "bigint" || val instanceof GoInt) {
      if (decl.length > 1) {
        this.errorf(`can't use ${formatValue(val)} to iterate over more than one variable`);
      }
      const n = typeof val === "bigint" ? val : val.value;
      if (n > BigInt(MAX_RANGE_INT)) {
        this.errorf(`range over ${n} exceeds the limit of ${MAX_RANGE_INT} iterations`);
      }
      const make = (i: number): unknown =>
        typeof val === "bigint"
          ? BigInt(i)
          : val.kind === "int"
            ? smallInt(i)
            : new GoInt(i, val.kind);
      for (let i = 0; i < Number(n); i++) {
        ran = true;
        const v = make(i);
        if (!this.rangeStep(r, mark, savedBoxed, v, v, false)) break;
      }
    } else {
      this.errorf(`range can't iterate over ${formatValue(val)}`);
    }
    if (!ran && r.elseList !== undefined) this.walk(dot, r.elseList);
    if (this.vars.length !== outerMark) this.vars.length = outerMark;
  }

  /**
   * One iteration of a range: sets the declared variables, walks the body; false on {{break}}.
   * A method, not a closure in walkRange: that closure was allocated on every range executed.
   */
  rangeStep(
    r: BranchNode,
    mark: number,
    savedBoxed: boolean,
    index: unknown,
    elem: unknown,
    boxed: boolean,
  ): boolean {
    const decl = r.pipe.decl;
    if (decl.length > 0) {
      if (r.pipe.isAssign) {
        if (decl.length > 1) this.setVar(decl[0]!.ident[0]!, index);
        else this.setVar(decl[0]!.ident[0]!, elem, boxed);
      } else {
        const top = this.vars[this.vars.length - 1]!;
        top.value = elem;
        top.boxed = boxed;
      }
    }
    if (decl.length > 1) {
      if (r.pipe.isAssign) this.setVar(decl[1]!.ident[0]!, elem, boxed);
      else {
        const v = this.vars[this.vars.length - 2]!;
        v.value = index;
        v.boxed = false;
      }
    }
    this.dotBoxed = boxed;
    try {
      this.walk(elem, r.list);
    } catch (err) {
      if (err === BREAK) return false;
      if (err !== CONTINUE) throw err;
    } finally {
      if (this.vars.length !== mark) this.vars.length = mark;
      this.dotBoxed = savedBoxed;
    }
    return true;
  }

  walkTemplate(dot: unknown, t: TemplateNode): void {
    this.node = t;
    const tmpl = this.env.lookup(t.name);
    if (tmpl === undefined) this.errorf(`template ${goQuote(t.name)} not defined`);
    if (this.depth >= MAX_TEMPLATE_DEPTH) {
      this.errorf(`exceeded maximum template depth (${MAX_TEMPLATE_DEPTH})`);
    }
    const newDot = t.pipe === undefined ? undefined : this.evalPipeline(dot, t.pipe);
    const s = new State(this.env, tmpl, this.out, this.depth + 1, newDot);
    s.walk(newDot, tmpl.root);
  }

  printValue(node: Node, v: unknown): void {
    this.node = node;
    if (v === undefined || v === null) {
      this.out.text += "<no value>";
      return;
    }
    if (typeof v === "string") {
      this.out.text += v;
      return;
    }
    if (typeof v === "number" || typeof v === "boolean" || v instanceof GoInt) {
      this.out.text += formatValue(v);
      return;
    }
    if (isGoFuncValue(v)) this.errorf(`can't print ${nodeString(node)} of type ${goTypeName(v)}`);
    if (v instanceof GoStruct) {
      if (v.typeName.startsWith("*")) {
        if (!v.methods["String"]) {
          // printableValue indirects pointers: a *struct prints as {…}, not &{…}.
          this.out.text += formatValue(new GoStruct(v.typeName.slice(1), v.fields, v.methods));
          return;
        }
      } else if (
        v.addressable &&
        v.valueMethod("String") === undefined &&
        v.methods["String"] !== undefined
      ) {
        // printableValue takes the address of an addressable struct whose *T is a Stringer
        // (`{{ .Capabilities.KubeVersion }}` prints String(); passed to a function, the copy
        // prints its fields).
        this.out.text += formatValue(new GoStruct(`*${v.typeName}`, v.fields, v.methods, v.shape));
        return;
      }
    }
    this.out.text += formatValue(v);
  }

  // --- evaluation ----------------------------------------------------------------------------

  evalPipeline(dot: unknown, pipe: PipeNode): unknown {
    this.node = pipe;
    let value: Final = MISSING;
    const cmds = pipe.cmds;
    for (let i = 0; i < cmds.length; i++) {
      value = this.evalCommand(dot, cmds[i]!, value);
      // Go unwraps interface values after each command: a nil interface becomes invalid.
      if (value === null) value = undefined;
    }
    const decl = pipe.decl;
    for (let i = 0; i < decl.length; i++) {
      const name = decl[i]!.ident[0]!;
      if (pipe.isAssign) this.setVar(name, value);
      else this.vars[this.vars.length] = { name, value, boxed: false };
    }
    return value;
  }

  notAFunction(args: readonly ArgNode[], final: Final): void {
    if (args.length > 1 || final !== MISSING) {
      this.errorf(`can't give argument to non-function ${nodeString(args[0]!)}`);
    }
  }

  evalCommand(dot: unknown, cmd: CommandNode, final: Final): unknown {
    const first = cmd.args[0]!;
    switch (first.kind) {
      case "field":
        this.node = first;
        return this.evalFieldChain(dot, dot, this.dotBoxed, first, first.ident, 0, cmd.args, final);
      case "chain":
        return this.evalChainNode(dot, first, cmd.args, final);
      case "identifier":
        return this.evalFunction(dot, first, cmd, cmd.args, final);
      case "pipe":
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case "variable":
        return this.evalVariableNode(dot, first, cmd.args, final);
    }
    this.node = first;
    this.notAFunction(cmd.args, final);
    switch (first.kind) {
      case "bool":
        return first.value;
      case "dot":
        return dot;
      case "nil":
        this.errorf("nil is not a command");
        break;
      case "number":
        return this.idealConstant(first);
      case "string":
        return first.text;
    }
    this.errorf(`can't evaluate command ${JSON.stringify(nodeString(first))}`);
  }

  idealConstant(c: NumberNode): unknown {
    this.node = c;
    if (c.ideal !== undefined) return c.ideal;
    if (c.isUint) this.errorf(`${c.text} overflows int`);
    return undefined;
  }

  evalChainNode(dot: unknown, chain: ChainNode, args: readonly ArgNode[], final: Final): unknown {
    this.node = chain;
    if (chain.node.kind === "nil") {
      this.errorf(`indirection through explicit nil in ${nodeString(chain)}`);
    }
    const pipe = this.evalArg(dot, "reflect.Value", chain.node);
    return this.evalFieldChain(dot, pipe, false, chain, chain.field, 0, args, final);
  }

  evalVariableNode(
    dot: unknown,
    variable: VariableNode,
    args: readonly ArgNode[],
    final: Final,
  ): unknown {
    this.node = variable;
    const v = this.lookupVar(variable.ident[0]!);
    if (variable.ident.length === 1) {
      this.notAFunction(args, final);
      return v.value;
    }
    return this.evalFieldChain(dot, v.value, v.boxed, variable, variable.ident, 1, args, final);
  }

  evalFieldChain(
    dot: unknown,
    receiver: unknown,
    receiverBoxed: boolean,
    node: Node,
    ident: readonly string[],
    start: number,
    args: readonly ArgNode[],
    final: Final,
  ): unknown {
    const n = ident.length;
    let boxed = receiverBoxed;
    // The last link may take arguments; a map key with arguments is an error (evalField).
    const last = args.length > 1 || final !== MISSING ? n - 1 : n;
    let i = start;
    for (; i < last; i++) {
      // Fast path for the common case, a key present in a plain map (`.Values.a.b`): one
      // property read instead of evalField's checks. Functions (inherited Object.prototype
      // members) and __proto__ go the slow way, which tests ownership.
      const name = ident[i]!;
      if (typeof receiver !== "object" || receiver === null) break;
      const proto = Object.getPrototypeOf(receiver);
      if (proto !== Object.prototype && proto !== null) break;
      const m = receiver as Record<string | symbol, unknown>;
      if (m[GO_METHODS] !== undefined) break;
      const v = m[name];
      if (v === undefined || typeof v === "function" || name === "__proto__") break;
      receiver = v;
      boxed = true;
    }
    for (; i < n - 1; i++) {
      const wasMap = isGoMap(receiver);
      receiver = this.evalField(dot, ident[i]!, node, NO_ARGS, MISSING, receiver, boxed);
      boxed = wasMap;
    }
    if (i === n) return receiver;
    return this.evalField(dot, ident[n - 1]!, node, args, final, receiver, boxed);
  }

  evalField(
    dot: unknown,
    fieldName: string,
    node: Node,
    args: readonly ArgNode[],
    final: Final,
    receiver: unknown,
    boxed: boolean,
  ): unknown {
    if (receiver === undefined) {
      if (this.env.missingKey === "error") {
        this.errorf(`nil data; no entry for key ${goQuote(fieldName)}`);
      }
      return undefined;
    }
    // The receiver's Go type name appears only in error messages: compute it only then (a
    // function, not a closure: a closure would be allocated on every field access).
    if (receiver === null) {
      this.errorf(`nil pointer evaluating ${receiverTypeName(receiver, boxed)}.${fieldName}`);
    }
    // Methods come before map keys and struct fields, as in Go.
    if (receiver instanceof GoStruct) {
      if (receiver.hasMethod(fieldName)) {
        const method = receiver.methods[fieldName]!;
        return this.evalCall(dot, method, false, node, fieldName, args, final);
      }
    } else {
      const methods = methodsOf(receiver);
      if (methods !== undefined && Object.hasOwn(methods, fieldName)) {
        return this.evalCall(dot, methods[fieldName]!, false, node, fieldName, args, final);
      }
    }
    const hasArgs = args.length > 1 || final !== MISSING;
    if (isGoMap(receiver)) {
      if (hasArgs) this.errorf(`${fieldName} is not a method but has arguments`);
      if (Object.hasOwn(receiver, fieldName)) {
        const v = receiver[fieldName];
        return v === undefined ? null : v;
      }
      switch (this.env.missingKey) {
        case "zero":
          return null;
        case "error":
          this.errorf(`map has no entry for key ${goQuote(fieldName)}`);
          break;
        default:
          return undefined;
      }
    }
    if (receiver instanceof GoStruct && Object.hasOwn(receiver.fields, fieldName)) {
      if (!isExportedName(fieldName)) {
        this.errorf(
          `${fieldName} is an unexported field of struct type ${receiverTypeName(receiver, boxed)}`,
        );
      }
      if (hasArgs) this.errorf(`${fieldName} has arguments but cannot be invoked as function`);
      return receiver.fields[fieldName];
    }
    this.errorf(`can't evaluate field ${fieldName} in type ${receiverTypeName(receiver, boxed)}`);
  }

  evalFunction(
    dot: unknown,
    node: IdentifierNode,
    cmd: Node,
    args: readonly ArgNode[],
    final: Final,
  ): unknown {
    this.node = node;
    const name = node.ident;
    // Resolving is up to three Map lookups; the node remembers the answer per function set.
    const cached = node as CachedIdentifier;
    const token = this.env.funcsToken;
    let fn: GoFunc | undefined;
    let isBuiltin: boolean;
    if (cached.fnToken === token) {
      fn = cached.fn!;
      isBuiltin = cached.fnBuiltin!;
    } else {
      fn = this.env.findFunction(name);
      if (fn === undefined) this.errorf(`${goQuote(name)} is not a defined function`);
      isBuiltin = fn === BUILTIN_MAP.get(name);
      cached.fnToken = token;
      cached.fn = fn;
      cached.fnBuiltin = isBuiltin;
    }
    if (isBuiltin && (name === "and" || name === "or")) {
      if (args.length <= 1 && final === MISSING) {
        this.errorf(`wrong number of args for ${name}: want at least 1 got 0`);
      }
      let v: unknown;
      for (let k = 1; k < args.length; k++) {
        v = this.evalArg(dot, "reflect.Value", args[k]!);
        if (v === null) v = undefined;
        if (truthOf(v) === (name === "or")) return v;
      }
      if (final !== MISSING) v = final === null ? undefined : final;
      return v;
    }
    return this.evalCall(dot, fn, isBuiltin, cmd, name, args, final);
  }

  evalCall(
    dot: unknown,
    fn: GoFunc,
    isBuiltin: boolean,
    node: Node,
    name: string,
    allArgs: readonly ArgNode[],
    final: Final,
  ): unknown {
    // allArgs[0], when present, names the function; the arguments follow it. An identifier
    // evaluated as an argument comes with no list at all.
    const argc = allArgs.length > 0 ? allArgs.length - 1 : 0;
    const numIn = argc + (final !== MISSING ? 1 : 0);
    const params = fn.params;
    const variadicType = fn.variadic;
    const variadic = variadicType !== undefined;
    const numFixed = variadic ? params.length : argc;
    if (variadic) {
      if (numIn < numFixed) {
        this.errorf(`wrong number of args for ${name}: want at least ${params.length} got ${argc}`);
      }
    } else if (numIn !== params.length) {
      this.errorf(`wrong number of args for ${name}: want ${params.length} got ${numIn}`);
    }
    if (numIn <= 3 && !(isBuiltin && name === "call")) {
      // Up to three arguments go in locals and a direct call: no argv array per call. Argument
      // k has type params[k], or the variadic type past them; the final value comes last.
      let a0: unknown;
      let a1: unknown;
      let a2: unknown;
      if (numIn > 0) {
        const t = params.length > 0 ? params[0]! : variadicType!;
        a0 = argc > 0 ? this.evalArg(dot, t, allArgs[1]!) : this.validateType(final, t);
        if (numIn > 1) {
          const t1 = params.length > 1 ? params[1]! : variadicType!;
          a1 = argc > 1 ? this.evalArg(dot, t1, allArgs[2]!) : this.validateType(final, t1);
          if (numIn > 2) {
            const t2 = params.length > 2 ? params[2]! : variadicType!;
            a2 = argc > 2 ? this.evalArg(dot, t2, allArgs[3]!) : this.validateType(final, t2);
          }
        }
      }
      const f = fn.fn as (...a: unknown[]) => unknown;
      try {
        return numIn === 0 ? f() : numIn === 1 ? f(a0) : numIn === 2 ? f(a0, a1) : f(a0, a1, a2);
      } catch (err) {
        this.callFailed(err, node, name);
      }
    }
    // Sized up front and filled by index: push is a native call in the interpreter tiers.
    const argv: unknown[] = new Array(numIn);
    for (let k = 0; k < argc; k++) {
      argv[k] = this.evalArg(dot, k < params.length ? params[k]! : variadicType!, allArgs[k + 1]!);
    }
    if (final !== MISSING) {
      const t = numIn - 1 < params.length ? params[numIn - 1]! : variadicType!;
      argv[argc] = this.validateType(final, t);
    }
    if (isBuiltin && name === "call") {
      const calleeName = argc === 0 ? formatValue(final) : nodeString(allArgs[1]!);
      return this.callBuiltin(calleeName, argv, node);
    }
    try {
      // apply compiles to a varargs call; a spread would run the array iterator protocol.
      return (fn.fn as (...a: unknown[]) => unknown).apply(undefined, argv);
    } catch (err) {
      this.callFailed(err, node, name);
    }
  }

  /** A called function threw: {{break}}/{{continue}} pass through, errors become Go's. */
  callFailed(err: unknown, node: Node, name: string): never {
    if (err === BREAK || err === CONTINUE) throw err;
    this.node = node;
    const msg = err instanceof Error ? err.message : String(err);
    this.errorf(`error calling ${name}: ${msg}`, err);
  }

  /** The `call` builtin: calls a func value with converted arguments. */
  callBuiltin(calleeName: string, argv: unknown[], node: Node): unknown {
    const [fnValue, ...rest] = argv;
    const fail = (msg: string, cause?: unknown): never => {
      this.node = node;
      this.errorf(`error calling call: ${msg}`, cause);
    };
    if (fnValue === undefined || fnValue === null) fail("call of nil");
    if (!isGoFuncValue(fnValue)) {
      fail(`non-function ${calleeName} of type ${goTypeName(fnValue)}`);
    }
    const f = fnValue as GoFunc;
    if (f.variadic !== undefined) {
      if (rest.length < f.params.length) {
        fail(
          `wrong number of args for ${calleeName}: got ${rest.length} want at least ${f.params.length}`,
        );
      }
    } else if (rest.length !== f.params.length) {
      fail(`wrong number of args for ${calleeName}: got ${rest.length} want ${f.params.length}`);
    }
    const converted = rest.map((raw, k) => {
      const t = k < f.params.length ? f.params[k]! : f.variadic!;
      // Go's prepareArg: the interface is unwrapped, so a nil map value is untyped nil here.
      const a = raw === null ? undefined : raw;
      if (t === "interface {}" || t === "reflect.Value") return a === undefined ? null : a;
      if (a === undefined) {
        if (!canBeNil(t)) fail(`arg ${k}: value is nil; should be of type ${t}`);
        return null;
      }
      const have = goTypeName(a);
      if (have !== (t === "[]byte" ? "[]uint8" : t)) {
        fail(`arg ${k}: value has type ${have}; should be ${t}`);
      }
      return a;
    });
    try {
      return (f.fn as (...a: unknown[]) => unknown)(...converted);
    } catch (err) {
      return fail(err instanceof Error ? err.message : String(err), err);
    }
  }

  evalArg(dot: unknown, typ: GoType, n: ArgNode): unknown {
    this.node = n;
    // An argument is evaluated with no arguments of its own: the shared empty list (a list of
    // one, naming the node, means the same; a fresh list per evaluation was garbage).
    switch (n.kind) {
      case "string":
        // The common literal argument, without the type switch below.
        if (typ === "string" || typ === "interface {}" || typ === "reflect.Value") return n.text;
        break;
      case "dot":
        return this.validateType(dot, typ);
      case "nil":
        if (canBeNil(typ)) return typ === "reflect.Value" ? undefined : null;
        this.errorf(`cannot assign nil to ${typ}`);
        break;
      case "field":
        return this.validateType(
          this.evalFieldChain(dot, dot, this.dotBoxed, n, n.ident, 0, NO_ARGS, MISSING),
          typ,
        );
      case "variable":
        return this.validateType(this.evalVariableNode(dot, n, NO_ARGS, MISSING), typ);
      case "pipe":
        return this.validateType(this.evalPipeline(dot, n), typ);
      case "identifier":
        return this.validateType(this.evalFunction(dot, n, n, NO_ARGS, MISSING), typ);
      case "chain":
        return this.validateType(this.evalChainNode(dot, n, NO_ARGS, MISSING), typ);
    }
    switch (typ) {
      case "bool":
        if (n.kind === "bool") return n.value;
        this.errorf(`expected bool; found ${nodeString(n)}`);
        break;
      case "float64":
        if (n.kind === "number" && n.isFloat) return n.float64;
        this.errorf(`expected float; found ${nodeString(n)}`);
        break;
      case "int":
      case "int64":
        if (n.kind === "number" && n.isInt) {
          if (typ === "int64") return n.int64;
          const c = n as CachedNumber;
          if (c.goInt === undefined) c.goInt = new GoInt(n.int64);
          return c.goInt;
        }
        this.errorf(`expected integer; found ${nodeString(n)}`);
        break;
      case "uint32":
        if (n.kind === "number" && n.isUint) return new GoInt(n.uint64 & 0xffffffffn, "uint32");
        this.errorf(`expected unsigned integer; found ${nodeString(n)}`);
        break;
      case "string":
        if (n.kind === "string") return n.text;
        this.errorf(`expected string; found ${nodeString(n)}`);
        break;
      case "interface {}":
      case "reflect.Value":
        return this.evalEmptyInterface(n);
    }
    this.errorf(`can't handle ${nodeString(n)} for arg of type ${typ}`);
  }

  evalEmptyInterface(n: ArgNode): unknown {
    switch (n.kind) {
      case "bool":
        return n.value;
      case "number":
        return this.idealConstant(n);
      case "string":
        return n.text;
    }
    this.errorf(`can't handle assignment of ${nodeString(n)} to empty interface argument`);
  }

  validateType(value: unknown, typ: GoType): unknown {
    if (value === undefined) {
      if (typ === "reflect.Value") return undefined;
      if (canBeNil(typ)) return null;
      this.errorf(`invalid value; expected ${typ}`);
    }
    if (typ === "interface {}") return value instanceof GoStruct ? value.passed() : value;
    if (typ === "reflect.Value") return value;
    // The common typed parameter: a JS string is always a Go string.
    if (typ === "string" && typeof value === "string") return value;
    const err = checkAssignable(value, typ);
    if (err !== undefined) this.errorf(err);
    return value;
  }
}

/** The Go type name of a field receiver in error messages (interface {} when boxed or nil). */
function receiverTypeName(receiver: unknown, boxed: boolean): string {
  return boxed || receiver === null ? "interface {}" : goTypeName(receiver);
}

function canBeNil(typ: GoType): boolean {
  return (
    typ !== "bool" &&
    typ !== "string" &&
    typ !== "int" &&
    typ !== "int64" &&
    typ !== "uint32" &&
    typ !== "float64"
  );
}

/** Go's AssignableTo for the value model; returns the error text or undefined. */
/** Named Go types defined as map[string]interface {} (Helm's common.Values). */
const NAMED_VALUE_MAPS: ReadonlySet<string> = new Set(["common.Values"]);

function checkAssignable(value: unknown, typ: GoType): string | undefined {
  if (typ === "interface {}" || typ === "reflect.Value") return undefined;
  if (value === undefined) {
    return canBeNil(typ) ? undefined : `invalid value; expected ${typ}`;
  }
  // A nil interface (a null map value) is assignable only to interface {}.
  if (value === null) return `wrong type for value; expected ${typ}; got interface {}`;
  const have = goTypeName(value);
  const want = typ === "[]byte" ? "[]uint8" : typ;
  if (have === want) return undefined;
  // Go: a named type is assignable to the unnamed type it is defined as.
  if (want === "map[string]interface {}" && NAMED_VALUE_MAPS.has(have)) return undefined;
  return `wrong type for value; expected ${typ}; got ${have}`;
}
