/**
 * The render/v1 pipeline (chart-defined-plugins spec §10 step 4): runs the chart's render
 * plugins in Chart.yaml order over the root chart's template sources. Each plugin consumes the
 * files its patterns match and may hand modified, renamed or new files to the next one. Pure:
 * plugins are given as an `invoke` function; locating, verifying and running them is the
 * caller's job.
 */
import { HcpError } from "../errors.ts";
import { compileGlob, type Glob } from "./glob.ts";
import {
  encodeSourceFile,
  type InputMessageRenderV1,
  type OutputMessageRenderV1,
  type RenderContextV1,
  type SourceFile,
} from "./protocol.ts";

/** One render plugin as the pipeline sees it. */
export interface RenderStep {
  readonly name: string;
  readonly patterns: readonly string[];
  /** Runs the plugin on an input message and returns its validated output. */
  readonly invoke: (input: InputMessageRenderV1) => Promise<OutputMessageRenderV1>;
}

/** What the plugins produced. */
export interface RenderPipelineResult {
  /** Output path → text, in the order plugins produced them (later plugins win). */
  readonly rendered: ReadonlyMap<string, string>;
  /** Root-chart template names matched by any plugin's patterns in the initial set. */
  readonly claimed: ReadonlySet<string>;
  /** Names of the plugins actually invoked (a plugin that matches nothing is skipped). */
  readonly invoked: readonly string[];
}

/** Compiles every pattern of a step. @throws HcpError PLUGIN_INVALID_GLOB */
export function compilePatterns(step: Pick<RenderStep, "name" | "patterns">): Glob[] {
  try {
    return step.patterns.map(compileGlob);
  } catch (err) {
    throw new HcpError(
      "PLUGIN_INVALID_GLOB",
      `failed to get patterns for render plugin "${step.name}"`,
      { cause: err },
    );
  }
}

function byName(a: SourceFile, b: SourceFile): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/**
 * Runs the steps in order over `sources` (the root chart's templates/ files).
 * @throws HcpError PLUGIN_RENDER_ERRORS when a plugin reports errors; rethrows invoke failures
 */
export async function runRenderPipeline(
  sources: readonly SourceFile[],
  steps: readonly RenderStep[],
  context: RenderContextV1,
): Promise<RenderPipelineResult> {
  const initial = [...sources].sort(byName);
  const compiled = steps.map((step) => ({ step, globs: compilePatterns(step) }));
  const claimed = new Set<string>();
  for (const file of initial) {
    if (compiled.some(({ globs }) => globs.some((g) => g.match(file.name)))) claimed.add(file.name);
  }
  const rendered = new Map<string, string>();
  const invoked: string[] = [];
  let current = initial;
  for (const { step, globs } of compiled) {
    const matched: SourceFile[] = [];
    const remaining: SourceFile[] = [];
    for (const file of current) {
      (globs.some((g) => g.match(file.name)) ? matched : remaining).push(file);
    }
    if (matched.length === 0) continue;
    invoked.push(step.name);
    const output = await step.invoke({ ...context, sourceFiles: matched.map(encodeSourceFile) });
    if (output.errors.length > 0) {
      throw new HcpError(
        "PLUGIN_RENDER_ERRORS",
        `render plugin "${step.name}" reported errors: [${output.errors.join(" ")}]`,
      );
    }
    for (const [name, text] of output.renderedFiles) {
      rendered.delete(name);
      rendered.set(name, text);
    }
    if (output.modifiedSourceFiles.length === 0) {
      current = remaining;
    } else {
      const merged = new Map(remaining.map((f) => [f.name, f] as const));
      for (const f of output.modifiedSourceFiles) merged.set(f.name, f);
      current = [...merged.values()].sort(byName);
    }
  }
  return { rendered, claimed, invoked };
}
