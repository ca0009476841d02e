import { f16BitsToF32, f32ToF16Bits } from "./f16.js";

/**
 * ggml block_q4_0: 32 values as an f16 scale `d` then 16 bytes; byte j holds value j in its low nibble
 * and value j+16 in its high nibble, each stored as q+8; value = q * d with q in [-8, 7].
 */
export const Q4_0_BLOCK = 32;
export const Q4_0_BYTES = 18;

const fround = Math.fround;

/**
 * Quantise `values` (length a multiple of 32) to Q4_0 exactly as ggml's quantize_row_q4_0_ref does:
 * d = (the value of largest magnitude) / -8 in float32, q = min(15, trunc(x / d + 8.5)).
 */
export function quantizeQ4_0(values: Float32Array, out: Uint8Array = new Uint8Array((values.length / Q4_0_BLOCK) * Q4_0_BYTES), outOffset = 0): Uint8Array {
  if (values.length % Q4_0_BLOCK !== 0) throw new RangeError(`Q4_0 needs a multiple of ${Q4_0_BLOCK} values, got ${values.length}`);
  let o = outOffset;
  for (let b = 0; b < values.length; b += Q4_0_BLOCK) {
    let amax = 0;
    let max = 0;
    for (let j = 0; j < Q4_0_BLOCK; j++) {
      const v = values[b + j] as number;
      if (amax < Math.abs(v)) {
        amax = Math.abs(v);
        max = v;
      }
    }
    const d = fround(max / -8);
    const id = d !== 0 ? fround(1 / d) : 0;
    const h = f32ToF16Bits(d);
    out[o++] = h & 0xff;
    out[o++] = h >>> 8;
    for (let j = 0; j < Q4_0_BLOCK / 2; j++) {
      const x0 = fround(fround((values[b + j] as number) * id) + 8.5);
      const x1 = fround(fround((values[b + j + 16] as number) * id) + 8.5);
      out[o++] = Math.min(15, Math.trunc(x0)) | (Math.min(15, Math.trunc(x1)) << 4);
    }
  }
  return out;
}

/** Inverse of quantizeQ4_0 (ggml's dequantize_row_q4_0). */
export function dequantizeQ4_0(bytes: Uint8Array, count: number): Float32Array {
  const out = new Float32Array(count);
  for (let b = 0, o = 0; b < count; b += Q4_0_BLOCK) {
    const d = f16BitsToF32((bytes[o] as number) | ((bytes[o + 1] as number) << 8));
    o += 2;
    for (let j = 0; j < Q4_0_BLOCK / 2; j++) {
      const q = bytes[o++] as number;
      out[b + j] = ((q & 0x0f) - 8) * d;
      out[b + j + 16] = ((q >>> 4) - 8) * d;
    }
  }
  return out;
}
