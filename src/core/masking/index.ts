export type {
  MaskMode,
  MaskOptions,
  MaskMapping,
  DefaultChange,
  ValueRewrite,
  ToolAdapter,
  WorkSample,
  WorkTool,
  WorkParam,
  WorkCall,
  WorkArg,
} from "./types.js";
export { resolveMaskOptions } from "./types.js";
export { MASK_ALPHABET, MASK_LENGTHS, randomName } from "./randomName.js";
export { maskWork } from "./maskWork.js";
export { MASK_LIMITS, maskLimitViolation, type MaskSize } from "./maskLimits.js";
export { maskSample, maskSampleWith, type MaskableSample, type MaskResult } from "./maskSample.js";
export { maskXlamRecord, maskXlamSample, type XlamParsedRow, type MaskedXlamRow } from "./maskXlamRecord.js";
export { unmaskCalls } from "./unmaskCalls.js";
export { toolDefAdapter } from "./toolDefAdapter.js";
export { xlamToolAdapter, dumpsXlamTools, dumpsXlamCalls, writeXlamTools, writeXlamCalls } from "./xlamAdapter.js";
export { replaceInQuery, replaceInDescription, replaceTokens, isTokenAt, hasToken } from "./replaceText.js";
