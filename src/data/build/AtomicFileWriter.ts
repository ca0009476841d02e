import { closeSync, openSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import path from "node:path";
import { HammerError } from "../../core/errors.js";
import { fromSystemError } from "../../core/fromSystemError.js";

/** Data is written out once this many units (UTF-16 units or bytes) are buffered. */
const FLUSH_AT = 1 << 20;

/** Writers not yet committed or aborted: their temp files go if the process exits first. */
const uncommitted = new Set<AtomicFileWriter>();
let exitHookInstalled = false;

/**
 * A file written to a temp file beside its destination and renamed over it by `commit()`, so a
 * failed or interrupted run never leaves a partial file under the final name. Writes are
 * batched into ~1 MiB system calls. A process that exits (`process.exit`, a second Ctrl-C) before
 * `commit()` or `abort()` still deletes the temp file.
 */
export class AtomicFileWriter {
  readonly tempPath: string;
  private fd: number;
  private pending: Array<string | Uint8Array> = [];
  private pendingLength = 0;
  private done = false;

  constructor(readonly finalPath: string) {
    const dir = path.dirname(path.resolve(finalPath));
    if (isDirectory(finalPath)) throw new HammerError("INPUT_INVALID", "the output is a directory; give a file name", { location: finalPath });
    this.tempPath = path.join(dir, `.${path.basename(finalPath)}.${process.pid}.${Date.now().toString(36)}.tmp`);
    try {
      this.fd = openSync(this.tempPath, "wx");
    } catch (e) {
      throw fromSystemError(e, `cannot create a file in ${dir}`, finalPath);
    }
    uncommitted.add(this);
    if (!exitHookInstalled) {
      exitHookInstalled = true;
      process.on("exit", () => {
        for (const w of uncommitted) w.abort();
      });
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
    try {
      for (let off = 0; off < buf.length; ) off += writeSync(this.fd, buf, off, buf.length - off);
    } catch (e) {
      throw fromSystemError(e, "cannot write the output", this.finalPath);
    }
  }

  /** Flush, close and move the temp file to the final name. */
  commit(): void {
    if (this.done) return;
    try {
      this.flush();
      closeSync(this.fd);
      this.fd = -1;
      renameSync(this.tempPath, this.finalPath);
    } catch (e) {
      this.abort();
      throw fromSystemError(e, "cannot write the output", this.finalPath);
    }
    this.done = true;
    uncommitted.delete(this);
  }

  /** Close and delete the temp file; the final name is left as it was. Safe to call twice. */
  abort(): void {
    if (this.done) return;
    this.done = true;
    uncommitted.delete(this);
    try {
      if (this.fd !== -1) closeSync(this.fd);
    } finally {
      rmSync(this.tempPath, { force: true });
    }
  }
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
