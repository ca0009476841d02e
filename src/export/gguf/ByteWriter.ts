/** Growable little-endian byte buffer for building a GGUF header in memory. */
export class ByteWriter {
  private buf = Buffer.alloc(1 << 16);
  private len = 0;

  get length(): number {
    return this.len;
  }

  private room(n: number): void {
    if (this.len + n <= this.buf.length) return;
    const next = Buffer.alloc(Math.max(this.buf.length * 2, this.len + n));
    this.buf.copy(next, 0, 0, this.len);
    this.buf = next;
  }

  u8(v: number): void {
    this.room(1);
    this.buf.writeUInt8(v, this.len);
    this.len += 1;
  }
  i8(v: number): void {
    this.room(1);
    this.buf.writeInt8(v, this.len);
    this.len += 1;
  }
  u16(v: number): void {
    this.room(2);
    this.buf.writeUInt16LE(v, this.len);
    this.len += 2;
  }
  i16(v: number): void {
    this.room(2);
    this.buf.writeInt16LE(v, this.len);
    this.len += 2;
  }
  u32(v: number): void {
    this.room(4);
    this.buf.writeUInt32LE(v, this.len);
    this.len += 4;
  }
  i32(v: number): void {
    this.room(4);
    this.buf.writeInt32LE(v, this.len);
    this.len += 4;
  }
  f32(v: number): void {
    this.room(4);
    this.buf.writeFloatLE(v, this.len);
    this.len += 4;
  }
  f64(v: number): void {
    this.room(8);
    this.buf.writeDoubleLE(v, this.len);
    this.len += 8;
  }
  u64(v: bigint | number): void {
    this.room(8);
    this.buf.writeBigUInt64LE(BigInt(v), this.len);
    this.len += 8;
  }
  i64(v: bigint): void {
    this.room(8);
    this.buf.writeBigInt64LE(v, this.len);
    this.len += 8;
  }
  /** GGUF string: u64 byte length, then UTF-8 bytes (no terminator). */
  string(s: string): void {
    const n = Buffer.byteLength(s, "utf8");
    this.u64(n);
    this.room(n);
    this.buf.write(s, this.len, "utf8");
    this.len += n;
  }
  /** Zero bytes up to the next multiple of `alignment`. */
  pad(alignment: number): void {
    const n = (alignment - (this.len % alignment)) % alignment;
    this.room(n);
    this.buf.fill(0, this.len, this.len + n);
    this.len += n;
  }
  /** The bytes written so far (a view). */
  bytes(): Buffer {
    return this.buf.subarray(0, this.len);
  }
}
