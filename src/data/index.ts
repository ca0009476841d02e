// The data stage: Hammer's training-data pipeline. (src/data/render* — the eval-set renderer — is
// another module of this stage; its exports are added here by its owner.)
export { buildDataset, type BuildOptions, type BuildSummary } from "./buildDataset.js";
export type { RejectRecord, RowSource } from "./BatchProcessor.js";
export { readXlamRow, RowRejectedError, type XlamRow, type ReadDepth, type RejectReason } from "./readXlamRow.js";
export { toIrrelevant } from "./toIrrelevant.js";
export { trainRecord, promptAndLabel, TRAIN_FORMATS, type TrainFormat, type TrainRecord } from "./trainRecord.js";
export { datasetStats, type DatasetStats, type DatasetStatsOptions, type Distribution, type StatsFormat } from "./datasetStats.js";
export { looksRandomName, looksMaskedRow } from "./looksMasked.js";
export { syntheticXlamRow, writeSyntheticXlam, type XlamRecord, type WriteSyntheticOptions } from "./syntheticXlam.js";
export { RecordScanner, type RecordFormat, type ScannedRecord } from "./RecordScanner.js";
export { scanRecordFile } from "./scanRecordFile.js";
