/**
 * Go's text/template in TypeScript: lexer, parser, executor, builtins and Go's fmt, over the
 * Go value model (value.ts). Pure: no I/O, no clock, no randomness; imports nothing from
 * src/ except errors.ts. It does not know Helm (include, tpl, toYaml live in engine/) or Sprig.
 *
 * Usage: `const set = new TemplateSet({ funcs, missingKey: "zero" }); set.parse(name, text);
 * set.execute(name, data)`. Functions may be added after creation (`addFuncs`), so a FuncMap
 * entry such as Helm's `include` can close over the set and call `execute` re-entrantly;
 * `clone()` gives `tpl` a copy to parse into (parsed trees are cached per text and shared by
 * clones).
 *
 * Helm's objects in the value model: GoStruct for structs with fields and methods
 * (`.Capabilities`), `typedMap(obj, "common.Values")` for named map types (%T prints the
 * name), `withMethods(mapOrSlice, methods, type)` for named maps/slices that have methods and
 * still range (`.Files.Glob` → engine.files, `.Capabilities.APIVersions` → VersionSet).
 */
import { HcpError } from "../errors.ts";
import { BUILTIN_MAP } from "./builtins.ts";
import { executeTree, type MissingKey } from "./exec.ts";
import { goQuote } from "./fmt.ts";
import { isEmptyTree, nodeString } from "./node.ts";
import { type ParseResult, parseTemplateDefines, type Tree } from "./parse.ts";
import type { FuncMap, GoFunc } from "./value.ts";

export { BUILTINS, eq, htmlEscape, isTrue, jsEscape, lt, queryEscape } from "./builtins.ts";
export { TemplateError, type TemplateErrorDetails } from "./errors.ts";
export { MAX_RANGE_INT, MAX_TEMPLATE_DEPTH, type MissingKey } from "./exec.ts";
export {
  compareGoStrings,
  formatValue,
  goKind,
  goQuote,
  goTypeName,
  sortedKeys,
  sprint,
  sprintf,
  sprintln,
} from "./fmt.ts";
export { type Item, ItemType, lex } from "./lex.ts";
export type { ListNode, Node } from "./node.ts";
export { nodeString } from "./node.ts";
export { parseTemplate, type Tree } from "./parse.ts";
export * from "./value.ts";

/** Options for a TemplateSet. */
export interface TemplateSetOptions {
  /** Functions callable from templates; they override builtins of the same name (as Go). */
  readonly funcs?: FuncMap;
  /** Missing map key behaviour: "default"/"invalid" print `<no value>`, "zero", "error". */
  readonly missingKey?: MissingKey;
  /** Action delimiters, default ["{{", "}}"]. */
  readonly delims?: readonly [string, string];
  /** The set's own name, used in "no template … associated with template …" errors. */
  readonly name?: string;
}

const KNOWN_OPTIONS = new Set(["funcs", "missingKey", "delims", "name"]);

/** Parsed trees of one text, with the function names the parse could see. */
interface CachedParse {
  readonly name: string;
  readonly delims: readonly [string, string];
  readonly trees: Map<string, Tree>;
  /** Names of the text's {{define}}/{{block}} clauses. */
  readonly defines: readonly string[];
  /** The parsing set's funcNamesVersion: a parse only depends on which names exist. */
  readonly funcNamesVersion: number;
}

/** Source of funcNamesVersion values; equal versions mean equal sets of function names. */
let lastFuncNamesVersion = 0;

/**
 * How many distinct texts a set (and its clones) keeps parsed. Helm's `tpl` re-parses the
 * same strings inside loops; the cache makes that a lookup.
 */
export const PARSE_CACHE_SIZE = 512;

/**
 * The parse result of the same text parsed as `name`: the top tree renamed and every tree's
 * parseName set, nodes shared (trees are never mutated after parsing). Order is kept: the top
 * tree is added last by the parser.
 */
function renameTrees(trees: ReadonlyMap<string, Tree>, name: string): Map<string, Tree> {
  const out = new Map<string, Tree>();
  for (const tree of trees.values()) {
    const treeName = tree.name === tree.parseName ? name : tree.name;
    out.set(treeName, { name: treeName, parseName: name, root: tree.root, text: tree.text });
  }
  return out;
}

/**
 * A set of named templates sharing functions and definitions (Go's *template.Template with
 * its associated templates). Later parses replace earlier definitions of the same name,
 * except that an empty body never replaces an existing one (Go's AddParseTree).
 */
