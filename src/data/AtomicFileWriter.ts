import { closeSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import path from "node:path";
import { HammerError } from "../core/errors.js";

/** Data is written out once this many units (UTF-16 units or bytes) are buffered. */
const FLUSH_AT = 1 << 20;

/**
 * A file written to a temp file beside its destination and renamed over it by `commit()`, so a
 * failed or interrupted run never leaves a partial file under the final name. Writes are
 * batched into ~1 MiB system calls.
 */
export class AtomicFileWriter {
  readonly tempPath: string;
  private fd: number;
  private pending: Array<string | Uint8Array> = [];
  private pendingLength = 0;
  private done = false;

  constructor(readonly finalPath: string) {
    const dir = path.dirname(path.resolve(finalPath));
    this.tempPath = path.join(dir, `.${path.basename(finalPath)}.${process.pid}.${Date.now().toString(36)}.tmp`);
    try {
      this.fd = openSync(this.tempPath, "wx");
    } catch (e) {
      throw new HammerError("NOT_FOUND", `cannot create a file in ${dir}: ${(e as Error).message}`, { location: finalPath, cause: e });
    }
  }

  /** Append text, or bytes that are already UTF-8: those are written before this returns, so the caller may reuse them. */
  write(data: string | Uint8Array): void {
    this.pending.push(data);
    this.pendingLength += data.length;
    if (this.pendingLength >= FLUSH_AT || typeof data !== "string") this.flush();
  }

  private flush(): void {
    if (this.pendingLength === 0) return;
    let text = "";
    for (const d of this.pending) {
      if (typeof d === "string") text += d;
      else {
        this.writeAll(Buffer.from(text, "utf8"));
        text = "";
        this.writeAll(d);
      }
    }
    this.writeAll(Buffer.from(text, "utf8"));
    this.pending = [];
    this.pendingLength = 0;
  }

  private writeAll(buf: Uint8Array): void {
    for (let off = 0; off < buf.length; ) off += writeSync(this.fd, buf, off, buf.length - off);
  }

  /** Flush, close and move the temp file to the final name. */
  commit(): void {
    if (this.done) return;
    try {
      this.flush();
    } catch (e) {
      this.abort();
      throw e;
    }
    this.done = true;
    closeSync(this.fd);
    renameSync(this.tempPath, this.finalPath);
  }

  /** Close and delete the temp file; the final name is left as it was. Safe to call twice. */
  abort(): void {
    if (this.done) return;
    this.done = true;
    try {
      closeSync(this.fd);
    } finally {
      rmSync(this.tempPath, { force: true });
    }
  }
}
