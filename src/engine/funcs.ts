/**
 * Helm's own template functions (engine/funcs.go + initFunMap): include, tpl, required, fail,
 * lookup (always an empty map client-side), getHostByName (DNS off: empty string).
 */
import { goQuote, type TemplateSet } from "../template/index.ts";
import { type FuncMap, goFunc } from "../template/value.ts";
import { warnWrap } from "./errors.ts";

/** How deep `include` may recurse into the same template (Helm's recursionMaxNums). */
export const RECURSION_MAX_NUMS = 1000;

/** Options of createHelmFuncs. */
export interface HelmFuncsOptions {
  readonly missingKey: "zero" | "error";
  /** The render's template set (created after the function map, hence a getter). */
  readonly getSet: () => TemplateSet;
}

/** Creates Helm's function map entries for one render. */
export function createHelmFuncs(options: HelmFuncsOptions): FuncMap {
  /** Include depth per template name; a counter object costs one Map lookup per include. */
  const included = new Map<string, { n: number }>();
  const tplCache = new WeakMap<TemplateSet, Map<string, TemplateSet>>();
  const bound = (set: () => TemplateSet): FuncMap => ({
    include: goFunc(
      ["string", "interface {}"],
      ((name: string, data: unknown): string => {
        let count = included.get(name);
        if (count === undefined) {
          count = { n: 0 };
          included.set(name, count);
        }
        if (count.n > RECURSION_MAX_NUMS) {
          throw new Error(
            `rendering template has a nested reference name: ${name}: unable to execute template`,
          );
        }
        count.n++;
        try {
          return set().execute(name, data);
        } finally {
          count.n--;
        }
      }) as never,
      { returnsError: true },
    ),
    tpl: goFunc(
      ["string", "interface {}"],
      ((text: string, vals: unknown): string => {
        // Text without an action renders as itself: skip the clone and parse (most tpl calls
        // in real charts pass plain strings).
        if (!text.includes("{{")) {
          return text.includes("<no value>") ? text.replaceAll("<no value>", "") : text;
        }
        const parent = set();
        let cache = tplCache.get(parent);
        if (cache === undefined) {
          cache = new Map();
          tplCache.set(parent, cache);
        }
        let clone = cache.get(text);
        if (clone === undefined) {
          // Helm clones the set per call so defines inside `text` stay local to it; the parse
          // result depends only on the parent and the text, so it is cached per render.
          const fresh = parent.clone();
          fresh.addFuncs(bound(() => fresh));
          try {
            fresh.parse(TPL_NAME, text);
          } catch (err) {
            throw new Error(`cannot parse template ${goQuote(text)}: ${messageOf(err)}`, {
              cause: err,
            });
          }
          cache.set(text, fresh);
          clone = fresh;
        }
        let out: string;
        try {
          out = clone.execute(TPL_NAME, vals);
        } catch (err) {
          throw new Error(
            `error during tpl function execution for ${goQuote(text)}: ${messageOf(err)}`,
            { cause: err },
          );
        }
        return out.includes("<no value>") ? out.replaceAll("<no value>", "") : out;
      }) as never,
      { returnsError: true },
    ),
  });
  return {
    ...bound(options.getSet),
    required: goFunc(
      ["string", "interface {}"],
      ((warn: string, val: unknown) => {
        if (val === null || val === undefined || val === "") throw new Error(warnWrap(warn));
        return val;
      }) as never,
      { returnsError: true },
    ),
    fail: goFunc(
      ["string"],
      ((msg: string) => {
        throw new Error(warnWrap(msg));
      }) as never,
      { returnsError: true },
    ),
    lookup: goFunc(["string", "string", "string", "string"], (() => ({})) as never, {
      returnsError: true,
    }),
    getHostByName: goFunc(["string"], (() => "") as never),
  };
}

/** The name Helm parses `tpl` text under (its root template's name). */
const TPL_NAME = "gotpl";

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
