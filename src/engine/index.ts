/**
 * engine: Helm's rendering layer on top of the Go template engine — one template set per
 * render with every template of the chart tree, per-chart scoped values, Helm's functions
 * (include, tpl, required, fail, lookup, toYaml…), the built-in objects (Release, Chart,
 * Capabilities, Template, Files, Subcharts), Helm's error rewriting, and the manifest
 * splitting/sorting of releaseutil. Pure: takes a loaded chart and values, returns text.
 * It must not read files, the environment or the clock (the clock is injected).
 */
export {
  createCapabilities,
  DEFAULT_API_VERSIONS,
  DEFAULT_KUBE_VERSION,
  defaultKubeVersion,
  HELM_BUILD_INFO,
  type KubeVersion,
  parseKubeVersion,
} from "./capabilities.ts";
export { cleanupParseError, reformatExecError, warnWrap } from "./errors.ts";
export { createFiles } from "./files.ts";
export { createFuncMap, type FuncMapOptions, toYaml } from "./funcmap.ts";
export { createHelmFuncs, RECURSION_MAX_NUMS } from "./funcs.ts";
export { createManifestHeadParser } from "./manifest-head.ts";
export {
  HOOK_TEST,
  type Hook,
  INSTALL_ORDER,
  type Manifest,
  type ManifestHead,
  type ParseManifestHead,
  type SortedManifests,
  sortManifests,
  splitManifests,
} from "./manifests.ts";
export { chartObject, metadataAsMap, type ReleaseOptions, releaseObject } from "./objects.ts";
export { type RenderOptions, type RenderValues, renderChart } from "./render.ts";
