export * from "./gguf/index.js";
export * from "./tokenizer/index.js";
export { writeRandomModel, RANDOM_MODEL_QUANTS, RANDOM_MODEL_DEFAULT_QUANT, type RandomModelQuant, type RandomModelOptions, type RandomModelResult } from "./randomModel.js";
export {
  RANDOM_MODEL_SHAPES,
  RANDOM_MODEL_SHAPE_NAMES,
  isRandomModelShapeName,
  type RandomModelShape,
  type RandomModelShapeName,
} from "./random/randomModelShapes.js";
export { qwen2TensorPlan, randomTensorSources, type RandomTensorPlan, type TensorInit } from "./random/qwen2RandomTensors.js";
export { qwen2RandomMetadata } from "./random/qwen2RandomMetadata.js";
export { randomModelVocab } from "./random/randomModelVocab.js";
export { toolCallingCorpusMerges, RANDOM_MODEL_MAX_MERGES } from "./random/toolCallingCorpusMerges.js";
export { exportGguf, type ExportGgufOptions, type ExportGgufResult } from "./exportGguf.js";
export { exportLora, LORA_EXPORT_TYPES, type LoraExportType, type ExportLoraOptions, type ExportLoraResult } from "./exportLora.js";
export { EXPORT_TYPES, isExportType, type ExportType } from "./hf/exportTensorType.js";
export { SafetensorsFile, SafetensorsModel, readSafetensorsHeader, type SafetensorsHeader, type SafetensorsTensorInfo } from "./safetensors/index.js";
export { readHfConfig, readHfTokenizer, type HfModelConfig, type HfTokenizer } from "./hf/index.js";
export { readPeftAdapter, type PeftAdapter, type LoraModule } from "./lora/readPeftAdapter.js";
