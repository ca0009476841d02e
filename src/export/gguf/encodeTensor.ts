import { HammerError } from "../../core/errors.js";
import { decodeBf16, encodeBf16 } from "./bf16.js";
import { encodeF16, f16BitsToF32 } from "./f16.js";
import { dequantizeQ4_0, quantizeQ4_0 } from "./quantizeQ4_0.js";
import { dequantizeQ8_0, quantizeQ8_0 } from "./quantizeQ8_0.js";

/** Tensor types this package can encode from float values. */
export const ENCODABLE_TENSOR_TYPES = ["F32", "F16", "BF16", "Q8_0", "Q4_0"] as const;
export type EncodableTensorType = (typeof ENCODABLE_TENSOR_TYPES)[number];

export function isEncodableTensorType(name: string): name is EncodableTensorType {
  return (ENCODABLE_TENSOR_TYPES as readonly string[]).includes(name);
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Bytes in each type of one value, or of one 32-value block for the quantised types. */
const SIZE: Record<EncodableTensorType, [perValues: number, bytes: number]> = { F32: [1, 4], F16: [1, 2], BF16: [1, 2], Q8_0: [32, 34], Q4_0: [32, 18] };

/** Bytes `count` values take as `type`. */
export function encodedSize(type: EncodableTensorType, count: number): number {
  const [per, bytes] = SIZE[type];
  return (count / per) * bytes;
}

/**
 * Bytes of `values` stored as `type` (GGUF is little-endian). Quantised types need a multiple of 32 values.
 * With `into` (at least {@link encodedSize} bytes) the result is written there and a view of it returned.
 */
export function encodeTensor(type: EncodableTensorType, values: Float32Array, into?: Uint8Array): Uint8Array {
  if ((type === "Q8_0" || type === "Q4_0") && values.length % 32 !== 0) {
    throw new HammerError("INPUT_INVALID", `${type} encodes blocks of 32 values; got ${values.length} values`);
  }
  switch (type) {
    case "F32": {
      if (LITTLE_ENDIAN) {
        const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
        if (into === undefined) return bytes.slice();
        into.set(bytes);
        return into.subarray(0, bytes.length);
      }
      const out = new Uint8Array(values.length * 4);
      const view = new DataView(out.buffer);
      values.forEach((v, i) => view.setFloat32(i * 4, v, true));
      return out;
    }
    case "F16":
      return encodeF16(values, into);
    case "BF16":
      return encodeBf16(values, into);
    case "Q8_0":
      return into === undefined ? quantizeQ8_0(values) : quantizeQ8_0(values, into).subarray(0, encodedSize(type, values.length));
    case "Q4_0":
      return into === undefined ? quantizeQ4_0(values) : quantizeQ4_0(values, into).subarray(0, encodedSize(type, values.length));
    default:
      throw new HammerError("INPUT_INVALID", `cannot encode tensors of type ${String(type)}`);
  }
}

/** Float values of `count` elements stored as `type` (the inverse of encodeTensor, lossy for quantised types). */
export function decodeTensor(type: EncodableTensorType, bytes: Uint8Array, count: number): Float32Array {
  switch (type) {
    case "F32": {
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const out = new Float32Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getFloat32(i * 4, true);
      return out;
    }
    case "F16": {
      const out = new Float32Array(count);
      for (let i = 0; i < count; i++) out[i] = f16BitsToF32((bytes[2 * i] as number) | ((bytes[2 * i + 1] as number) << 8));
      return out;
    }
    case "BF16":
      return decodeBf16(bytes, count);
    case "Q8_0":
      return dequantizeQ8_0(bytes, count);
    case "Q4_0":
      return dequantizeQ4_0(bytes, count);
    default:
      throw new HammerError("INPUT_INVALID", `cannot decode tensors of type ${String(type)}`);
  }
}
