import { availableParallelism } from "node:os";
import { HammerError } from "../../core/errors.js";
import type { MaskMode } from "../../core/masking/index.js";
import { Rng } from "../../core/rng.js";
import { AtomicFileWriter } from "./AtomicFileWriter.js";
import type { RejectRecord } from "./BatchProcessor.js";
import type { BatchJob, BuildContext, TaskFrom } from "./buildContext.js";
import { ARRAY_CLOSE, ARRAY_OPEN, ARRAY_SEPARATOR } from "./HammerRecordFormatter.js";
import { indexRecordFile } from "./indexRecordFile.js";
import type { RejectReason } from "./readXlamRow.js";
import type { RecordIndex } from "./RecordIndex.js";
import type { Worker } from "node:worker_threads";
import { runBatches, startBuildWorkers } from "./runBatches.js";
import type { TrainFormat } from "../records/trainRecord.js";

export interface BuildOptions {
  /** xLAM-format input (JSON array or JSON Lines of `{query, tools, answers, id?}`). */
  xlam: string;
  /** Ready-made irrelevance rows (xLAM format), mixed in like Hammer's XLAM-7.5k-Irrelevance. */
  irrelevance?: string;
  /** Or: make this many irrelevance rows from sampled xLAM rows (see toIrrelevant). */
  irrelevanceSample?: number;
  /** Independently shuffled copies of (xlam + irrelevance). Default 3. */
  copies?: number;
  /** Probability that a row is masked (Hammer: `random() > 1/3`). Default 2/3. */
  maskRatio?: number;
  /** Default 12, Hammer's. */
  seed?: number;
  /** Default "fixed". */
  mode?: MaskMode;
  /** Default "alpaca". */
  format?: TrainFormat;
  /** "source": give every record a `task` field, `xlam` or `irrelevance` (multi-task training). */
  taskFrom?: TaskFrom;
  /** Fail (CHECK_FAILED) on the first bad row instead of rejecting it: `maxRejects: 0`. */
  strict?: boolean;
  /** Fail (CHECK_FAILED, nothing written) as soon as more input rows than this are rejected. Default: no limit. */
  maxRejects?: number;
  /** Output file: JSON Lines when it ends in `.jsonl`, else a JSON array. */
  out: string;
  /** Called now and then with rows written and rows planned. */
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  /** Records longer than this are rejected unread. Default 16 MiB. */
  maxRecordBytes?: number;
  /** Refuse input files with more records. Default 20 million. */
  maxRows?: number;
  /** Worker threads (0: all in this thread). Default: one per CPU, at most 4 (1 CPU: 0). */
  workers?: number;
}

/**
 * What a build did. The counts reconcile exactly:
 * `rowsIn × copies = rowsOut + rejected × copies` — every accepted input row appears once in
 * every copy, every rejected one in none.
 */
export interface BuildSummary {
  out: string;
  rejectsFile: string;
  format: TrainFormat;
  mode: MaskMode;
  copies: number;
  maskRatio: number;
  seed: number;
  /** xlamRows + irrelevanceRows. */
  rowsIn: number;
  xlamRows: number;
  /** Rows of the irrelevance file, or irrelevance rows sampled. */
  irrelevanceRows: number;
  irrelevanceSource: "none" | "file" | "sample";
  /** Input rows rejected (each missing from every copy), by reason in `rejectReasons`. */
  rejected: number;
  rejectReasons: Partial<Record<RejectReason, number>>;
  rowsOut: number;
  masked: number;
  maskedShare: number;
  /** Output rows labelled `[]`. */
  irrelevanceOut: number;
  irrelevanceShare: number;
  elapsedMs: number;
}

const DEFAULTS = { copies: 3, maskRatio: 2 / 3, seed: 12, maxRecordBytes: 16 << 20, maxRows: 20_000_000 };
/** Output positions per batch (the unit of work of a thread, and of progress reports). */
const BATCH = 1024;

/**
 * Hammer's training-data recipe (`data_processing.py`): `copies` independently shuffled copies of
 * xLAM + irrelevance rows, each row masked with probability `maskRatio` (all three masks), written
 * as Hammer 1.0/2.0 training records. Streams: a first pass indexes where every record is, then
 * each copy reads its rows back by offset in a seeded random order (in worker threads when
 * there are CPUs to spare). A row is checked when first read; bad rows go to
 * `OUT.rejects.jsonl` (in copy-0 order, with source, row, line and reason) and are left out of
 * every copy. Same inputs and seed → byte-identical output, whatever the number of workers.
 */
