import { closeSync, openSync, readSync } from "node:fs";
import { HammerError } from "../../core/errors.js";
import { maskXlamSample } from "../../core/masking/index.js";
import { hashString, Rng } from "../../core/rng.js";
import {
  ROW_ANSWERS_FLOATS,
  ROW_FLOATS_KNOWN,
  ROW_OK,
  ROW_OK_NO_CALLS,
  ROW_REJECTED,
  ROW_STATE,
  ROW_TOOLS_FLOATS,
  ROW_UNKNOWN,
  type BatchJob, type BuildContext, type PrefetchedRecords } from "./buildContext.js";
import { ARRAY_SEPARATOR, escapeJsonBody, HammerRecordFormatter } from "./HammerRecordFormatter.js";
import { readXlamRow, RowRejectedError, type ReadDepth, type RejectReason, type RowHints, type XlamRow } from "./readXlamRow.js";
import type { RecordIndexData } from "./RecordIndex.js";
import { rawStringFields } from "./rawStringFields.js";
import { toIrrelevant } from "./toIrrelevant.js";
import { Utf8Buffer } from "./Utf8Buffer.js";

const FIELDS = ["query", "tools", "answers"];

/** What a status byte tells a later read of its row (see RowHints), by status byte. */
const HINTS: (RowHints | undefined)[] = Array.from({ length: 32 }, (_, b) => {
  const state = b & ROW_STATE;
  if (state !== ROW_OK && state !== ROW_OK_NO_CALLS) return undefined;
  if ((b & ROW_FLOATS_KNOWN) === 0) return { accepted: true };
  return { accepted: true, toolsFloats: (b & ROW_TOOLS_FLOATS) !== 0, answersFloats: (b & ROW_ANSWERS_FLOATS) !== 0 };
});

/** The float flags of an accepted row's status byte: from this read when it tested them, else as already known. */
function floatFlags(row: XlamRow, known: number): number {
  if (row.toolsFloats === undefined || row.answersFloats === undefined) return known & ~ROW_STATE;
  return ROW_FLOATS_KNOWN | (row.toolsFloats ? ROW_TOOLS_FLOATS : 0) | (row.answersFloats ? ROW_ANSWERS_FLOATS : 0);
}

/** Where a rejected row came from: the xLAM file, the irrelevance file, or a sampled xLAM row. */
export type RowSource = "xlam" | "irrelevance" | "irrelevance-sample";

/** One line of `OUT.rejects.jsonl`. */
export interface RejectRecord {
  source: RowSource;
  file: string;
  /** 0-based index of the record in its file. */
  row: number;
  /** 1-based line where the record starts. */
  line: number;
  reason: RejectReason;
  message: string;
  id?: unknown;
}

export interface BatchResult {
  id: number;
  /** Output positions the batch covered (rejected rows included). */
  slots: number;
  /** The batch's records as UTF-8, serialised and joined (JSON Lines: each with its newline). */
  bytes: Uint8Array;
  rows: number;
  masked: number;
  noCalls: number;
  /** Rows rejected in this batch (reported in copy 0 only, so each bad row once). */
  rejects: RejectRecord[];
}

/**
 * Produces the output of batches of a build (in the main thread or a worker). Each output slot
 * (copy, position) has its own generator seeded from (seed, copy, position), so a row's mask
 * decision and masks do not depend on which thread or batch handles it: any split of the work
 * gives the same bytes. A row is fully checked the first time it is read (and always in copy 0,
 * where its rejection is reported); its status is shared with the other threads.
 */
export class BatchProcessor {
  private readonly formatter: HammerRecordFormatter;
  /** With `taskFrom`: the formatter of irrelevance rows (their records say `task: "irrelevance"`). */
  private readonly irrelevanceFormatter: HammerRecordFormatter;
  private readonly xfd: number;
  private readonly ifd: number;
  private buf = Buffer.allocUnsafe(1 << 16);
  private readonly nX: number;
  private readonly maskFrom: number;
  private readonly decoder = new TextDecoder();
  private readonly out = new Utf8Buffer();
  private readonly separator: Uint8Array;
  /** The running batch's read-ahead records, and the position its first one belongs to. */
  private prefetched: PrefetchedRecords | undefined;
  private prefetchedFrom = 0;

  constructor(private readonly ctx: BuildContext) {
    this.formatter = new HammerRecordFormatter(ctx.format, ctx.jsonl, ctx.taskFrom === "source" ? "xlam" : undefined);
    this.irrelevanceFormatter = ctx.taskFrom === "source" ? new HammerRecordFormatter(ctx.format, ctx.jsonl, "irrelevance") : this.formatter;
    this.separator = new TextEncoder().encode(ctx.jsonl ? "" : ARRAY_SEPARATOR);
    this.nX = ctx.xlam.size;
    this.maskFrom = 1 - ctx.maskRatio;
    this.xfd = openSync(ctx.xlam.file, "r");
    this.ifd = ctx.irrelevance ? openSync(ctx.irrelevance.file, "r") : -1;
  }

  close(): void {
    closeSync(this.xfd);
    if (this.ifd !== -1) closeSync(this.ifd);
  }

