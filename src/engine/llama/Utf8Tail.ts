/**
 * UTF-8 sequence rules (RFC 3629, table 3-7 of the Unicode standard): for each lead byte, the
 * sequence length and the range of its second byte (later bytes are always 80–BF).
 */
export function leadSpec(lead: number): { length: number; lo: number; hi: number } | null {
  if (lead >= 0xc2 && lead <= 0xdf) return { length: 2, lo: 0x80, hi: 0xbf };
  if (lead === 0xe0) return { length: 3, lo: 0xa0, hi: 0xbf };
  if (lead === 0xed) return { length: 3, lo: 0x80, hi: 0x9f };
  if (lead >= 0xe1 && lead <= 0xef) return { length: 3, lo: 0x80, hi: 0xbf };
  if (lead === 0xf0) return { length: 4, lo: 0x90, hi: 0xbf };
  if (lead >= 0xf1 && lead <= 0xf3) return { length: 4, lo: 0x80, hi: 0xbf };
  if (lead === 0xf4) return { length: 4, lo: 0x80, hi: 0x8f };
  return null;
}

const isContinuation = (b: number): boolean => (b & 0xc0) === 0x80;

/**
 * Whether `bytes` can occur inside valid UTF-8 text: up to three continuation bytes that end
 * some sequence, then complete sequences, then possibly the start of one.
 */
export function isUtf8Fragment(bytes: Uint8Array): boolean {
  const n = bytes.length;
  let i = 0;
  while (i < n && i < 3 && isContinuation(bytes[i] as number)) i++;
  while (i < n) {
    const lead = bytes[i] as number;
    if (lead < 0x80) {
      i++;
      continue;
    }
    const spec = leadSpec(lead);
    if (!spec) return false;
    for (let k = 1; k < spec.length; k++) {
      if (i + k >= n) return true; // a sequence cut by the token's end: its prefix is valid
      const b = bytes[i + k] as number;
      if (k === 1 ? b < spec.lo || b > spec.hi : !isContinuation(b)) return false;
    }
    i += spec.length;
  }
  return true;
}

/** The incomplete UTF-8 sequence at the end of a byte stream, tracked as bytes arrive. */
export class Utf8Tail {
  private seq: number[] = [];
  private need = 0;
  private lo = 0x80;
  private hi = 0xbf;

  /** Bytes of the open sequence (empty when the stream ends on a character boundary). */
  get pending(): readonly number[] {
    return this.seq;
  }

  push(bytes: Uint8Array): void {
    for (const b of bytes) {
      if (this.need > 0) {
        if (b >= this.lo && b <= this.hi) {
          this.seq.push(b);
          this.lo = 0x80;
          this.hi = 0xbf;
          if (--this.need === 0) this.seq = [];
          continue;
        }
        // Broken sequence (the grammar and the guard prevent this); restart at this byte.
        this.seq = [];
        this.need = 0;
      }
      const spec = b >= 0x80 ? leadSpec(b) : null;
      if (spec) {
        this.seq = [b];
        this.need = spec.length - 1;
        this.lo = spec.lo;
        this.hi = spec.hi;
      }
    }
  }
}