export async function buildDataset(options: BuildOptions): Promise<BuildSummary> {
  const started = Date.now();
  const o = checkOptions(options);
  const rejectsFile = `${options.out}.rejects.jsonl`;
  const reasons: Partial<Record<RejectReason, number>> = {};
  let rejected = 0;
  const jsonl = options.out.endsWith(".jsonl");
  const out = new AtomicFileWriter(options.out);
  let rejects: AtomicFileWriter | undefined;
  // started first: they load while the inputs are indexed; runBatches owns them from then on
  let idleWorkers: Worker[] | undefined = o.workers > 0 ? startBuildWorkers(o.workers) : undefined;
  try {
    rejects = new AtomicFileWriter(rejectsFile);
    const xlam = indexRecordFile(options.xlam, o.maxRecordBytes, o.maxRows);
    let irrelevance: RecordIndex | undefined;
    let sampled: Int32Array | undefined;
    if (options.irrelevance !== undefined) irrelevance = indexRecordFile(options.irrelevance, o.maxRecordBytes, o.maxRows);
    else if (o.irrelevanceSample > 0) sampled = sampleRows(xlam, o.irrelevanceSample, new Rng(o.seed).fork("irrelevance-sample"));
    const nX = xlam.size;
    const nI = irrelevance ? irrelevance.size : sampled ? sampled.length : 0;
    const total = nX + nI;
    const ctx: BuildContext = {
      xlam: xlam.data(),
      irrelevance: irrelevance?.data(),
      sampled,
      status: new Uint8Array(new SharedArrayBuffer(Math.max(1, total))),
      total,
      seed: o.seed,
      maskRatio: o.maskRatio,
      mode: o.mode,
      format: o.format,
      jsonl,
      taskFrom: options.taskFrom,
      maxRecordBytes: o.maxRecordBytes,
    };

    let written = 0;
    let masked = 0;
    let noCalls = 0;
    let slots = 0;
    const planned = total * o.copies;
    if (!jsonl) out.write(ARRAY_OPEN);
    const workers = idleWorkers ?? 0;
    idleWorkers = undefined;
    await runBatches(
      ctx,
      batchJobs(total, o.copies, o.seed),
      workers,
      (r) => {
        for (const rej of r.rejects) {
          if (rejected >= o.maxRejects) throw tooManyRejects(rej, rejected + 1, o.maxRejects);
          rejected++;
          reasons[rej.reason] = (reasons[rej.reason] ?? 0) + 1;
          (rejects as AtomicFileWriter).write(`${JSON.stringify(rej)}\n`);
        }
        if (r.rows > 0) {
          if (!jsonl && written > 0) out.write(ARRAY_SEPARATOR);
          out.write(r.bytes);
        }
        written += r.rows;
        masked += r.masked;
        noCalls += r.noCalls;
        slots += r.slots;
        options.onProgress?.(slots, planned);
      },
      options.signal,
    );
    if (!jsonl) out.write(written === 0 ? "]" : ARRAY_CLOSE);
    if (written !== (total - rejected) * o.copies) {
      throw new HammerError("INTERNAL", `row counts do not reconcile: ${written} written, ${total} in, ${rejected} rejected, ${o.copies} copies`);
    }
    out.commit();
    rejects.commit();
    return {
      out: options.out,
      rejectsFile,
      format: o.format,
      mode: o.mode,
      copies: o.copies,
      maskRatio: o.maskRatio,
      seed: o.seed,
      rowsIn: total,
      xlamRows: nX,
      irrelevanceRows: nI,
      irrelevanceSource: irrelevance ? "file" : sampled ? "sample" : "none",
      rejected,
      rejectReasons: reasons,
      rowsOut: written,
      masked,
      maskedShare: written === 0 ? 0 : masked / written,
      irrelevanceOut: noCalls,
      irrelevanceShare: written === 0 ? 0 : noCalls / written,
      elapsedMs: Date.now() - started,
    };
  } catch (e) {
    out.abort();
    rejects?.abort();
    throw e;
  } finally {
    for (const w of idleWorkers ?? []) void w.terminate();
  }
}

/** The batches of every copy, in output order; each copy's permutation is drawn when it starts. */
function* batchJobs(total: number, copies: number, seed: number): Generator<BatchJob> {
  let id = 0;
  for (let copy = 0; copy < copies; copy++) {
    const perm = new Int32Array(new SharedArrayBuffer(Math.max(1, total) * 4));
    for (let i = 0; i < total; i++) perm[i] = i;
    shuffle(perm.subarray(0, total), new Rng(seed).fork(`copy ${copy}`));
    for (let start = 0; start < total; start += BATCH) yield { id: id++, copy, start, end: Math.min(total, start + BATCH), perm };
  }
}

