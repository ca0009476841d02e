/**
 * A growable byte buffer that strings are UTF-8 encoded into one at a time. A build's batch is
 * written piece by piece (template texts, tools, query, answers) straight into it: building the
 * batch as one string and then encoding it copied every byte twice, and flattening the joined
 * string was the slower copy (bench:data: ~3× less time on the output path).
 */
export class Utf8Buffer {
  private buf: Buffer;
  private at = 0;

  private capacity: number;

  constructor(capacity = 1 << 20) {
    this.capacity = Math.max(16, capacity);
    this.buf = Buffer.allocUnsafeSlow(this.capacity);
  }

  get length(): number {
    return this.at;
  }

  write(s: string): void {
    // a UTF-16 unit takes at most 3 bytes: with that much room, Buffer#write never cuts short
    const room = this.at + 3 * s.length;
    if (room > this.buf.length) this.grow(room);
    this.at += this.buf.write(s, this.at);
  }

  writeBytes(b: Uint8Array): void {
    if (this.at + b.length > this.buf.length) this.grow(this.at + b.length);
    this.buf.set(b, this.at);
    this.at += b.length;
  }

  /**
   * The bytes written so far, on an ArrayBuffer of their own (transferable to another thread);
   * the buffer then starts empty, with the capacity it grew to.
   */
  take(): Uint8Array {
    const out = new Uint8Array(this.buf.buffer, this.buf.byteOffset, this.at);
    this.buf = Buffer.allocUnsafeSlow(this.capacity);
    this.at = 0;
    return out;
  }

  private grow(min: number): void {
    while (this.capacity < min) this.capacity *= 2;
    const next = Buffer.allocUnsafeSlow(this.capacity);
    this.buf.copy(next, 0, 0, this.at);
    this.buf = next;
  }
}
