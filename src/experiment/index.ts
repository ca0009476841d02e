// The masking experiment: data → train (two arms) → export → eval → report, resumable, over the stages' faces.
export { runMaskingExperiment, MODELS, LAYOUT, type ModelName } from "./maskingExperiment.js";
export { ARMS, EVAL_MODES, FULL_SETTINGS, QUICK_SETTINGS, DEFAULT_SPLIT, type ExperimentOptions, type ExperimentSettings, type ArmName, type EvalModeName } from "./experimentOptions.js";
export { buildSplit, type ExperimentSplit, type BuiltSplit } from "./split.js";
export { bfclToXlamRow, hammerToXlamRow, rowFunctionNames, type SourceRow } from "./toXlamRow.js";
export { runStage, runStageGraph, hashInputs, hashFile, readStageRecord, STAGE_RECORD, type StageSpec, type GraphStage, type StageGraphOptions } from "./stage.js";
export { writeExperimentReport, type ExperimentReport, type BenchSummary, type EffectVerdict } from "./report/writeExperimentReport.js";
export { bootstrap, type Interval } from "./report/bootstrap.js";
export { encodePng, crc32 } from "./report/png.js";
export { lineChartPng, type Series } from "./report/lossChart.js";
