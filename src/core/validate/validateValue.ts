import type { JsonSchema } from "../types.js";
import { compileSchema } from "./compileSchema.js";
import { runValidator } from "./runValidator.js";
import type { ValidationResult } from "./types.js";

export interface ValidateValueOptions {
  /** Names the schema in a ToolSchemaError when the schema itself is invalid (e.g. the `response_format` name). Default "schema". */
  label?: string;
  /** Prefix for the paths of the issues. Default "" (paths are pointers into `value`). */
  pathPrefix?: string;
}

/**
 * Validate one JSON value against one JSON Schema (e.g. a `response_format: json_schema` answer),
 * with the same rules as validateCall (ajv, formats, `5.0` is not an integer when parsed by
 * parseJson). An invalid schema throws ToolSchemaError; an invalid value is a result.
 */
export function validateValue(value: unknown, schema: JsonSchema, options: ValidateValueOptions = {}): ValidationResult {
  const label = options.label ?? "schema";
  return runValidator(compileSchema(schema, label), value, options.pathPrefix ?? "", label);
}
