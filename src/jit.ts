/**
 * JavaScriptCore tier-up policy for hcp's runs (Bun.unsafe.setJITPolicy: a scale ≥ 1 on the
 * thresholds at which functions are compiled). An hcp process is short: most of its code runs a
 * handful of times, and compiling it costs CPU on the second core without paying back. Only
 * main.ts applies a policy; this module says which.
 */

/** Commands whose code runs about once: version, plugin commands, the Wasm sandbox child. */
export const SHORT_RUN_JIT_POLICY = 10;

/** `hcp template` until the chart is loaded: start-up, flags, values and chart loading. */
export const TEMPLATE_START_JIT_POLICY = 20;

/**
 * The policy for rendering a chart tree of `templates` templates. The same parse and execute
 * paths then run once per template, so the JIT pays off in proportion to the count: charts
 * of up to ~500 templates (every chart of the conformance corpus) keep the start policy, and
 * the scale is brought down toward the normal 1 as the count grows (bench/template.sh: at
 * 3000 templates a scale of 20 costs ~10% more wall time than 1–5; at 10–1000 it saves
 * 5–25%).
 */
export function templateJitPolicy(templates: number): number {
  return Math.min(
    TEMPLATE_START_JIT_POLICY,
    Math.max(1, Math.round(10_000 / Math.max(templates, 1))),
  );
}
