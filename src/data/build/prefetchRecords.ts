import { readSync } from "node:fs";
import type { BatchJob, BuildContext, PrefetchedRecords } from "./buildContext.js";
import type { RecordIndexData } from "./RecordIndex.js";

/** Open file descriptors of a build's inputs. */
export interface InputFds {
  xlam: number;
  irrelevance: number;
}

/**
 * Read the records behind a batch's positions into one buffer (transferable to a worker).
 * A record over the size limit is left out (`missing`), so the worker rejects it as usual.
 * `spare`: buffers of earlier batches, handed back by the workers, to read into instead of new
 * memory (every fresh page costs a fault; a build reads its inputs three times over).
 */
export function prefetchRecords(ctx: BuildContext, job: BatchJob, fds: InputFds, spare: ArrayBuffer[] = []): PrefetchedRecords {
  const n = job.end - job.start;
  const nX = ctx.xlam.size;
  const where = (i: number): [RecordIndexData, number, number] => {
    if (i < nX) return [ctx.xlam, i, fds.xlam];
    if (ctx.irrelevance) return [ctx.irrelevance, i - nX, fds.irrelevance];
    return [ctx.xlam, (ctx.sampled as Int32Array)[i - nX] as number, fds.xlam];
  };
  let size = 0;
  for (let k = 0; k < n; k++) {
    const [index, j] = where(job.perm[job.start + k] as number);
    const len = index.lengths[j] as number;
    if (len <= ctx.maxRecordBytes) size += len;
  }
  const bytes = reuse(spare, size);
  const offsets = new Uint32Array(n + 1);
  const missing = new Uint8Array(n);
  let at = 0;
  for (let k = 0; k < n; k++) {
    offsets[k] = at;
    const [index, j, fd] = where(job.perm[job.start + k] as number);
    const len = index.lengths[j] as number;
    if (len > ctx.maxRecordBytes) {
      missing[k] = 1;
      continue;
    }
    const offset = index.offsets[j] as number;
    let got = 0;
    while (got < len) {
      const r = readSync(fd, bytes, at + got, len - got, offset + got);
      if (r === 0) break; // the file shrank: let the worker's own read report it
      got += r;
    }
    if (got < len) missing[k] = 1;
    at += len;
  }
  offsets[n] = at;
  return { bytes, offsets, missing };
}

/** A view of `size` bytes on a spare buffer that is large enough, else on a new one with room to spare. */
function reuse(spare: ArrayBuffer[], size: number): Uint8Array {
  while (spare.length > 0) {
    const b = spare.pop() as ArrayBuffer;
    if (b.byteLength >= size) return new Uint8Array(b, 0, size);
  }
  return new Uint8Array(new ArrayBuffer(Math.ceil(size * 1.25)), 0, size);
}