export class TemplateSet {
  #trees: Map<string, Tree>;
  /**
   * Templates registered by `parseDeferred`: name → text, parsed on use. Such a text defines
   * nothing, so it adds only its own name; a tree of it in #trees is a parse of this text.
   */
  #deferred: Map<string, string>;
  #funcs: Map<string, GoFunc>;
  readonly #delims: readonly [string, string];
  readonly #name: string;
  /** Keyed by the text itself: JS engines cache a string's hash, a built key would rehash. */
  #parseCache: Map<string, CachedParse[]> = new Map();
  /**
   * Changes whenever a function name is added; clones keep it. A cached parse is reused only
   * under the same version (the parser asks whether names exist; nothing else of the funcs).
   */
  #funcNamesVersion = ++lastFuncNamesVersion;
  readonly missingKey: MissingKey;
  /** Replaced by every addFuncs: executed nodes cache function lookups under it (exec.ts). */
  funcsToken: object = {};

  /** @throws {HcpError} TEMPLATE_BAD_OPTION for an unknown option. */
  constructor(options: TemplateSetOptions = {}) {
    for (const key of Object.keys(options)) {
      if (!KNOWN_OPTIONS.has(key)) {
        throw new HcpError("TEMPLATE_BAD_OPTION", `unknown TemplateSet option "${key}"`);
      }
    }
    this.#trees = new Map();
    this.#deferred = new Map();
    this.#funcs = new Map(Object.entries(options.funcs ?? {}));
    this.#delims = options.delims ?? ["{{", "}}"];
    this.#name = options.name ?? "";
    this.missingKey = options.missingKey ?? "default";
  }

  /** Adds (or replaces) functions; affects later parses and executions. */
  addFuncs(funcs: FuncMap): this {
    for (const [name, fn] of Object.entries(funcs)) {
      if (!this.#funcs.has(name)) {
        if (this.#deferred.size > 0) {
          // A parse sees which function names exist; a deferred one must see the same names.
          throw new HcpError(
            "TEMPLATE_BAD_OPTION",
            `function ${goQuote(name)} added after templates were deferred; add functions first`,
          );
        }
        this.#funcNamesVersion = ++lastFuncNamesVersion;
      }
      this.#funcs.set(name, fn);
    }
    this.funcsToken = {};
    return this;
  }

  /** Returns the function a template name resolves to: user functions first, then builtins. */
  findFunction(name: string): GoFunc | undefined {
    return this.#funcs.get(name) ?? BUILTIN_MAP.get(name);
  }

  /**
   * Parses `text` as template `name` and adds it and every {{define}}/{{block}} it holds.
   * @throws {TemplateError} TEMPLATE_PARSE with Go's message
   */
  parse(name: string, text: string): this {
    const entries = this.#parseCache.get(text);
    const cached = entries?.find(
      (e) =>
        e.name === name &&
        e.delims[0] === this.#delims[0] &&
        e.delims[1] === this.#delims[1] &&
        e.funcNamesVersion === this.#funcNamesVersion,
    );
    let trees: Map<string, Tree>;
    const renamable = cached === undefined ? this.#renamable(entries, name) : undefined;
    if (cached !== undefined) {
      trees = cached.trees;
    } else if (renamable !== undefined) {
      trees = renameTrees(renamable.trees, name);
    } else {
      const result = this.#parseUncached(name, text);
      trees = result.trees;
      if (this.#parseCache.size >= PARSE_CACHE_SIZE) this.#parseCache.clear();
      const entry = {
        name,
        delims: this.#delims,
        trees,
        defines: result.defines,
        funcNamesVersion: this.#funcNamesVersion,
      };
      if (entries === undefined) this.#parseCache.set(text, [entry]);
      else if (entries.length < 8) entries.push(entry);
    }
    for (const [treeName, tree] of trees) this.addTree(treeName, tree);
    return this;
  }

  /**
   * A cached parse of the same text under another name that `name` can reuse: the parse only
   * differs in names when no {{define}} is called like either file (Go's treeSet rule).
   */
  #renamable(entries: readonly CachedParse[] | undefined, name: string): CachedParse | undefined {
    return entries?.find(
      (e) =>
        e.delims[0] === this.#delims[0] &&
        e.delims[1] === this.#delims[1] &&
        e.funcNamesVersion === this.#funcNamesVersion &&
        !e.defines.includes(e.name) &&
        !e.defines.includes(name),
    );
  }

  readonly #hasFunction = (fn: string): boolean => this.findFunction(fn) !== undefined;

