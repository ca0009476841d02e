import { ownValue } from "./copyEntry.js";

/**
 * BFCL's type names to JSON Schema, as BFCL's own OpenAI conversion maps them
 * (`GORILLA_TO_OPENAPI` in bfcl/constants/type_mappings.py), with one deliberate difference:
 * `any`/`Any` becomes "no type" (accept anything) instead of BFCL's `string`, because a value of
 * any type is what the doc means. `null` here = no `type` keyword.
 */
export const BFCL_TO_JSON_SCHEMA: Readonly<Record<string, string | null>> = {
  integer: "integer", number: "number", float: "number", string: "string", boolean: "boolean", bool: "boolean",
  array: "array", list: "array", dict: "object", object: "object", tuple: "array", any: null,
  byte: "integer", short: "integer", long: "integer", double: "number", char: "string",
  ArrayList: "array", Array: "array", HashMap: "object", Hashtable: "object", Queue: "array", Stack: "array",
  Any: null, String: "string", Bigint: "integer",
};

/**
 * BFCL's `_cast_to_openai_type` maps a type name it does not know (the JavaScript doc's `""`,
 * a Java `Boolean`) to `string`; fromBfclFunction does the same unless `strictTypes` is set.
 */
export const BFCL_UNKNOWN_TYPE = "string";

/** The BFCL name a JSON Schema type goes back to when no annotation says otherwise. */
export const JSON_SCHEMA_TO_BFCL: Readonly<Record<string, string>> = {
  object: "dict", number: "float", integer: "integer", string: "string", boolean: "boolean", array: "array", null: "null",
};

export function bfclToJsonSchemaType(t: string): { type: string | null; known: boolean } {
  const type = ownValue(BFCL_TO_JSON_SCHEMA, t);
  return type === undefined ? { type: BFCL_UNKNOWN_TYPE, known: false } : { type, known: true };
}
