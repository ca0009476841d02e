import type { TextSink } from "../../core/json/TextSink.js";
import { escapeJsonBody } from "./HammerRecordFormatter.js";

/** Up to this length a string is encoded by a JavaScript loop: a call into Buffer#write costs more. */
const SHORT = 64;
/** Nothing written yet: the first write takes memory (a spare, or new). */
const EMPTY = Buffer.alloc(0);
/** Spare memory kept at most (a build has a few batches in flight per worker). */
const MAX_SPARES = 8;

/**
 * A growable byte buffer that strings are UTF-8 encoded into one at a time. A build's batch is
 * written piece by piece (template texts, tools, query, answers) straight into it: building the
 * batch as one string and then encoding it copied every byte twice, and flattening the joined
 * string was the slower copy (bench:data: ~3× less time on the output path).
 */
export class Utf8Buffer implements TextSink {
  private buf: Buffer;
  private at = 0;

  private capacity: number;
  /** Memory handed back by {@link give}, used before allocating more. */
  private readonly spares: ArrayBuffer[] = [];

  constructor(capacity = 1 << 20) {
    this.capacity = Math.max(16, capacity);
    this.buf = EMPTY;
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

  /** {@link write} for the many short pieces of a serialiser (TextSink). */
  text(s: string): void {
    const n = s.length;
    if (n > SHORT) return this.write(s);
    if (this.at + n > this.buf.length) this.grow(this.at + n);
    const buf = this.buf;
    const at = this.at;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) return this.write(s); // nothing counted yet: write() starts over at `at`
      buf[at + i] = c;
    }
    this.at = at + n;
  }

  plainQuoted(s: string, quote: string): boolean {
    const n = s.length;
    const q = quote.length;
    if (this.at + n + 2 * q > this.buf.length) this.grow(this.at + n + 2 * q);
    const buf = this.buf;
    let at = this.at;
    for (let i = 0; i < q; i++) buf[at++] = quote.charCodeAt(i);
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) return false; // `at` not advanced: nothing appended
      buf[at++] = c;
    }
    for (let i = 0; i < q; i++) buf[at++] = quote.charCodeAt(i);
    this.at = at;
    return true;
  }

  /** `s` escaped as JSON.stringify escapes it, without the quotes (a JSON string's body). */
  jsonBody(s: string): void {
    if (!this.plainQuoted(s, "")) this.write(escapeJsonBody(s));
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
    // nothing written: fresh empty bytes (EMPTY's memory must never be transferred away)
    if (this.at === 0) return new Uint8Array(0);
    const out = new Uint8Array(this.buf.buffer, this.buf.byteOffset, this.at);
    this.buf = EMPTY;
    this.at = 0;
    return out;
  }

  /**
   * Hand back the memory of bytes from {@link take} once they are no longer needed: later
   * writes go into it instead of new memory (each fresh page costs a fault; a build writes
   * hundreds of MB). Memory smaller than the capacity reached is dropped.
   */
  give(memory: ArrayBuffer): void {
    if (memory.byteLength >= this.capacity && this.spares.length < MAX_SPARES) this.spares.push(memory);
  }

  private grow(min: number): void {
    while (this.capacity < min) this.capacity *= 2;
    let next: Buffer | undefined;
    while (next === undefined && this.spares.length > 0) {
      const s = this.spares.pop() as ArrayBuffer;
      if (s.byteLength >= this.capacity) next = Buffer.from(s, 0, s.byteLength);
    }
    next ??= Buffer.allocUnsafeSlow(this.capacity);
    this.buf.copy(next, 0, 0, this.at);
    this.buf = next;
  }
}
