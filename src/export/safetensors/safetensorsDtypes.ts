import { f16BitsToF32 } from "../gguf/f16.js";

/** Bytes per element of every dtype a safetensors header may declare (the format's own list). */
export const SAFETENSORS_DTYPE_BYTES: Readonly<Record<string, number>> = {
  BOOL: 1,
  U8: 1,
  I8: 1,
  F8_E5M2: 1,
  F8_E4M3: 1,
  I16: 2,
  U16: 2,
  F16: 2,
  BF16: 2,
  I32: 4,
  U32: 4,
  F32: 4,
  I64: 8,
  U64: 8,
  F64: 8,
};

/** The dtypes whose values we read (as float32): what Hugging Face checkpoints store weights in. */
export const READABLE_DTYPES = ["F32", "F16", "BF16"] as const;
export type ReadableDtype = (typeof READABLE_DTYPES)[number];

export function isReadableDtype(dtype: string): dtype is ReadableDtype {
  return (READABLE_DTYPES as readonly string[]).includes(dtype);
}

let f16Table: Float32Array | undefined;

/** float32 value of every half-precision bit pattern (a 256 KB table beats bit-twiddling per element). */
function halfTable(): Float32Array {
  if (f16Table === undefined) {
    f16Table = new Float32Array(65536);
    for (let h = 0; h < 65536; h++) f16Table[h] = f16BitsToF32(h);
  }
  return f16Table;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Decode little-endian `bytes` of `dtype` into `out` (float32). BF16 → F32 is exact (the high half of the
 * float32 bits), F16 → F32 is exact, F32 is copied.
 */
export function decodeToFloat32(dtype: ReadableDtype, bytes: Uint8Array, out: Float32Array): Float32Array {
  const n = out.length;
  if (dtype === "F32") {
    if (LITTLE_ENDIAN && bytes.byteOffset % 4 === 0) {
      out.set(new Float32Array(bytes.buffer, bytes.byteOffset, n));
    } else {
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      for (let i = 0; i < n; i++) out[i] = view.getFloat32(4 * i, true);
    }
    return out;
  }
  const aligned = LITTLE_ENDIAN && bytes.byteOffset % 2 === 0;
  const halves = aligned ? new Uint16Array(bytes.buffer, bytes.byteOffset, n) : undefined;
  const half = (i: number) => (halves ? (halves[i] as number) : (bytes[2 * i] as number) | ((bytes[2 * i + 1] as number) << 8));
  if (dtype === "BF16") {
    const bits = new Uint32Array(out.buffer, out.byteOffset, n);
    if (halves) for (let i = 0; i < n; i++) bits[i] = (halves[i] as number) << 16;
    else for (let i = 0; i < n; i++) bits[i] = half(i) << 16;
    return out;
  }
  const table = halfTable();
  if (halves) for (let i = 0; i < n; i++) out[i] = table[halves[i] as number] as number;
  else for (let i = 0; i < n; i++) out[i] = table[half(i)] as number;
  return out;
}
