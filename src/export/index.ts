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
