import { RecordIndex } from "./RecordIndex.js";
import { scanRecordFile } from "../records/scanRecordFile.js";

/**
 * First pass over a record file: where every record is (no parsing; records are checked when
 * the build first reads them). A record longer than `maxRecordBytes` is indexed all the same and
 * rejected on first read without being loaded.
 */
export function indexRecordFile(file: string, maxRecordBytes: number, maxRows: number): RecordIndex {
  const index = new RecordIndex(file, maxRows);
  scanRecordFile(file, (rec) => index.push(rec.offset, rec.length, rec.line), maxRecordBytes);
  return index;
}
