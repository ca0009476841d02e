import type { MaskMode } from "../../core/masking/index.js";
import type { RecordIndexData } from "./RecordIndex.js";
import type { TrainFormat } from "../records/trainRecord.js";

/** Row status in `BuildContext.status` (shared by build workers). */
export const ROW_UNKNOWN = 0;
export const ROW_OK = 1;
/** Accepted, with an empty answer list (an irrelevance row). */
export const ROW_OK_NO_CALLS = 2;
export const ROW_REJECTED = 3;
/** The low bits of a status byte hold one of the ROW_ values above. */
export const ROW_STATE = 3;
/**
 * Flags beside the state, set on an accepted row once known: whether its `tools` / `answers`
 * text may hold an integral float (`mayHaveIntegralFloat`). Later reads of the row skip that
 * test and go straight to the right parser.
 */
export const ROW_FLOATS_KNOWN = 4;
export const ROW_TOOLS_FLOATS = 8;
export const ROW_ANSWERS_FLOATS = 16;

/**
 * Everything a build worker needs, structured-clone friendly: the typed arrays are backed by
 * SharedArrayBuffers, so workers see the main thread's index and each other's row checks.
 *
 * Rows are numbered in one space: `[0, xlam.size)` are the xLAM file's records, the rest are
 * irrelevance rows — the irrelevance file's records, or xLAM rows listed in `sampled`.
 */
export interface BuildContext {
  xlam: RecordIndexData;
  irrelevance?: RecordIndexData;
  sampled?: Int32Array;
  /** Per row: ROW_UNKNOWN until first read, then ROW_OK / ROW_OK_NO_CALLS / ROW_REJECTED (and ROW_*_FLOATS flags). */
  status: Uint8Array;
  total: number;
  seed: number;
  maskRatio: number;
  mode: MaskMode;
  format: TrainFormat;
  jsonl: boolean;
  /** "source": each record gets a `task` field naming where its row came from (`xlam` / `irrelevance`). */
  taskFrom?: TaskFrom;
  maxRecordBytes: number;
}

/** Where a record's `task` field comes from (for multi-task training, e.g. CGC-LoRA). */
export type TaskFrom = "source";

/** A slice of one copy's output: positions `[start, end)` of the copy's permutation `perm`. */
export interface BatchJob {
  id: number;
  copy: number;
  start: number;
  end: number;
  perm: Int32Array;
  /** Record bytes read ahead by the dispatching thread (see prefetchRecords), if any. */
  prefetched?: PrefetchedRecords;
  /** The memory of an earlier batch's output, written out and handed back to write this one into. */
  outBuffer?: ArrayBuffer;
}

/**
 * The stored records behind a batch's positions, read by the main thread (otherwise idle) so
 * workers spend no time in per-record reads. Record k (position start + k) is
 * `bytes[offsets[k], offsets[k + 1])`; for a sampled irrelevance row it is its source xLAM
 * record. `missing[k]` = 1 where nothing was read (e.g. a record over the size limit): the
 * worker then reads (and rejects) it itself.
 */
export interface PrefetchedRecords {
  bytes: Uint8Array;
  offsets: Uint32Array;
  missing: Uint8Array;
}
