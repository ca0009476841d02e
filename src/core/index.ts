export * from "./types.js";
export * from "./errors.js";
export { ERROR_CODES, ERROR_CODE_NAMES, EXIT_CODES, EXIT_CODE_MEANINGS, exitCodeOf, signalExitCode, type ErrorCodeInfo, type ExitCode } from "./errorCodes.js";
export { fromSystemError, systemErrorCode } from "./fromSystemError.js";
export * from "./json/index.js";
export {
  pyEquals,
  pyFloatRepr,
  pyJsonDumps,
  pyJsonKey,
  pyJsonNumber,
  pyJsonString,
  pyJsonStringEmbedded,
  pyRepr,
  pyStr,
  pyStrRepr,
  writePyJson,
  writePyJsonString,
  parsePythonLiteral,
  pyCapitalize,
  type PositionalParams,
  type PyJsonDumpsOptions,
} from "./python/index.js";
export { Rng, hashString } from "./rng.js";
export * from "./tools/index.js";
export * from "./validate/index.js";
export * from "./formats/index.js";
export * from "./parse/index.js";
export * from "./masking/index.js";
export * from "./grammar/index.js";
export * from "./gguf/index.js";