  run(job: BatchJob): BatchResult {
    const { ctx } = this;
    const { out } = this;
    let rows = 0;
    const rejects: RejectRecord[] = [];
    let masked = 0;
    let noCalls = 0;
    this.prefetched = job.prefetched;
    this.prefetchedFrom = job.start;
    if (job.outBuffer !== undefined) out.give(job.outBuffer);
    for (let pos = job.start; pos < job.end; pos++) {
      const i = job.perm[pos] as number;
      const known = Atomics.load(ctx.status, i);
      let status = known & ROW_STATE;
      if (status === ROW_REJECTED && job.copy > 0) continue;
      const rng = new Rng(hashString(`${ctx.seed}/${job.copy}/${pos}`));
      const isMasked = rng.next() >= this.maskFrom;
      let text: string | undefined;
      let row: XlamRow | undefined;
      if (job.copy === 0 || status === ROW_UNKNOWN) {
        try {
          text = this.text(pos, i);
          row = this.parse(pos, i, text, isMasked ? "checked" : "validated", known);
        } catch (e) {
          if (!(e instanceof RowRejectedError)) throw e;
          Atomics.store(ctx.status, i, ROW_REJECTED);
          if (job.copy === 0) rejects.push(this.rejectRecord(i, e));
          continue;
        }
        status = (row.answers as unknown[]).length === 0 ? ROW_OK_NO_CALLS : ROW_OK;
        Atomics.store(ctx.status, i, status | floatFlags(row, known));
      } else text = this.text(pos, i);
      if (rows++ > 0) out.writeBytes(this.separator);
      const formatter = i < this.nX ? this.formatter : this.irrelevanceFormatter;
      if (isMasked) {
        row ??= this.parse(pos, i, text, "parsed", known);
        const source = { query: row.query, tools: row.tools as unknown[], answers: row.answers as unknown[] };
        formatter.writeMasked(out, source, maskXlamSample(source, { mode: ctx.mode }, rng).sample);
        masked++;
      } else {
        // an unmasked row's texts go out as stored: when the row was not just parsed (copies
        // after the first), copy them still escaped where possible — both give the same bytes
        const raw = text === undefined || row !== undefined ? undefined : rawStringFields(text, FIELDS);
        if (raw?.size === 3) formatter.writeEscaped(out, raw.get("tools") as string, raw.get("query") as string, raw.get("answers") as string);
        else {
          row ??= this.parse(pos, i, text, "texts", known);
          formatter.writeEscaped(out, escapeJsonBody(row.toolsText), escapeJsonBody(row.query), escapeJsonBody(row.answersText));
        }
      }
      if (status === ROW_OK_NO_CALLS) noCalls++;
    }
    this.prefetched = undefined;
    return { id: job.id, slots: job.end - job.start, bytes: out.take(), rows, masked, noCalls, rejects };
  }

  /** The stored record text of row `i` at position `pos` (see BuildContext), or undefined for a sampled irrelevance row. */
  private text(pos: number, i: number): string | undefined {
    const { ctx } = this;
    if (i >= this.nX && !ctx.irrelevance) return undefined;
    return this.readAhead(pos) ?? (i < this.nX ? this.read(this.xfd, ctx.xlam, i) : this.read(this.ifd, ctx.irrelevance as RecordIndexData, i - this.nX));
  }

  /** Row `i` from its record text (a sampled irrelevance row is derived from its xLAM row); `known`: its status byte. */
  private parse(pos: number, i: number, text: string | undefined, depth: ReadDepth, known: number): XlamRow {
    if (text !== undefined) return readXlamRow(text, depth, HINTS[known]);
    const src = (this.ctx.sampled as Int32Array)[i - this.nX] as number;
    const source = this.readAhead(pos) ?? this.read(this.xfd, this.ctx.xlam, src);
    // the irrelevance row's tools text is re-serialised from the parse: float marks are needed
    const irrelevant = toIrrelevant(readXlamRow(source, depth === "checked" || depth === "validated" ? "checked" : "parsed"));
    if (irrelevant === null) throw new RowRejectedError("irrelevance_no_tools", "every tool of the row is called by its answers; none is left");
    return irrelevant;
  }

  /** The record behind position `pos` as read ahead by the dispatching thread, if it was. */
  private readAhead(pos: number): string | undefined {
    const pre = this.prefetched;
    if (pre === undefined) return undefined;
    const k = pos - this.prefetchedFrom;
    if (pre.missing[k] === 1) return undefined;
    return this.decoder.decode(pre.bytes.subarray(pre.offsets[k], pre.offsets[k + 1]));
  }

  private read(fd: number, index: RecordIndexData, i: number): string {
    const len = index.lengths[i] as number;
    if (len > this.ctx.maxRecordBytes) {
      throw new RowRejectedError("record_too_large", `${len} bytes, more than the limit of ${this.ctx.maxRecordBytes}`);
    }
    if (len > this.buf.length) this.buf = Buffer.allocUnsafe(Math.max(len, this.buf.length * 2));
    const offset = index.offsets[i] as number;
    for (let got = 0; got < len; ) {
      const n = readSync(fd, this.buf, got, len - got, offset + got);
      if (n === 0) throw new HammerError("INPUT_INVALID", "the file changed during the build (a record is cut short)", { location: `${index.file}:${index.lines[i]}` });
      got += n;
    }
    return this.buf.toString("utf8", 0, len);
  }

  private rejectRecord(i: number, e: RowRejectedError): RejectRecord {
    const { ctx } = this;
    let r: RejectRecord;
    if (i < this.nX) r = { source: "xlam", file: ctx.xlam.file, row: i, line: ctx.xlam.lines[i] as number, reason: e.reason, message: e.detail };
    else if (ctx.irrelevance) {
      const k = i - this.nX;
      r = { source: "irrelevance", file: ctx.irrelevance.file, row: k, line: ctx.irrelevance.lines[k] as number, reason: e.reason, message: e.detail };
    } else {
      const src = (ctx.sampled as Int32Array)[i - this.nX] as number;
      r = { source: "irrelevance-sample", file: ctx.xlam.file, row: src, line: ctx.xlam.lines[src] as number, reason: e.reason, message: e.detail };
    }
    if (e.id !== undefined) r.id = e.id;
    return r;
  }
}
