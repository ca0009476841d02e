import { parentPort } from "node:worker_threads";
import { HammerError, isHammerError } from "../../core/errors.js";
import { BatchProcessor } from "./BatchProcessor.js";
import type { BatchJob, BuildContext } from "./buildContext.js";

/**
 * Build worker: gets the build's context first (`{init}`), then runs batches for buildDataset
 * and sends back their UTF-8 bytes.
 */
const port = parentPort;
if (port) {
  let processor: BatchProcessor | undefined;
  port.on("message", (job: BatchJob | { init: BuildContext } | "close") => {
    if (job === "close") {
      processor?.close();
      port.close();
      return;
    }
    if ("init" in job) {
      processor = new BatchProcessor(job.init);
      return;
    }
    if (processor === undefined) throw new HammerError("INTERNAL", "build worker: a batch arrived before the context");
    try {
      const result = processor.run(job);
      const transfer = [result.bytes.buffer as ArrayBuffer];
      // the read-ahead buffer goes back too: the next batch's records are read into it
      const spare = job.prefetched?.bytes;
      if (spare !== undefined) transfer.push(spare.buffer as ArrayBuffer);
      port.postMessage({ ...result, spare }, transfer);
    } catch (e) {
      const error = isHammerError(e)
        ? { code: e.code, message: e.message, location: e.location }
        : { code: "INTERNAL", message: e instanceof Error ? (e.stack ?? e.message) : String(e) };
      port.postMessage({ id: job.id, error });
    }
  });
}
