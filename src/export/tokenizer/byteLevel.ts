/**
 * GPT-2 byte-level alphabet: every byte maps to one printable character (printable Latin-1 bytes map to
 * themselves, the rest to U+0100 onwards), so byte-level BPE tokens are plain strings without spaces or
 * control characters, as llama.cpp's "gpt2" tokenizer expects.
 */
function build(): { order: number[]; toChar: string[] } {
  const order: number[] = [];
  for (let b = 0x21; b <= 0x7e; b++) order.push(b);
  for (let b = 0xa1; b <= 0xac; b++) order.push(b);
  for (let b = 0xae; b <= 0xff; b++) order.push(b);
  const toChar = new Array<string>(256);
  for (const b of order) toChar[b] = String.fromCodePoint(b);
  let n = 0;
  for (let b = 0; b < 256; b++) {
    if (toChar[b] === undefined) {
      order.push(b);
      toChar[b] = String.fromCodePoint(256 + n++);
    }
  }
  return { order, toChar };
}

const { order, toChar } = build();

/** Bytes in GPT-2 vocabulary order (token id i of a byte-level vocabulary is byte BYTE_ORDER[i]). */
export const BYTE_ORDER: readonly number[] = order;

/** Character standing for each byte. */
export const BYTE_TO_CHAR: readonly string[] = toChar;

const CHAR_TO_BYTE = new Map<string, number>(toChar.map((c, b) => [c, b]));

/** Byte-level spelling of a string's UTF-8 bytes. */
export function toByteLevel(text: string): string {
  let out = "";
  for (const b of Buffer.from(text, "utf8")) out += toChar[b];
  return out;
}

/** The bytes a byte-level string stands for, or undefined if it holds a character outside the alphabet. */
export function fromByteLevel(symbols: string): Uint8Array | undefined {
  const out: number[] = [];
  for (const c of symbols) {
    const b = CHAR_TO_BYTE.get(c);
    if (b === undefined) return undefined;
    out.push(b);
  }
  return Uint8Array.from(out);
}
