import { isJsonObject, ownValue } from "./copyEntry.js";

const isSchema = (v: unknown): boolean => isJsonObject(v) || typeof v === "boolean";
const isCount = (v: unknown): boolean => typeof v === "number" && Number.isInteger(v) && v >= 0;
const isString = (v: unknown): boolean => typeof v === "string";
const isNumber = (v: unknown): boolean => typeof v === "number" && Number.isFinite(v);
const isBool = (v: unknown): boolean => typeof v === "boolean";
const isSchemaList = (v: unknown): boolean => Array.isArray(v) && v.length > 0 && v.every(isSchema);
const isSchemaMap = (v: unknown): boolean => isJsonObject(v) && Object.values(v).every(isSchema);

/** Value shapes the draft-07 meta-schema demands of the keywords flat-format tools reuse loosely. */
const SHAPES: Record<string, (v: unknown) => boolean> = {
  required: (v) => Array.isArray(v) && v.every(isString),
  examples: Array.isArray,
  enum: Array.isArray,
  description: isString, title: isString, format: isString, pattern: isString, $ref: isString, $id: isString, $comment: isString, $schema: isString,
  properties: isSchemaMap, patternProperties: isSchemaMap, definitions: isSchemaMap, $defs: isSchemaMap, dependentSchemas: isSchemaMap,
  items: (v) => isSchema(v) || (Array.isArray(v) && v.every(isSchema)),
  additionalProperties: isSchema, additionalItems: isSchema, not: isSchema, if: isSchema, then: isSchema, else: isSchema, contains: isSchema, propertyNames: isSchema,
  anyOf: isSchemaList, oneOf: isSchemaList, allOf: isSchemaList,
  minimum: isNumber, maximum: isNumber, exclusiveMinimum: isNumber, exclusiveMaximum: isNumber,
  multipleOf: (v) => isNumber(v) && (v as number) > 0,
  minLength: isCount, maxLength: isCount, minItems: isCount, maxItems: isCount, minProperties: isCount, maxProperties: isCount,
  uniqueItems: isBool, readOnly: isBool, writeOnly: isBool,
};

/**
 * Would `key: value` pass the JSON Schema meta-schema? True for keys that are not keywords
 * (`example`, `unit`, `choices`: validators ignore them). The flat formats reuse keyword names
 * with other meanings (Seal-Tools' per-parameter `"required": true`, `"examples": "a, b"`); such
 * keys are kept under `x-hammer-orig-<key>` instead.
 */
export function isValidKeywordValue(key: string, value: unknown): boolean {
  const check = ownValue(SHAPES, key);
  return check === undefined || check(value);
}
