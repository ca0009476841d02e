import { isHammerError } from "../../core/errors.js";
import { checkJsonSchema } from "../../core/validate/index.js";
import type { GenerateRequest } from "../../engine/index.js";
import { ApiError } from "../errors/ApiError.js";

/** A `json_schema` answer format, its schema checked (a 400 naming `param` when invalid). */
export function jsonSchemaFormat(schema: Record<string, unknown> | undefined, name: string, param: string): NonNullable<GenerateRequest["responseFormat"]> {
  const s = schema ?? {};
  try {
    checkJsonSchema(s, `response format ${name}`);
  } catch (e) {
    if (!isHammerError(e)) throw e;
    throw new ApiError(400, `Invalid '${param}': ${e.message}.`, { param, apiCode: "invalid_schema", cause: e });
  }
  return { type: "json_schema", schema: s, name };
}