function checkOptions(options: BuildOptions) {
  const o = {
    copies: options.copies ?? DEFAULTS.copies,
    maskRatio: options.maskRatio ?? DEFAULTS.maskRatio,
    seed: options.seed ?? DEFAULTS.seed,
    mode: options.mode ?? "fixed",
    format: options.format ?? "alpaca",
    irrelevanceSample: options.irrelevanceSample ?? 0,
    maxRecordBytes: options.maxRecordBytes ?? DEFAULTS.maxRecordBytes,
    maxRows: options.maxRows ?? DEFAULTS.maxRows,
    workers: options.workers ?? (availableParallelism() > 1 ? Math.min(4, availableParallelism()) : 0),
    maxRejects: options.strict ? 0 : (options.maxRejects ?? Number.POSITIVE_INFINITY),
  };
  const bad = (what: string): never => {
    throw new HammerError("INPUT_INVALID", what);
  };
  if (!Number.isSafeInteger(o.copies) || o.copies < 1 || o.copies > 1000) bad(`copies must be an integer in 1..1000 (got ${o.copies})`);
  if (!(o.maskRatio >= 0 && o.maskRatio <= 1)) bad(`mask ratio must be in [0, 1] (got ${o.maskRatio})`);
  if (!Number.isSafeInteger(o.seed)) bad(`seed must be an integer (got ${o.seed})`);
  if (o.mode !== "fixed" && o.mode !== "faithful") bad(`mode must be "fixed" or "faithful" (got ${String(o.mode)})`);
  if (!["alpaca", "sharegpt", "messages"].includes(o.format)) bad(`format must be alpaca, sharegpt or messages (got ${String(o.format)})`);
  if (!Number.isSafeInteger(o.irrelevanceSample) || o.irrelevanceSample < 0) bad(`irrelevance sample must be a non-negative integer (got ${o.irrelevanceSample})`);
  if (options.irrelevance !== undefined && o.irrelevanceSample > 0) bad("give an irrelevance file or an irrelevance sample size, not both");
  if (!Number.isSafeInteger(o.workers) || o.workers < 0 || o.workers > 64) bad(`workers must be an integer in 0..64 (got ${o.workers})`);
  if (o.maxRejects !== Number.POSITIVE_INFINITY && !(Number.isSafeInteger(o.maxRejects) && o.maxRejects >= 0)) {
    bad(`max rejects must be a non-negative integer (got ${o.maxRejects})`);
  }
  if (options.taskFrom !== undefined && options.taskFrom !== "source") bad(`task-from must be "source" (got ${String(options.taskFrom)})`);
  return o;
}

/** The build's failure when the `count`-th rejected row is more than `max` allow (strict: max 0). */
function tooManyRejects(rej: RejectRecord, count: number, max: number): HammerError {
  const where = rej.source === "irrelevance-sample" ? " (sampled for irrelevance)" : "";
  const limit = max === 0 ? "" : ` (${count} rejected rows, more than the ${max} allowed)`;
  return new HammerError("CHECK_FAILED", `row ${rej.row}${where}: ${rej.reason}: ${rej.message}${limit}`, { location: `${rej.file}:${rej.line}` });
}

/** `n` distinct rows of `index`, drawn uniformly, in file order (rows are checked when the build reads them). */
function sampleRows(index: RecordIndex, n: number, rng: Rng): Int32Array {
  if (n > index.size) {
    throw new HammerError("INPUT_INVALID", `cannot sample ${n} irrelevance rows from ${index.size} rows`, { location: index.file });
  }
  const a = new Int32Array(index.size);
  for (let i = 0; i < a.length; i++) a[i] = i;
  for (let k = 0; k < n; k++) {
    const j = rng.int(k, a.length - 1);
    const t = a[k] as number;
    a[k] = a[j] as number;
    a[j] = t;
  }
  const out = new Int32Array(new SharedArrayBuffer(Math.max(1, n) * 4)).subarray(0, n);
  out.set(a.subarray(0, n).sort());
  return out;
}

function shuffle(a: Int32Array, rng: Rng): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    const t = a[i] as number;
    a[i] = a[j] as number;
    a[j] = t;
  }
}

