import { closeSync, openSync, readSync } from "node:fs";
import { HammerError } from "../core/errors.js";
import { RecordScanner, type RecordFormat, type ScannedRecord } from "./RecordScanner.js";

const CHUNK = 1 << 20;

export interface ScanResult {
  format: RecordFormat | undefined;
  records: number;
  bytes: number;
}

/**
 * Stream a JSON-array or JSON Lines file through {@link RecordScanner}, calling `onRecord` for
 * each record in file order (a UTF-8 BOM is skipped). Memory: one chunk plus one record.
 */
export function scanRecordFile(path: string, onRecord: (r: ScannedRecord) => void, maxRecordBytes: number): ScanResult {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (e) {
    throw new HammerError("NOT_FOUND", `cannot open ${path}: ${(e as Error).message}`, { location: path, cause: e });
  }
  try {
    const buf = Buffer.allocUnsafe(CHUNK);
    let pos = 0;
    let n = readSync(fd, buf, 0, CHUNK, 0);
    if (n >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) pos = 3;
    const scanner = new RecordScanner(onRecord, { maxRecordBytes, source: path, startOffset: pos });
    let start = pos;
    while (n > 0) {
      scanner.push(buf.subarray(start, n));
      pos += n - start;
      start = 0;
      n = readSync(fd, buf, 0, CHUNK, pos);
    }
    scanner.end();
    return { format: scanner.format, records: scanner.records, bytes: pos };
  } finally {
    closeSync(fd);
  }
}
