import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { HammerError } from "../../core/errors.js";
import { fromSystemError } from "../../core/fromSystemError.js";
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
    throw fromSystemError(e, "cannot open the input", path);
  }
  const read = (buf: Buffer, at: number): number => {
    try {
      return readSync(fd, buf, 0, CHUNK, at);
    } catch (e) {
      throw fromSystemError(e, "cannot read the input", path);
    }
  };
  try {
    const st = fstatSync(fd);
    // a device such as /dev/zero would be read for ever; records are also read back by offset
    if (!st.isFile()) throw new HammerError("INPUT_INVALID", `the input is ${st.isDirectory() ? "a directory" : "not a regular file"}, not a JSON or JSON Lines file`, { location: path });
    const buf = Buffer.allocUnsafe(CHUNK);
    let pos = 0;
    let n = read(buf, 0);
    if (n >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) pos = 3;
    const scanner = new RecordScanner(onRecord, { maxRecordBytes, source: path, startOffset: pos });
    let start = pos;
    while (n > 0) {
      scanner.push(buf.subarray(start, n));
      pos += n - start;
      start = 0;
      n = read(buf, pos);
    }
    scanner.end();
    return { format: scanner.format, records: scanner.records, bytes: pos };
  } finally {
    closeSync(fd);
  }
}
