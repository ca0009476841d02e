// The data stage: Hammer's training-data pipeline, and the renderer of Hammer's eval sets.
export { buildDataset, type BuildOptions, type BuildSummary } from "./buildDataset.js";
export type { TaskFrom } from "./buildContext.js";
export { useSerialScavenges } from "./serialScavenges.js";
export type { RejectRecord, RowSource } from "./BatchProcessor.js";
export { readXlamRow, RowRejectedError, type XlamRow, type ReadDepth, type RejectReason } from "./readXlamRow.js";
export { toIrrelevant } from "./toIrrelevant.js";
export { trainRecord, promptAndLabel, TRAIN_FORMATS, type TrainFormat, type TrainRecord } from "./trainRecord.js";
export { datasetStats, type DatasetStats, type DatasetStatsOptions, type Distribution, type StatsFormat } from "./datasetStats.js";
export { looksRandomName, looksMaskedRow } from "./looksMasked.js";
export { syntheticXlamRow, writeSyntheticXlam, type XlamRecord, type WriteSyntheticOptions } from "./syntheticXlam.js";
export { RecordScanner, type RecordFormat, type ScannedRecord } from "./RecordScanner.js";
export { scanRecordFile } from "./scanRecordFile.js";
export { renderEvalFile, MAX_RENDER_INPUT_BYTES, type RenderEvalFileOptions, type RenderEvalFileResult } from "./renderEvalFile.js";
export { renderEvalSet, type RenderedSet, type RenderReject } from "./renderEvalSet.js";
export { renderEvalRecord, EVAL_TEMPLATES, type EvalTemplate } from "./renderEvalRecord.js";
