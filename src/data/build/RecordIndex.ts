import { HammerError } from "../../core/errors.js";

/** Where a file's records live. Backed by SharedArrayBuffers so build workers can read it. */
export interface RecordIndexData {
  file: string;
  size: number;
  offsets: Float64Array;
  lengths: Uint32Array;
  lines: Uint32Array;
}

/**
 * Where each record of a file lives (byte offset, length, first line): 16 bytes per row, so a
 * build can re-read any row by offset without holding rows in memory.
 */
export class RecordIndex implements RecordIndexData {
  offsets = new Float64Array(new SharedArrayBuffer(1024 * 8));
  lengths = new Uint32Array(new SharedArrayBuffer(1024 * 4));
  lines = new Uint32Array(new SharedArrayBuffer(1024 * 4));
  size = 0;

  constructor(
    readonly file: string,
    readonly maxRows: number,
  ) {}

  push(offset: number, length: number, line: number): void {
    if (this.size >= this.maxRows) {
      throw new HammerError("LIMIT_EXCEEDED", `more than ${this.maxRows} records`, { location: this.file });
    }
    if (this.size === this.offsets.length) this.grow();
    const i = this.size++;
    this.offsets[i] = offset;
    this.lengths[i] = length;
    this.lines[i] = line;
  }

  /** A plain, transferable view (structured-clone shares the SharedArrayBuffers). */
  data(): RecordIndexData {
    return { file: this.file, size: this.size, offsets: this.offsets, lengths: this.lengths, lines: this.lines };
  }

  private grow(): void {
    const n = this.offsets.length * 2;
    const o = new Float64Array(new SharedArrayBuffer(n * 8));
    o.set(this.offsets);
    this.offsets = o;
    const l = new Uint32Array(new SharedArrayBuffer(n * 4));
    l.set(this.lengths);
    this.lengths = l;
    const ln = new Uint32Array(new SharedArrayBuffer(n * 4));
    ln.set(this.lines);
    this.lines = ln;
  }
}
