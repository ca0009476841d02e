import { pythonTypeToSchema } from "../tools/pythonTypeToSchema.js";
import { isPlainObject, RAW_TYPE_OPTIONS } from "./schemaKeywords.js";

/**
 * The JSON Schema of a tool's arguments, from what a raw tool carries in `parameters`:
 * - missing, null or `{}`: no arguments (only `{}` is accepted);
 * - a flat map of parameter → `{type, description, default?, required?}` (xLAM, API-Bank,
 *   Seal-Tools, ToolAlpaca): an object schema; required = the tool-level `required` list when
 *   the raw tool has one (Seal-Tools), else the parameters marked `required: true` if any is
 *   marked, else those whose type string is not optional;
 * - anything else is taken as a schema (BFCL `dict`, OpenAI `object`).
 */
export function toolParametersSchema(parameters: unknown, toolRequired?: unknown): unknown {
  if (parameters === undefined || parameters === null) return { type: "object", properties: {} };
  if (!isPlainObject(parameters)) return parameters;
  if (Object.keys(parameters).length === 0) return { type: "object", properties: {} };
  if (!isFlatParameterMap(parameters)) return parameters;
  const entries = Object.entries(parameters) as Array<[string, Record<string, unknown>]>;
  if (Array.isArray(toolRequired) && toolRequired.every((r) => typeof r === "string")) {
    return { type: "object", properties: parameters, required: toolRequired.filter((r) => r in parameters) };
  }
  const marked = entries.some(([, p]) => typeof p.required === "boolean");
  const required = entries
    .filter(([, p]) => (marked ? p.required === true : typeof p.type !== "string" || !pythonTypeToSchema(p.type, "", "", RAW_TYPE_OPTIONS).optional))
    .map(([name]) => name);
  return { type: "object", properties: parameters, required };
}

/** A map whose every value describes a parameter, and which is not itself a schema. */
function isFlatParameterMap(p: Record<string, unknown>): boolean {
  if (typeof p.type === "string" || Array.isArray(p.type)) return false;
  return Object.values(p).every((v) => isPlainObject(v) && (typeof v.type === "string" || typeof v.description === "string"));
}
