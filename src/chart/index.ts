/**
 * chart: Helm's chart model and everything done to it before rendering — Chart.yaml parsing
 * and validation, loading from a file list (pure), from a directory or .tgz (dir.ts and
 * archive.ts are the only readers, with Helm's limits), .helmignore, values files, values
 * coalescing, dependency processing (conditions, tags, aliases, import-values) and the
 * values schema check. It must not render templates or print.
 */
export {
  expandChartArchive,
  MAX_DECOMPRESSED_CHART_SIZE,
  MAX_DECOMPRESSED_FILE_SIZE,
} from "./archive.ts";
export {
  type Chart,
  type ChartFile,
  type CrdObject,
  chartFullPath,
  crdObjects,
  isLibraryChart,
  setDependencies,
} from "./chart.ts";
export {
  coalesceTables,
  coalesceValues,
  GLOBAL_KEY,
  mergeTables,
  mergeValues,
  type Warn,
} from "./coalesce.ts";
export { pathValue, processDependencies, valuesTable } from "./dependencies.ts";
export { type LoadChartOptions, loadChart, readChartDir } from "./dir.ts";
export { HELM_IGNORE, type IgnoreRules, parseHelmIgnore } from "./helmignore.ts";
export { type ExpandArchive, type LoadOptions, loadChartFiles } from "./load.ts";
export { compileMatch, matchPath } from "./match.ts";
export {
  API_VERSION_V1,
  API_VERSION_V2,
  type ChartPluginRef,
  type Dependency,
  type Lock,
  type Maintainer,
  type Metadata,
  validateMetadata,
} from "./metadata.ts";
export { hasSchema, validateValuesSchema } from "./schema.ts";
export { isCompatibleRange, isValidSemver } from "./semver.ts";
export { copyValues, isTable, mergeMaps, readValues, type Values } from "./values.ts";
