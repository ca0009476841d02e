export type { ValidationIssue, ValidationResult, CallValidationResult } from "./types.js";
export { validateCall } from "./validateCall.js";
export { validateValue, type ValidateValueOptions } from "./validateValue.js";
export { assertValidTools, type AssertValidToolsOptions } from "./assertValidTools.js";
export { compileSchema, checkJsonSchema } from "./compileSchema.js";
export { STRICT_INTEGER_KEYWORD, type JsonSchemaDraft } from "./ajvFor.js";
export { assertNoRefCycle } from "./assertNoRefCycle.js";
export { SchemaRefGraph } from "./SchemaRefGraph.js";
export { MAX_VALUE_DEPTH } from "./runValidator.js";
