/**
 * The scoring face of the eval stage: BFCL v3 single-turn scoring with the official AST-checker
 * semantics, Hammer's evaluate.py F1 metrics (and a corrected variant), the verdict types, and
 * reading what is scored (benches, datasets on disk, predictions). Pure functions of data; no
 * model is involved here.
 */
export { scoreBench, scoreLoadedBench, meanF1, type BenchScore, type ScoreOptions } from "./scoreBench.js";
export { parseBenchName, benchNames, type Bench } from "./benchName.js";
export { loadBench, type LoadedBench, type LoadedPart } from "./loadBench.js";
export { benchScoreJson, benchMetrics, type BenchScoreJson } from "./benchScoreJson.js";
export { formatBenchScore } from "./formatBenchScore.js";
export type { Issue, SampleVerdict, PartScore, BfclCategoryScore, HammerSetScore, HammerCounts, HammerF1 } from "../types.js";

export { readPredictions, readPredictionsFile, type PredictionSet } from "../predictions/readPredictions.js";
export type { Prediction } from "../predictions/types.js";

export {
  BFCL_CATEGORIES,
  BFCL_CATEGORY_INFO,
  BFCL_MULTI_TURN_CATEGORIES,
  BFCL_PARTS,
  bfclCategoryOfId,
  isBfclCategory,
  isBfclPart,
  isMultiTurnCategory,
  type BfclPart,
  type MultiTurnCategory,
  type BfclCategory,
  type BfclCategoryInfo,
  type BfclCheckerKind,
  type BfclLanguage,
} from "../bfcl/categories.js";
export { BFCL_ERROR_TYPES, HARNESS_ERROR_TYPES, type BfclErrorType, type OfficialBfclErrorType, type CheckResult } from "../bfcl/errorTypes.js";
export type { BfclSample, BfclFunctionDoc as BfclCheckerFunctionDoc, BfclExpectedCall, DecodedCall } from "../bfcl/types.js";
export { decodePrediction, decodeOutput, decodeToolCalls, type Decoded, type DecodeOptions } from "../bfcl/decodePrediction.js";
export { astChecker, type AstCheckResult, type SubError } from "../bfcl/astChecker.js";
export { simpleFunctionChecker, type CheckerOptions } from "../bfcl/simpleFunctionChecker.js";
export { relevanceChecker } from "../bfcl/relevanceChecker.js";
export { scoreBfclSample, checkDecoded, type BfclScoreOptions } from "../bfcl/scoreBfclSample.js";
export { summarizeBfcl, bfclSummaryJson, type BfclSummary } from "../bfcl/summarizeBfcl.js";
export { groundTruthCalls } from "../bfcl/groundTruthCalls.js";
export { mutateCalls, MUTATIONS, type Mutation } from "../bfcl/mutateCalls.js";

export { HAMMER_SETS, toHammerSet, type HammerSet } from "../hammer/hammerSets.js";
export { HAMMER_ERROR_TYPES, type HammerErrorType } from "../hammer/hammerErrorTypes.js";
export type { HammerSample, HammerCall } from "../hammer/types.js";
export { parseHammerOutput, type HammerParsed } from "../hammer/parseHammerOutput.js";
export { officialSampleCounts, argumentMatches, addCounts } from "../hammer/hammerOfficialCounts.js";
export { correctedSampleCounts } from "../hammer/hammerCorrectedCounts.js";
export { officialF1, correctedF1 } from "../hammer/hammerF1.js";
export { scoreHammerSample, type HammerSampleScore } from "../hammer/scoreHammerSample.js";
export { scoreHammerPairs } from "../hammer/scoreHammerPairs.js";

export { loadBfclCategory, hasBfclCategory, type LoadedBfclCategory } from "../datasets/loadBfclCategory.js";
export { loadHammerSet, type LoadedHammerSet } from "../datasets/loadHammerSet.js";
// Multi-turn: BFCL's simulated-API runner and checker
export { scoreMultiTurnSample, type MultiTurnScoreOptions } from "../multiturn/scoreMultiTurnSample.js";
export { loadMultiTurnCategory, hasMultiTurnCategory, type LoadedMultiTurnCategory } from "../datasets/loadMultiTurnCategory.js";
export { goldTurns } from "../multiturn/goldTurns.js";
export { ApiSession, type ApiClasses } from "../multiturn/execution/ApiSession.js";
export { multiTurnChecker, type MultiTurnCheck, type DecodedTurns } from "../multiturn/checker/multiTurnChecker.js";
export { MULTI_TURN_ERROR_TYPES, type MultiTurnErrorType } from "../multiturn/checker/multiTurnErrorTypes.js";
export { API_CLASSES } from "../multiturn/apis/registry.js";
export { PyException, PyOpaque, type SimulatedApi, type ApiMethod, type ApiReturn, type PyParam } from "../multiturn/apis/SimulatedApi.js";
export type { MultiTurnEntry, ApiCall } from "../multiturn/types.js";
