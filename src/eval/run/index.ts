/**
 * The runs face of the eval stage: running evaluations against an engine (`hammer eval run`),
 * the predictions log and resumption, reports and comparisons (`hammer eval compare`), and the
 * pinned dataset downloads (`hammer datasets`). Scoring itself is the scoring face's.
 */
export { runEval, RUN_DEFAULTS, type RunEvalOptions, type RunProgress, type RunOutcome } from "./runEval.js";
export { parseBenchList } from "./parseBenchList.js";
export { parseMaskList } from "./parseMaskList.js";
export { toEvalItem, type EvalItem, type EvalSample } from "./toEvalItem.js";
export { maskEvalItem } from "./maskEvalItem.js";
export { preprocessBfclDocs } from "./preprocessBfclDocs.js";
export { bfclMessages } from "./bfclMessages.js";
export { hammerMessages } from "./hammerMessages.js";
export { generateRecord, type GenerateRecordOptions } from "./generateRecord.js";
export { PredictionLog } from "./PredictionLog.js";
export { buildRunResults, type BuildRunResultsInput } from "./buildRunResults.js";
export { describeModelFile } from "./describeModelFile.js";
export { progressReporter, type ProgressReporter } from "./progressReporter.js";
export { readRunFile, writeRunFile, type RunFile } from "./readRunFile.js";
export { configMismatch } from "./configMismatch.js";
export { RUN_FILES } from "./runFiles.js";
export { writeRunOutputs } from "./writeRunOutputs.js";
export { unmaskPrediction, UNSHOWN_PREFIX } from "./unmaskPrediction.js";
export {
  RUN_CONFIG_KIND,
  RUN_RESULTS_KIND,
  GENERATION_ERROR_TYPE,
  type MaskSelection,
  type ModelMeta,
  type RunConfig,
  type RunSession,
  type GenerationErrorKind,
  type PredictionRecord,
  type RunResults,
  type PartResult,
  type SampleResult,
  type BfclSummaryJson,
  type HammerF1Json,
  type HammerCountsJson,
} from "./types.js";

export { renderSummaryMarkdown } from "../report/renderSummaryMarkdown.js";
export { renderReportHtml, REPORT_LIMITS } from "../report/renderReportHtml.js";
export { readRunResults } from "../report/readRunResults.js";
export { compareRuns, type RunComparison, type ComparedRun, type ComparedRow } from "../report/compareRuns.js";
export { renderCompareHtml } from "../report/renderCompareHtml.js";
export { renderCompareMarkdown } from "../report/renderCompareMarkdown.js";
export { scoreRows, bfclGroupOf, type ScoreRow } from "../report/scoreRows.js";

export { defaultDatasetsDir } from "../datasets/defaultDatasetsDir.js";
export { DATASET_MANIFEST, BFCL_COMMIT, HAMMER_COMMIT, UPSTREAM_BASE_URLS, manifestUrl, type ManifestFile, type DatasetGroup } from "../datasets/manifest.js";
export { fetchDatasets, type FetchDatasetsOptions, type FetchedFile, type FetchProgress, type FetchStatus } from "../datasets/fetchDatasets.js";
export { listDatasets, type DatasetFileStatus } from "../datasets/listDatasets.js";
