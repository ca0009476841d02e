import type { ParseContext } from "./ParseContext.js";
import { describeValue, JSON_TYPES } from "./schemaKeywords.js";

const OBJECT_KEYS = ["properties", "additionalProperties", "required", "patternProperties", "minProperties", "maxProperties", "propertyNames"];
const ARRAY_KEYS = ["items", "prefixItems", "additionalItems", "minItems", "maxItems", "contains", "uniqueItems"];
const STRING_KEYS = ["minLength", "maxLength", "pattern", "format"];
const NUMBER_KEYS = ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"];

/** The JSON types a schema admits (`any` for all); a missing `type` is inferred from the keywords present. */
export function schemaKinds(s: Record<string, unknown>, path: string, ctx: ParseContext): string[] {
  let kinds: string[];
  if (s.type === undefined) {
    // a boolean `required` is Seal-Tools' property marker, not the object keyword
    const has = (keys: string[]): boolean => keys.some((k) => k in s && !(k === "required" && typeof s[k] === "boolean"));
    kinds = [];
    if (has(OBJECT_KEYS)) kinds.push("object");
    if (has(ARRAY_KEYS)) kinds.push("array");
    if (has(STRING_KEYS)) kinds.push("string");
    if (has(NUMBER_KEYS)) kinds.push("number");
    if (kinds.length === 0) kinds.push("any");
  } else {
    const list = typeof s.type === "string" ? [s.type] : Array.isArray(s.type) ? s.type : null;
    if (list === null || list.length === 0 || !list.every((t) => typeof t === "string" && JSON_TYPES.includes(t))) {
      throw ctx.invalid(`${path}/type`, `type must be a JSON type or a non-empty list of them, got ${describeValue(s.type)}`);
    }
    kinds = [...new Set(list as string[])];
  }
  if (kinds.includes("number")) kinds = kinds.filter((k) => k !== "integer");
  return kinds;
}
