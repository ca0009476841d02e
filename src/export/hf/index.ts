export { readHfConfig, HF_ARCHITECTURES, type HfArchitecture, type HfModelConfig } from "./readHfConfig.js";
export { readHfTokenizer, SPECIAL_TOKEN_ROLES, type HfTokenizer, type SpecialTokenRole } from "./readHfTokenizer.js";
export { tokenizerPreType, KNOWN_PRE_TOKENIZERS } from "./tokenizerPreType.js";
export { hfTensorLayout, type HfTensorSpec } from "./hfTensorLayout.js";
export { planHfTensors, type HfTensorPlan } from "./planHfTensors.js";
export { hfGgufMetadata } from "./hfGgufMetadata.js";
export { exportTensorType, EXPORT_TYPES, EXPORT_FILE_TYPE, isExportType, type ExportType } from "./exportTensorType.js";
export { hfTensorChunks, addLoraDelta, permuteRotaryRows } from "./hfTensorChunks.js";
