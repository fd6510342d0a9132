/**
 * render: the chart-defined render/v1 plugin protocol and pipeline. Pure: owns the wire format,
 * glob matching and the sequential hand-off between plugins; it never locates, verifies or runs
 * a plugin (action/ does that, after the trust verdict).
 */
export { compileGlob, type Glob } from "./glob.ts";
export {
  compilePatterns,
  type RenderPipelineResult,
  type RenderStep,
  runRenderPipeline,
} from "./pipeline.ts";
export {
  type CapabilitiesV1,
  type ChartV1,
  encodeSourceFile,
  type InputMessageRenderV1,
  type OutputMessageRenderV1,
  parseRenderOutput,
  type ReleaseV1,
  type RenderContextV1,
  type SourceFile,
  type SourceFileV1,
  unsafePathReason,
} from "./protocol.ts";
