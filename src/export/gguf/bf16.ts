/**
 * bfloat16 conversion as ggml does it (ggml_compute_fp32_to_bf16): round to nearest even on the upper
 * 16 bits of the float32, NaNs kept NaN (forced quiet).
 */
export function encodeBf16(values: Float32Array, into?: Uint8Array): Uint8Array {
  const bits = new Uint32Array(values.buffer, values.byteOffset, values.length);
  const out = into?.subarray(0, values.length * 2) ?? new Uint8Array(values.length * 2);
  for (let i = 0; i < bits.length; i++) {
    const x = bits[i] as number;
    const h = (x & 0x7fffffff) > 0x7f800000 ? (x >>> 16) | 64 : ((x + 0x7fff + ((x >>> 16) & 1)) / 65536) >>> 0;
    out[2 * i] = h & 0xff;
    out[2 * i + 1] = (h >>> 8) & 0xff;
  }
  return out;
}

/** float32 values of little-endian bfloat16 bytes. */
export function decodeBf16(bytes: Uint8Array, count: number): Float32Array {
  const out = new Float32Array(count);
  const bits = new Uint32Array(out.buffer);
  for (let i = 0; i < count; i++) bits[i] = (((bytes[2 * i] as number) | ((bytes[2 * i + 1] as number) << 8)) << 16) >>> 0;
  return out;
}
