import { closeSync, existsSync, ftruncateSync, openSync, readFileSync, writeSync } from "node:fs";
import { HammerError, isHammerError } from "../../core/errors.js";
import { parseJson } from "../../core/json/index.js";
import { pyJsonDumps } from "../../core/python/index.js";
import type { PredictionRecord } from "./types.js";

/**
 * `DIR/predictions.jsonl`, append-only: one line per finished sample, written with a single
 * `write` as it arrives, so a killed run loses at most the line being written. Opening an
 * existing log keeps its complete lines and cuts a torn last line (a kill mid-write); a
 * malformed line before the last one means the file was damaged otherwise, and is an error.
 */
export class PredictionLog {
  /** Records on disk, by id, in file order (the first of a repeated id wins). */
  readonly records = new Map<string, PredictionRecord>();
  /** Bytes of a torn last line that were cut when opening. */
  readonly cutBytes: number;
  private fd: number | null;

  private constructor(
    readonly file: string,
    fd: number,
    cutBytes: number,
  ) {
    this.fd = fd;
    this.cutBytes = cutBytes;
  }

  /** Open (creating it when absent) for appending, reading what an earlier session wrote. */
  static open(file: string): PredictionLog {
    const bytes = existsSync(file) ? readFileSync(file) : Buffer.alloc(0);
    const end = bytes.lastIndexOf(0x0a) + 1; // complete lines end here (bytes, so a cut character cannot shift it)
    const records = parseLines(bytes.subarray(0, end).toString("utf8"), file);
    const fd = openSync(file, "a+");
    if (end < bytes.length) ftruncateSync(fd, end);
    const log = new PredictionLog(file, fd, bytes.length - end);
    for (const r of records) if (!log.records.has(r.id)) log.records.set(r.id, r);
    return log;
  }

  append(record: PredictionRecord): void {
    if (this.fd === null) throw new HammerError("INTERNAL", `${this.file}: the predictions log is closed`);
    writeSync(this.fd, `${pyJsonDumps(record, { ensureAscii: false, separators: [", ", ": "] })}\n`);
    if (!this.records.has(record.id)) this.records.set(record.id, record);
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}

function parseLines(text: string, file: string): PredictionRecord[] {
  const out: PredictionRecord[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() === "") continue;
    const where = `${file}:${i + 1}`;
    let value: unknown;
    try {
      value = parseJson(line, { source: where });
    } catch (e) {
      if (!isHammerError(e)) throw e;
      throw new HammerError("INPUT_INVALID", `damaged predictions log (${e.message}); remove the line or start a new --out`, { location: where, cause: e });
    }
    const problem = checkRecord(value);
    if (problem) throw new HammerError("INPUT_INVALID", `damaged predictions log: ${problem}`, { location: where });
    out.push(value as PredictionRecord);
  }
  return out;
}

function checkRecord(v: unknown): string | null {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return "a line is not a JSON object";
  const r = v as Record<string, unknown>;
  if (typeof r.id !== "string") return 'a line has no string "id"';
  if (r.tool_calls !== undefined && !Array.isArray(r.tool_calls)) return `${r.id}: "tool_calls" is not a list`;
  if (r.output !== undefined && typeof r.output !== "string") return `${r.id}: "output" is not text`;
  if (r.error !== undefined && (r.error === null || typeof r.error !== "object")) return `${r.id}: "error" is not an object`;
  return null;
}
