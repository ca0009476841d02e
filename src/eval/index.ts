/**
 * The eval stage's face for other stages, the CLI and the package's documented entry points
 * (`scoreBench`, `runEval`): a selection from its two faces, scoring (./scoring/index.js:
 * checkers, metrics, verdicts) and runs (./run/index.js: runEval, reports, dataset downloads).
 * The package exports both faces whole (src/index.ts).
 */
export {
  addCounts,
  benchScoreJson,
  correctedF1,
  correctedSampleCounts,
  formatBenchScore,
  groundTruthCalls,
  loadBfclCategory,
  loadHammerSet,
  parseBenchName,
  readPredictionsFile,
  scoreBench,
  type BenchScore,
  type BfclCategory,
  type BfclSample,
  type HammerCall,
  type HammerCounts,
  type HammerSample,
  type HammerSet,
  type ScoreOptions,
} from "./scoring/index.js";

export {
  DATASET_MANIFEST,
  RUN_DEFAULTS,
  compareRuns,
  defaultDatasetsDir,
  describeModelFile,
  fetchDatasets,
  listDatasets,
  parseBenchList,
  parseMaskList,
  progressReporter,
  readRunResults,
  renderCompareHtml,
  renderCompareMarkdown,
  runEval,
  type DatasetGroup,
  type FetchedFile,
  type ModelMeta,
  type RunEvalOptions,
  type RunResults,
} from "./run/index.js";
