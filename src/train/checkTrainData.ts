import { HammerError } from "../core/errors.js";
import { scanRecordFile } from "../data/index.js";
import { checkTrainRecord, type TrainRecordLayout } from "./checkTrainRecord.js";

export interface TrainDataSummary {
  rows: number;
  layouts: Partial<Record<TrainRecordLayout, number>>;
  /** Rows per task (with a task field). */
  tasks: Record<string, number>;
}

const MAX_RECORD_BYTES = 64 << 20;

/**
 * Stream the data file and check every row (JSON array or JSON Lines); the first bad one is an
 * INPUT_INVALID error with its file, line and 1-based row number — the way the trainer names rows.
 */
export function checkTrainData(file: string, taskField?: string): TrainDataSummary {
  const summary: TrainDataSummary = { rows: 0, layouts: {}, tasks: {} };
  const decoder = new TextDecoder("utf-8", { fatal: true });
  scanRecordFile(
    file,
    (rec) => {
      summary.rows++;
      const where = `${file}:${rec.line}: row ${summary.rows}`;
      if (rec.bytes === null) throw new HammerError("INPUT_INVALID", `record over ${MAX_RECORD_BYTES >> 20} MiB`, { location: where });
      let row: unknown;
      try {
        row = JSON.parse(decoder.decode(rec.bytes));
      } catch (e) {
        throw new HammerError("INPUT_INVALID", `not valid JSON: ${(e as Error).message}`, { location: where });
      }
      const { layout, task } = checkTrainRecord(row, where, taskField);
      summary.layouts[layout] = (summary.layouts[layout] ?? 0) + 1;
      if (task !== undefined) summary.tasks[task] = (summary.tasks[task] ?? 0) + 1;
    },
    MAX_RECORD_BYTES,
  );
  if (summary.rows === 0) throw new HammerError("INPUT_INVALID", "the data file has no rows", { location: file });
  return summary;
}
