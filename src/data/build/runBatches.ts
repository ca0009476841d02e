import { Worker } from "node:worker_threads";
import { HammerError, type HammerErrorCode } from "../../core/errors.js";
import { BatchProcessor, type BatchResult } from "./BatchProcessor.js";
import { closeSync, openSync } from "node:fs";
import type { BatchJob, BuildContext } from "./buildContext.js";
import { prefetchRecords, type InputFds } from "./prefetchRecords.js";


/** Batches in flight per worker: one running, one queued. */
const WINDOW_PER_WORKER = 2;

/**
 * Run `jobs` (ids 0, 1, 2, … in order) and hand each result to `onResult` in job order.
 * `workers` 0 runs them in this thread (yielding to the event loop between batches); otherwise
 * a pool of worker threads runs them and results are reordered. Any error stops the pool.
 * A result's bytes are done with when `onResult` returns: their memory goes back to be written into again.
 */
export async function runBatches(
  ctx: BuildContext,
  jobs: Iterator<BatchJob>,
  workers: number | Worker[],
  onResult: (r: BatchResult) => void,
  signal?: AbortSignal,
): Promise<void> {
  if (Array.isArray(workers) ? workers.length === 0 : workers <= 0) {
    const processor = new BatchProcessor(ctx);
    try {
      let outBuffer: ArrayBuffer | undefined;
      for (let next = jobs.next(); !next.done; next = jobs.next()) {
        checkAbort(signal);
        const r = processor.run({ ...next.value, outBuffer });
        onResult(r);
        outBuffer = r.bytes.buffer as ArrayBuffer;
        await new Promise((resolve) => setImmediate(resolve));
      }
      checkAbort(signal);
    } finally {
      processor.close();
    }
    return;
  }
  await runPool(ctx, jobs, Array.isArray(workers) ? workers : startBuildWorkers(workers), onResult, signal);
}

/**
 * Start `n` build workers before there is work for them: they load their code while the caller
 * indexes the input. Hand them to {@link runBatches}, or `terminate()` them if the build fails first.
 */
export function startBuildWorkers(n: number): Worker[] {
  const url = workerUrl();
  // a larger young generation: the work allocates many short-lived strings (fewer scavenges)
  return Array.from({ length: n }, () => {
    const w = new Worker(url, { resourceLimits: { maxYoungGenerationSizeMb: 64 } });
    // runBatches listens for errors; this keeps an error of a pool that was terminated unused from crashing the process
    w.on("error", () => {});
    return w;
  });
}

function checkAbort(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new HammerError("ABORTED", "the build was cancelled");
}

/** A batch's result; `spare`: the batch's prefetched records, handed back for reuse. */
type WorkerReply = (BatchResult & { spare?: Uint8Array }) | { id: number; error: { code: string; message: string; location?: string } };

/**
 * The worker's entry. From dist it is compiled JavaScript; from source (tsx, vitest) it is
 * TypeScript, loaded through a tiny bootstrap that registers tsx in the worker first.
 */
function workerUrl(): URL {
  if (!import.meta.url.endsWith(".ts")) return new URL("./buildWorker.js", import.meta.url);
  const tsxApi = import.meta.resolve("tsx/esm/api");
  const entry = new URL("./buildWorker.ts", import.meta.url).href;
  const boot = `import { register } from ${JSON.stringify(tsxApi)}; register(); await import(${JSON.stringify(entry)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(boot)}`);
}

function runPool(ctx: BuildContext, jobs: Iterator<BatchJob>, pool: Worker[], onResult: (r: BatchResult) => void, signal?: AbortSignal): Promise<void> {
  const n = pool.length;
  return new Promise<void>((resolve, reject) => {
    for (const w of pool) w.postMessage({ init: ctx });
    // This thread mostly waits; it reads each batch's records ahead, so workers do no per-record I/O.
    const fds: InputFds = { xlam: openSync(ctx.xlam.file, "r"), irrelevance: ctx.irrelevance ? openSync(ctx.irrelevance.file, "r") : -1 };
    const idle: Worker[] = [];
    const spare: ArrayBuffer[] = [];
    /** Output memory of delivered batches, handed back with the next jobs. */
    const outSpare: ArrayBuffer[] = [];
    const done = new Map<number, BatchResult>();
    let nextToDeliver = 0;
    let dispatched = 0;
    let exhausted = false;
    let finished = false;

    const finish = (error?: unknown): void => {
      if (finished) return;
      finished = true;
      signal?.removeEventListener("abort", onAbort);
      closeSync(fds.xlam);
      if (fds.irrelevance !== -1) closeSync(fds.irrelevance);
      for (const w of pool) {
        if (error === undefined) w.postMessage("close");
        else void w.terminate();
      }
      if (error === undefined) resolve();
      else reject(error);
    };
    const onAbort = (): void => finish(new HammerError("ABORTED", "the build was cancelled"));
    signal?.addEventListener("abort", onAbort);

    const dispatch = (w: Worker): void => {
      if (exhausted || finished) return;
      const next = jobs.next();
      if (next.done) {
        exhausted = true;
        return;
      }
      dispatched++;
      const job = next.value;
      const prefetched = prefetchRecords(ctx, job, fds, spare);
      const transfer = [prefetched.bytes.buffer as ArrayBuffer];
      const outBuffer = outSpare.pop();
      if (outBuffer !== undefined) transfer.push(outBuffer);
      w.postMessage({ ...job, prefetched, outBuffer }, transfer);
    };

    const deliver = (): void => {
      try {
        for (let r = done.get(nextToDeliver); r !== undefined; r = done.get(nextToDeliver)) {
          done.delete(nextToDeliver++);
          onResult(r);
          if (outSpare.length < n * WINDOW_PER_WORKER) outSpare.push(r.bytes.buffer as ArrayBuffer);
        }
      } catch (e) {
        finish(e);
        return;
      }
      if (exhausted && nextToDeliver === dispatched) finish();
    };

    for (const w of pool) {
      w.on("message", (m: WorkerReply) => {
        if (finished) return;
        if ("error" in m) {
          finish(new HammerError(m.error.code as HammerErrorCode, m.error.message, { location: m.error.location }));
          return;
        }
        if (m.spare !== undefined) {
          spare.push(m.spare.buffer as ArrayBuffer);
          delete m.spare;
        }
        done.set(m.id, m);
        // keep the reorder buffer bounded: a worker only gets more work while results are near
        if (dispatched - nextToDeliver < n * WINDOW_PER_WORKER * 2) dispatch(w);
        else idle.push(w);
        deliver();
        while (idle.length > 0 && dispatched - nextToDeliver < n * WINDOW_PER_WORKER * 2 && !exhausted) dispatch(idle.pop() as Worker);
        if (exhausted && nextToDeliver === dispatched) finish();
      });
      w.on("error", (e) => finish(new HammerError("INTERNAL", `build worker failed: ${e.message}`, { cause: e })));
      w.on("exit", (code) => {
        if (!finished && code !== 0) finish(new HammerError("INTERNAL", `build worker exited with code ${code}`));
      });
    }
    if (signal?.aborted) {
      onAbort();
      return;
    }
    for (let k = 0; k < WINDOW_PER_WORKER; k++) for (const w of pool) dispatch(w);
    if (dispatched === 0) finish();
  });
}
