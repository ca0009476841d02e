import { ToolSchemaError } from "../errors.js";
import { cloneJson } from "../json/index.js";
import { copyEntry, isJsonObject, pointerToken, setEntry } from "./copyEntry.js";
import { TOOL_LIMITS } from "./limits.js";

/** Keywords whose value is one subschema. */
export const SCHEMA_KEYWORDS = new Set([
  "items", "additionalProperties", "additionalItems", "not", "if", "then", "else", "contains",
  "propertyNames", "unevaluatedItems", "unevaluatedProperties",
]);
/** Keywords whose value maps names to subschemas. */
export const SCHEMA_MAP_KEYWORDS = new Set(["properties", "patternProperties", "$defs", "definitions", "dependentSchemas", "dependencies"]);
/** Keywords whose value is a list of subschemas (`items` too, in its draft-07 tuple form). */
export const SCHEMA_LIST_KEYWORDS = new Set(["items", "prefixItems", "anyOf", "oneOf", "allOf"]);

/** Called bottom-up on a fresh copy of each schema node (children already transformed); may mutate it or return a new node. */
export type SchemaVisitor = (node: Record<string, unknown>, path: string, depth: number) => Record<string, unknown>;

/**
 * Rebuild a JSON Schema without touching the input: every object subschema is copied (key order
 * and float marks kept), transformed children first, then handed to `visit`. Data-valued keywords
 * (`default`, `enum`, `const`, …) are deep-copied as they are. Non-object subschemas (booleans,
 * or garbage that validation reports elsewhere) are copied unvisited. Throws ToolSchemaError when
 * subschemas nest deeper than TOOL_LIMITS.maxSchemaDepth.
 */
export function transformSchema(schema: Record<string, unknown>, visit: SchemaVisitor, toolName: string, path = "", depth = 0): Record<string, unknown> {
  if (depth > TOOL_LIMITS.maxSchemaDepth) {
    throw new ToolSchemaError(toolName, path, `schema nested deeper than ${TOOL_LIMITS.maxSchemaDepth} levels`, "SCHEMA_UNSUPPORTED");
  }
  const sub = (v: unknown, p: string): unknown => (isJsonObject(v) ? transformSchema(v, visit, toolName, p, depth + 1) : cloneJson(v));
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(schema)) {
    const value = schema[key];
    const p = `${path}/${pointerToken(key)}`;
    if (SCHEMA_LIST_KEYWORDS.has(key) && Array.isArray(value)) {
      setEntry(out, key, value.map((v, i) => sub(v, `${p}/${i}`)));
    } else if (SCHEMA_KEYWORDS.has(key) && isJsonObject(value)) {
      setEntry(out, key, sub(value, p));
    } else if (SCHEMA_MAP_KEYWORDS.has(key) && isJsonObject(value)) {
      const map: Record<string, unknown> = {};
      for (const name of Object.keys(value)) setEntry(map, name, sub(value[name], `${p}/${pointerToken(name)}`));
      setEntry(out, key, map);
    } else {
      copyEntry(schema, key, out);
    }
  }
  return visit(out, path, depth);
}

/** Visit every object subschema top-down without copying (for checks). Same depth cap as {@link transformSchema}. */
export function forEachSubschema(schema: Record<string, unknown>, fn: (node: Record<string, unknown>, path: string) => void, toolName: string, path = "", depth = 0): void {
  if (depth > TOOL_LIMITS.maxSchemaDepth) {
    throw new ToolSchemaError(toolName, path, `schema nested deeper than ${TOOL_LIMITS.maxSchemaDepth} levels`, "SCHEMA_UNSUPPORTED");
  }
  fn(schema, path);
  for (const key of Object.keys(schema)) {
    const value = schema[key];
    const p = `${path}/${pointerToken(key)}`;
    if (SCHEMA_LIST_KEYWORDS.has(key) && Array.isArray(value)) {
      value.forEach((v, i) => isJsonObject(v) && forEachSubschema(v, fn, toolName, `${p}/${i}`, depth + 1));
    } else if (SCHEMA_KEYWORDS.has(key) && isJsonObject(value)) {
      forEachSubschema(value, fn, toolName, p, depth + 1);
    } else if (SCHEMA_MAP_KEYWORDS.has(key) && isJsonObject(value)) {
      for (const name of Object.keys(value)) {
        const v = value[name];
        if (isJsonObject(v)) forEachSubschema(v, fn, toolName, `${p}/${pointerToken(name)}`, depth + 1);
      }
    }
  }
}
