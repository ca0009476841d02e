export { writeGguf, type GgufTensorSource, type WriteGgufOptions, type WriteGgufResult } from "./writeGguf.js";
export { encodeGgufHeader, type GgufTensorHeaderInfo } from "./encodeGgufHeader.js";
export { encodeTensor, encodedSize, decodeTensor, isEncodableTensorType, ENCODABLE_TENSOR_TYPES, type EncodableTensorType } from "./encodeTensor.js";
export { f32ToF16Bits, f16BitsToF32, roundToF16 } from "./f16.js";
export { quantizeQ8_0, dequantizeQ8_0, Q8_0_BLOCK, Q8_0_BYTES } from "./quantizeQ8_0.js";
export { quantizeQ4_0, dequantizeQ4_0, Q4_0_BLOCK, Q4_0_BYTES } from "./quantizeQ4_0.js";
