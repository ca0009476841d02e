/**
 * IEEE half-precision conversion with round-to-nearest-even, subnormals, infinities and NaN, matching
 * ggml's GGML_FP32_TO_FP16 (F16C `vcvtps2ph` with rounding mode 0, or its portable fallback).
 */
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** Half-precision bits of `value` (first rounded to float32, as C would hold it). */
export function f32ToF16Bits(value: number): number {
  f32[0] = value;
  const x = u32[0] as number;
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  const mant = x & 0x7fffff;
  if (exp === 0xff) return mant === 0 ? sign | 0x7c00 : sign | 0x7e00 | (mant >>> 13); // inf / quiet NaN
  const e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00; // overflow → inf
  if (e <= 0) {
    // Subnormal half (or zero): value = m * 2^-24 with m = full mantissa >> (14 - e).
    const shift = 14 - e;
    if (shift > 24) return sign;
    const full = mant | 0x800000;
    let q = full >>> shift;
    const rem = full & ((1 << shift) - 1);
    const half = 1 << (shift - 1);
    if (rem > half || (rem === half && (q & 1) === 1)) q++;
    return sign | q; // q may carry into the smallest normal, which is the right encoding
  }
  let h = (e << 10) | (mant >>> 13);
  const rem = mant & 0x1fff;
  if (rem > 0x1000 || (rem === 0x1000 && (h & 1) === 1)) h++; // a carry may round up to inf, as it should
  return sign | h;
}

/** The float value of half-precision bits. */
export function f16BitsToF32(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exp = (bits >>> 10) & 0x1f;
  const mant = bits & 0x3ff;
  if (exp === 0) return sign * mant * 2 ** -24;
  if (exp === 0x1f) return mant === 0 ? sign * Infinity : NaN;
  return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}

/** `value` rounded to the nearest half-precision number. */
export function roundToF16(value: number): number {
  return f16BitsToF32(f32ToF16Bits(value));
}

let bf16ToF16: Uint16Array | undefined;

/**
 * Half-precision bytes of `values` (little-endian), the same bits as {@link f32ToF16Bits} element by
 * element. Values with a zero low half (every value that came from bfloat16) take one table lookup.
 */
export function encodeF16(values: Float32Array, into?: Uint8Array): Uint8Array {
  if (bf16ToF16 === undefined) {
    bf16ToF16 = new Uint16Array(65536);
    for (let h = 0; h < 65536; h++) bf16ToF16[h] = f32ToF16Bits(new Float32Array(new Uint32Array([h << 16]).buffer)[0] as number);
  }
  const table = bf16ToF16;
  const bits = new Uint32Array(values.buffer, values.byteOffset, values.length);
  const out = into !== undefined && LITTLE_ENDIAN && into.byteOffset % 2 === 0 ? new Uint16Array(into.buffer, into.byteOffset, values.length) : new Uint16Array(values.length);
  for (let i = 0; i < bits.length; i++) {
    const x = bits[i] as number;
    out[i] = (x & 0xffff) === 0 ? (table[x >>> 16] as number) : f32BitsToF16(x);
  }
  return LITTLE_ENDIAN ? new Uint8Array(out.buffer, out.byteOffset, out.length * 2) : swapBytes16(out);
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function swapBytes16(a: Uint16Array): Uint8Array {
  const out = new Uint8Array(a.length * 2);
  for (let i = 0; i < a.length; i++) {
    out[2 * i] = (a[i] as number) & 0xff;
    out[2 * i + 1] = (a[i] as number) >>> 8;
  }
  return out;
}

/** {@link f32ToF16Bits} on float32 bits (no round trip through a number). */
function f32BitsToF16(x: number): number {
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  const mant = x & 0x7fffff;
  if (exp === 0xff) return mant === 0 ? sign | 0x7c00 : sign | 0x7e00 | (mant >>> 13);
  const e = exp - 112;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    const shift = 14 - e;
    if (shift > 24) return sign;
    const full = mant | 0x800000;
    let q = full >>> shift;
    const rem = full & ((1 << shift) - 1);
    const half = 1 << (shift - 1);
    if (rem > half || (rem === half && (q & 1) === 1)) q++;
    return sign | q;
  }
  let h = (e << 10) | (mant >>> 13);
  const rem = mant & 0x1fff;
  if (rem > 0x1000 || (rem === 0x1000 && (h & 1) === 1)) h++;
  return sign | h;
}
