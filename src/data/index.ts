// The data stage: Hammer's training-data pipeline, and the renderer of Hammer's eval sets.
export { buildDataset, type BuildOptions, type BuildSummary } from "./build/buildDataset.js";
export type { TaskFrom } from "./build/buildContext.js";
export { useSerialScavenges } from "./build/serialScavenges.js";
export type { RejectRecord, RowSource } from "./build/BatchProcessor.js";
export { readXlamRow, RowRejectedError, type XlamRow, type ReadDepth, type RejectReason } from "./build/readXlamRow.js";
export { toIrrelevant } from "./build/toIrrelevant.js";
export { trainRecord, promptAndLabel, TRAIN_FORMATS, type TrainFormat, type TrainRecord } from "./records/trainRecord.js";
export { datasetStats, type DatasetStats, type DatasetStatsOptions, type Distribution, type StatsFormat } from "./stats/datasetStats.js";
export { looksRandomName, looksMaskedRow } from "./stats/looksMasked.js";
export { syntheticXlamRow, writeSyntheticXlam, type XlamRecord, type WriteSyntheticOptions } from "./records/syntheticXlam.js";
export { RecordScanner, type RecordFormat, type ScannedRecord } from "./records/RecordScanner.js";
export { scanRecordFile } from "./records/scanRecordFile.js";
export { renderEvalFile, MAX_RENDER_INPUT_BYTES, type RenderEvalFileOptions, type RenderEvalFileResult } from "./render/renderEvalFile.js";
export { renderEvalSet, type RenderedSet, type RenderReject } from "./render/renderEvalSet.js";
export { renderEvalRecord, EVAL_TEMPLATES, type EvalTemplate } from "./render/renderEvalRecord.js";