  /**
   * `parse`, put off until the template is used when that cannot change the set: the text
   * holds no `define`/`block` (so it adds only `name`) and `name` is not taken yet. A chart's
   * manifests are such texts; rendering each right after its parse and then `forget`ting its
   * tree keeps one tree alive instead of all of them. Parse errors surface on use, or from
   * `firstDeferredError` (Helm parses every file before it runs any).
   * @throws {TemplateError} TEMPLATE_PARSE when the text is parsed now
   */
  parseDeferred(name: string, text: string): this {
    if (
      text.includes("define") ||
      text.includes("block") ||
      this.#trees.has(name) ||
      this.#deferred.has(name)
    ) {
      return this.parse(name, text);
    }
    this.#deferred.set(name, text);
    return this;
  }

  /** One parse with this set's delimiters and function names (the parse cache is the caller's). */
  #parseUncached(name: string, text: string): ParseResult {
    return parseTemplateDefines(name, text, {
      leftDelim: this.#delims[0],
      rightDelim: this.#delims[1],
      hasFunction: this.#hasFunction,
    });
  }

  /** Parses a deferred text (no cache: the point is to not keep its tree). */
  #parseText(name: string, text: string): Tree {
    return this.#parseUncached(name, text).trees.get(name) as Tree;
  }

  /**
   * The first deferred text, in the order added, that does not parse, with its error; what a
   * parse-everything-first run would have reported before executing anything.
   */
  firstDeferredError(): { name: string; error: unknown } | undefined {
    for (const [name, text] of this.#deferred) {
      try {
        this.#parseText(name, text);
      } catch (error) {
        return { name, error };
      }
    }
    return undefined;
  }

  /** Drops the parsed tree of a deferred template; it is parsed again if used again. */
  forget(name: string): void {
    if (this.#deferred.has(name)) this.#trees.delete(name);
  }

  /** Adds a parsed tree under `name` (Go's AddParseTree rule for empty bodies). */
  addTree(name: string, tree: Tree): this {
    const exists = this.#trees.has(name) || this.#deferred.has(name);
    if (exists && isEmptyTree(tree.root)) return this;
    this.#trees.set(name, tree);
    this.#deferred.delete(name);
    return this;
  }

  /**
   * The tree of a named template, if defined (a deferred one is parsed now and kept).
   * @throws {TemplateError} TEMPLATE_PARSE from a deferred text
   */
  lookup(name: string): Tree | undefined {
    const tree = this.#trees.get(name);
    if (tree !== undefined) return tree;
    const text = this.#deferred.get(name);
    if (text === undefined) return undefined;
    const parsed = this.#parseText(name, text);
    this.#trees.set(name, parsed);
    return parsed;
  }

  /** Names of all templates in the set, sorted. */
  templateNames(): string[] {
    const names = [...this.#trees.keys()];
    for (const name of this.#deferred.keys()) if (!this.#trees.has(name)) names.push(name);
    return names.sort();
  }

  /** Go's DefinedTemplates: `; defined templates are: "a", "b"` or "" (sorted here). */
  definedTemplates(): string {
    const names = this.templateNames();
    if (names.length === 0) return "";
    return `; defined templates are: ${names.map((n) => goQuote(n)).join(", ")}`;
  }

  /** A copy sharing parsed trees and functions; parses into the copy do not touch this set. */
  clone(): TemplateSet {
    const copy = new TemplateSet({
      missingKey: this.missingKey,
      delims: this.#delims,
      name: this.#name,
    });
    // The Map copy constructor copies natively; a for…of over entries made an array per entry
    // (a chart has hundreds of functions and templates, and `tpl` clones once per text).
    copy.#funcs = new Map(this.#funcs);
    copy.#parseCache = this.#parseCache;
    copy.#funcNamesVersion = this.#funcNamesVersion;
    copy.#trees = new Map(this.#trees);
    copy.#deferred = new Map(this.#deferred);
    return copy;
  }

  /**
   * Executes template `name` with dot `data` and returns the output.
   * @throws {TemplateError} TEMPLATE_EXEC with Go's message
   * @throws {HcpError} TEMPLATE_NOT_FOUND when no template has that name
   */
  execute(name: string, data: unknown): string {
    const tree = this.lookup(name);
    if (tree === undefined) {
      throw new HcpError(
        "TEMPLATE_NOT_FOUND",
        `template: no template ${goQuote(name)} associated with template ${goQuote(this.#name)}`,
      );
    }
    const out = { text: "" };
    executeTree(this, tree, data, out);
    return out.text;
  }

  /** Prints a template back to source (parse → print is stable), for tests and debugging. */
  printTemplate(name: string): string | undefined {
    const tree = this.lookup(name);
    return tree === undefined ? undefined : nodeString(tree.root);
  }
}
