export { SafetensorsFile } from "./SafetensorsFile.js";
export { SafetensorsModel, type SafetensorsTensorRef } from "./SafetensorsModel.js";
export { readSafetensorsHeader, SAFETENSORS_MAX_HEADER_BYTES, type SafetensorsHeader, type SafetensorsTensorInfo } from "./readSafetensorsHeader.js";
export { SAFETENSORS_DTYPE_BYTES, READABLE_DTYPES, decodeToFloat32, isReadableDtype, type ReadableDtype } from "./safetensorsDtypes.js";
export { assertReadable } from "./assertReadable.js";
