export { ModelFileError, type ModelFileErrorDetails } from "./ModelFileError.js";
export {
  GGUF_VALUE_TYPE_CODES,
  ggufValue,
  ggufValueTypeName,
  ggufScalarSize,
  type GgufValue,
  type GgufScalar,
  type GgufArray,
  type GgufValueTypeName,
  type GgufScalarTypeName,
  type GgufNumberTypeName,
  type GgufBigintTypeName,
  type GgufItemOf,
} from "./ggufValue.js";
export { ggmlTypeById, ggmlTypeByName, ggmlTypes, ggmlTensorBytes, type GgmlTypeInfo } from "./ggmlTypes.js";
export { GgufMetadata } from "./GgufMetadata.js";
export {
  readGgufHeader,
  alignUp,
  GGUF_MAGIC,
  GGUF_DEFAULT_ALIGNMENT,
  GGML_MAX_NAME,
  GGML_MAX_DIMS,
  GGUF_READ_LIMITS,
  type GgufHeader,
  type GgufTensorInfo,
} from "./readGgufHeader.js";
export { readTensorData } from "./readTensorData.js";
export { validateGgufHeader, type GgufSummary } from "./validateGgufHeader.js";
export { validateModelFile } from "./validateModelFile.js";
export { llamaFileTypeName, llamaFileTypeOf } from "./llamaFileTypeName.js";
export { archRequirements, type ArchRequirements, LLAMA_MAX_LAYERS, LLAMA_MAX_EXPERTS, ROPE_SCALING_TYPES, TOKENIZER_MODELS } from "./archRequirements.js";
