import type { FileHandle } from "node:fs/promises";

/**
 * Buffered forward reader over an open file. `fill(n)` makes sure `n` bytes are buffered (reading more of
 * the file only when needed), then the typed getters read synchronously, so parsing a header of hundreds of
 * thousands of small values costs a few large reads rather than one read per value.
 */
export class FileCursor {
  private buf: Buffer;
  /** File offset of buf[0]. */
  private base = 0;
  /** Valid bytes in buf. */
  private end = 0;
  /** Read position in buf. */
  private pos = 0;

  constructor(
    private readonly handle: FileHandle,
    readonly fileSize: number,
    private readonly chunkSize = 1 << 20,
  ) {
    this.buf = Buffer.alloc(Math.min(chunkSize, Math.max(fileSize, 1)));
  }

  /** Absolute file offset of the next byte to read. */
  get offset(): number {
    return this.base + this.pos;
  }

  /** Bytes between the read position and the end of the file. */
  get remaining(): number {
    return this.fileSize - this.offset;
  }

  /** Bytes already buffered after the read position. */
  get buffered(): number {
    return this.end - this.pos;
  }

  /**
   * Buffer at least `n` bytes. Returns false when the file holds fewer than `n` more bytes. Callers check
   * `n` against `remaining` and their own limits first, so a hostile length never reaches an allocation.
   */
  async fill(n: number): Promise<boolean> {
    if (this.buffered >= n) return true;
    if (n > this.remaining) return false;
    const keep = this.buffered;
    const want = Math.min(Math.max(n, this.chunkSize), this.remaining);
    if (want > this.buf.length) {
      const next = Buffer.alloc(want);
      this.buf.copy(next, 0, this.pos, this.end);
      this.buf = next;
    } else {
      this.buf.copy(this.buf, 0, this.pos, this.end);
    }
    this.base += this.pos;
    this.pos = 0;
    this.end = keep;
    while (this.end < n) {
      const { bytesRead } = await this.handle.read(this.buf, this.end, want - this.end, this.base + this.end);
      if (bytesRead === 0) return false; // the file shrank under us
      this.end += bytesRead;
    }
    return true;
  }

  /** Skip `n` buffered bytes. */
  skip(n: number): void {
    this.pos += n;
  }

  u8(): number {
    return this.buf[this.pos++] as number;
  }
  i8(): number {
    const v = this.buf.readInt8(this.pos);
    this.pos += 1;
    return v;
  }
  u16(): number {
    const v = this.buf.readUInt16LE(this.pos);
    this.pos += 2;
    return v;
  }
  i16(): number {
    const v = this.buf.readInt16LE(this.pos);
    this.pos += 2;
    return v;
  }
  u32(): number {
    const v = this.buf.readUInt32LE(this.pos);
    this.pos += 4;
    return v;
  }
  i32(): number {
    const v = this.buf.readInt32LE(this.pos);
    this.pos += 4;
    return v;
  }
  u64(): bigint {
    const v = this.buf.readBigUInt64LE(this.pos);
    this.pos += 8;
    return v;
  }
  i64(): bigint {
    const v = this.buf.readBigInt64LE(this.pos);
    this.pos += 8;
    return v;
  }
  f32(): number {
    const v = this.buf.readFloatLE(this.pos);
    this.pos += 4;
    return v;
  }
  f64(): number {
    const v = this.buf.readDoubleLE(this.pos);
    this.pos += 8;
    return v;
  }
  /** `n` buffered bytes as a view (valid until the next `fill`). */
  view(n: number): Buffer {
    const v = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return v;
  }
  /** `n` buffered bytes decoded as UTF-8 (invalid sequences become U+FFFD). */
  utf8(n: number): string {
    const s = this.buf.toString("utf8", this.pos, this.pos + n);
    this.pos += n;
    return s;
  }
}
