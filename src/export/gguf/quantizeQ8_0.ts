import { f16BitsToF32, f32ToF16Bits } from "./f16.js";

/** ggml block_q8_0: 32 values as an f16 scale `d` then 32 int8 `q`; value = q * d. */
export const Q8_0_BLOCK = 32;
export const Q8_0_BYTES = 34;

const fround = Math.fround;

/**
 * Quantise `values` (length a multiple of 32) to Q8_0 exactly as ggml's quantize_row_q8_0_ref does:
 * d = amax / 127 in float32, q = roundf(x / d) (half away from zero).
 */
export function quantizeQ8_0(values: Float32Array, out: Uint8Array = new Uint8Array((values.length / Q8_0_BLOCK) * Q8_0_BYTES), outOffset = 0): Uint8Array {
  if (values.length % Q8_0_BLOCK !== 0) throw new RangeError(`Q8_0 needs a multiple of ${Q8_0_BLOCK} values, got ${values.length}`);
  let o = outOffset;
  const n = values.length;
  for (let b = 0; b < n; b += Q8_0_BLOCK) {
    let amax = 0;
    for (let j = b; j < b + Q8_0_BLOCK; j++) {
      const a = Math.abs(values[j] as number);
      amax = a > amax ? a : amax;
    }
    const d = fround(amax / 127);
    const id = d !== 0 ? fround(1 / d) : 0;
    const h = f32ToF16Bits(d);
    out[o] = h & 0xff;
    out[o + 1] = h >>> 8;
    o += 2;
    for (let j = b; j < b + Q8_0_BLOCK; j++) {
      // x·id rounded to float32 as C computes it, then roundf (half away from zero), without a branch on the
      // sign: weights' signs are random, and a mispredicted branch per value tripled the time. |x| ≤ 127.
      const x = fround((values[j] as number) * id);
      out[o++] = (x + 0.5 - +(x < 0)) | 0;
    }
  }
  return out;
}

/** Inverse of quantizeQ8_0 (ggml's dequantize_row_q8_0). */
export function dequantizeQ8_0(bytes: Uint8Array, count: number): Float32Array {
  const out = new Float32Array(count);
  for (let b = 0, o = 0; b < count; b += Q8_0_BLOCK) {
    const d = f16BitsToF32((bytes[o] as number) | ((bytes[o + 1] as number) << 8));
    o += 2;
    for (let j = 0; j < Q8_0_BLOCK; j++) out[b + j] = (((bytes[o++] as number) << 24) >> 24) * d;
  }
  return out;
}
