import { parentPort, workerData } from "node:worker_threads";
import { isHammerError } from "../core/errors.js";
import { BatchProcessor } from "./BatchProcessor.js";
import type { BatchJob, BuildContext } from "./buildContext.js";

/** Build worker: runs batches for buildDataset and sends back their UTF-8 bytes. */
const port = parentPort;
if (port) {
  const processor = new BatchProcessor(workerData as BuildContext);
  const encoder = new TextEncoder();
  port.on("message", (job: BatchJob | "close") => {
    if (job === "close") {
      processor.close();
      port.close();
      return;
    }
    try {
      const { text, ...rest } = processor.run(job);
      const bytes = encoder.encode(text);
      port.postMessage({ ...rest, bytes }, [bytes.buffer]);
    } catch (e) {
      const error = isHammerError(e)
        ? { code: e.code, message: e.message, location: e.location }
        : { code: "INTERNAL", message: e instanceof Error ? (e.stack ?? e.message) : String(e) };
      port.postMessage({ id: job.id, error });
    }
  });
}
