/**
 * Helm's own template functions (engine/funcs.go + initFunMap): include, tpl, required, fail,
 * lookup (always an empty map client-side), getHostByName (DNS off: empty string).
 */
import type { TemplateSet } from "../template/index.ts";
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
  const included = new Map<string, number>();
  const include = (name: string, data: unknown): string => {
    const count = included.get(name) ?? 0;
    if (count > RECURSION_MAX_NUMS) {
      throw new Error(
        `rendering template has a nested reference name: ${name}: unable to execute template`,
      );
    }
    included.set(name, count + 1);
    try {
      return options.getSet().execute(name, data);
    } finally {
      included.set(name, (included.get(name) ?? 1) - 1);
    }
  };
  const tpl = (text: string, vals: unknown): string => {
    const set = options.getSet();
    let out: string;
    try {
      out = set.executeText("gotpl", text, vals);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if ((err as { code?: string }).code === "TEMPLATE_PARSE") {
        throw new Error(`cannot parse template ${JSON.stringify(text)}: ${message}`, {
          cause: err,
        });
      }
      throw new Error(
        `error during tpl function execution for ${JSON.stringify(text)}: ${message}`,
        { cause: err },
      );
    }
    return out.includes("<no value>") ? out.replaceAll("<no value>", "") : out;
  };
  return {
    include: goFunc(["string", "interface {}"], include as never, { returnsError: true }),
    tpl: goFunc(["string", "interface {}"], tpl as never, { returnsError: true }),
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
