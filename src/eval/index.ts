/**
 * Evaluation: BFCL v3 single-turn scoring with the official AST-checker semantics, Hammer's
 * evaluate.py F1 metrics (and a corrected variant), dataset loading and fetching. Pure scoring
 * functions; no model is involved here.
 */
export { scoreBench, scoreLoadedBench, meanF1, type BenchScore, type ScoreOptions } from "./scoreBench.js";
export { parseBenchName, benchNames, type Bench } from "./benchName.js";
export { loadBench, type LoadedBench, type LoadedPart } from "./loadBench.js";
export { benchScoreJson, benchMetrics, type BenchScoreJson } from "./benchScoreJson.js";
export { formatBenchScore } from "./formatBenchScore.js";
export type { Issue, SampleVerdict, PartScore, BfclCategoryScore, HammerSetScore, HammerCounts, HammerF1 } from "./types.js";

export { readPredictions, readPredictionsFile, type PredictionSet } from "./predictions/readPredictions.js";
export type { Prediction } from "./predictions/types.js";

export {
  BFCL_CATEGORIES,
  BFCL_CATEGORY_INFO,
  BFCL_MULTI_TURN_CATEGORIES,
  bfclCategoryOfId,
  isBfclCategory,
  type BfclCategory,
  type BfclCategoryInfo,
  type BfclCheckerKind,
  type BfclLanguage,
} from "./bfcl/categories.js";
export { BFCL_ERROR_TYPES, HARNESS_ERROR_TYPES, type BfclErrorType, type OfficialBfclErrorType, type CheckResult } from "./bfcl/errorTypes.js";
export type { BfclSample, BfclFunctionDoc as BfclCheckerFunctionDoc, BfclExpectedCall, DecodedCall } from "./bfcl/types.js";
export { decodePrediction, decodeOutput, decodeToolCalls, type Decoded, type DecodeOptions } from "./bfcl/decodePrediction.js";
export { astChecker, type AstCheckResult, type SubError } from "./bfcl/astChecker.js";
export { simpleFunctionChecker, type CheckerOptions } from "./bfcl/simpleFunctionChecker.js";
export { relevanceChecker } from "./bfcl/relevanceChecker.js";
export { scoreBfclSample, checkDecoded, type BfclScoreOptions } from "./bfcl/scoreBfclSample.js";
export { summarizeBfcl, bfclSummaryJson, type BfclSummary } from "./bfcl/summarizeBfcl.js";
export { groundTruthCalls } from "./bfcl/groundTruthCalls.js";
export { mutateCalls, MUTATIONS, type Mutation } from "./bfcl/mutateCalls.js";

export { HAMMER_SETS, toHammerSet, type HammerSet } from "./hammer/hammerSets.js";
export { HAMMER_ERROR_TYPES, type HammerErrorType } from "./hammer/hammerErrorTypes.js";
export type { HammerSample, HammerCall } from "./hammer/types.js";
export { parseHammerOutput, type HammerParsed } from "./hammer/parseHammerOutput.js";
export { officialSampleCounts, argumentMatches, addCounts } from "./hammer/hammerOfficialCounts.js";
export { correctedSampleCounts } from "./hammer/hammerCorrectedCounts.js";
export { officialF1, correctedF1 } from "./hammer/hammerF1.js";
export { scoreHammerSample, type HammerSampleScore } from "./hammer/scoreHammerSample.js";
export { scoreHammerPairs } from "./hammer/scoreHammerPairs.js";

export { loadBfclCategory, hasBfclCategory, type LoadedBfclCategory } from "./datasets/loadBfclCategory.js";
export { loadHammerSet, type LoadedHammerSet } from "./datasets/loadHammerSet.js";
export { defaultDatasetsDir } from "./datasets/defaultDatasetsDir.js";
export { DATASET_MANIFEST, BFCL_COMMIT, HAMMER_COMMIT, UPSTREAM_BASE_URLS, manifestUrl, type ManifestFile, type DatasetGroup } from "./datasets/manifest.js";
export { fetchDatasets, type FetchDatasetsOptions, type FetchedFile, type FetchProgress, type FetchStatus } from "./datasets/fetchDatasets.js";
export { listDatasets, type DatasetFileStatus } from "./datasets/listDatasets.js";

// Running evaluations (`hammer eval run`) and their reports (`hammer eval compare`).
export { runEval, RUN_DEFAULTS, type RunEvalOptions, type RunProgress, type RunOutcome } from "./run/runEval.js";
export { parseBenchList } from "./run/parseBenchList.js";
export { parseMaskList } from "./run/parseMaskList.js";
export { toEvalItem, type EvalItem, type EvalSample } from "./run/toEvalItem.js";
export { maskEvalItem } from "./run/maskEvalItem.js";
export { preprocessBfclDocs } from "./run/preprocessBfclDocs.js";
export { bfclMessages } from "./run/bfclMessages.js";
export { hammerMessages } from "./run/hammerMessages.js";
export { generateRecord, type GenerateRecordOptions } from "./run/generateRecord.js";
export { PredictionLog } from "./run/PredictionLog.js";
export { buildRunResults, type BuildRunResultsInput } from "./run/buildRunResults.js";
export { describeModelFile } from "./run/describeModelFile.js";
export { progressReporter, type ProgressReporter } from "./run/progressReporter.js";
export { readRunFile, writeRunFile, type RunFile } from "./run/readRunFile.js";
export { configMismatch } from "./run/configMismatch.js";
export { RUN_FILES } from "./run/runFiles.js";
export { writeRunOutputs } from "./run/writeRunOutputs.js";
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
} from "./run/types.js";
export { renderSummaryMarkdown } from "./report/renderSummaryMarkdown.js";
export { renderReportHtml, REPORT_LIMITS } from "./report/renderReportHtml.js";
export { readRunResults } from "./report/readRunResults.js";
export { compareRuns, type RunComparison, type ComparedRun, type ComparedRow } from "./report/compareRuns.js";
export { renderCompareHtml } from "./report/renderCompareHtml.js";
export { renderCompareMarkdown } from "./report/renderCompareMarkdown.js";
export { scoreRows, bfclGroupOf, type ScoreRow } from "./report/scoreRows.js";
export { unmaskPrediction, UNSHOWN_PREFIX } from "./run/unmaskPrediction.js";
