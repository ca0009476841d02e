import { type PythonTypeOptions, pythonTypeToSchema } from "../tools/pythonTypeToSchema.js";
import type { JsonSchema } from "../types.js";
import { GrammarLimitError } from "./errors.js";
import { GRAMMAR_LIMITS } from "./limits.js";

/** Helpers shared by the parser and the allOf merger. */

export const JSON_TYPES: readonly string[] = ["string", "integer", "number", "boolean", "null", "object", "array"];

/**
 * How raw type strings (`dict`, `List[int]`, `String`, `str, optional`) are read: as the tool
 * converters read them, except that an unknown name or an unreadable string means any value
 * (reported, to warn), so a raw tool never fails on its type alone.
 */
export const RAW_TYPE_OPTIONS: PythonTypeOptions = { unknownType: "any", malformed: "any" };

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Order-independent identity of a JSON value (for enum intersections and equality tests). */
export function stableKey(v: unknown, depth = 0): string {
  if (depth > GRAMMAR_LIMITS.maxSchemaDepth) throw new GrammarLimitError("nesting depth of a value in a schema", GRAMMAR_LIMITS.maxSchemaDepth, "schema");
  if (Array.isArray(v)) return `[${v.map((x) => stableKey(x, depth + 1)).join(",")}]`;
  if (isPlainObject(v)) {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableKey(v[k], depth + 1)}`)
      .join(",")}}`;
  }
  return JSON.stringify(v) ?? "undefined";
}

/**
 * Replace a non-standard `type` (`dict`, `List[int]`, `["str", "null"]`) by standard keywords.
 * Keywords written beside the type win over those derived from it (`items` beats `List[int]`).
 */
export function expandTypeString(schema: Record<string, unknown>): { schema: JsonSchema; unknown: string[] } {
  const t = schema.type;
  const members = typeof t === "string" ? [t] : Array.isArray(t) && t.every((m) => typeof m === "string") ? (t as string[]) : null;
  if (members === null || members.every((m) => JSON_TYPES.includes(m))) return { schema, unknown: [] };
  const unknown: string[] = [];
  const derived = members.map((m): JsonSchema => {
    if (JSON_TYPES.includes(m)) return { type: m };
    return pythonTypeToSchema(m, "", "", { ...RAW_TYPE_OPTIONS, onUnknown: (u) => unknown.push(u) }).schema;
  });
  const { type: _drop, ...rest } = schema;
  let base: JsonSchema;
  if (derived.some((d) => Object.keys(d).length === 0)) base = {};
  else if (derived.length === 1) base = derived[0] as JsonSchema;
  else if (derived.every((d) => Object.keys(d).length === 1 && typeof d.type === "string")) {
    base = { type: [...new Set(derived.map((d) => d.type as string))] };
  } else base = { anyOf: derived };
  if ("anyOf" in base && "anyOf" in rest) return { schema: { ...rest, allOf: [base] }, unknown };
  return { schema: { ...base, ...rest }, unknown };
}

const ANNOTATIONS = new Set([
  "title", "description", "default", "examples", "example", "$comment", "deprecated", "readOnly", "writeOnly",
  "$schema", "$id", "id", "$anchor", "$defs", "definitions", "optional", "contentMediaType", "contentEncoding",
  "$recursiveAnchor", "$dynamicAnchor", "$vocabulary",
]);

/** Keywords that say nothing about which values are valid (and vendor `x-…` keys). */
export function isAnnotation(key: string): boolean {
  return ANNOTATIONS.has(key) || key.startsWith("x-");
}

/** Does the schema constrain anything beyond `$ref` / combinators (i.e. must siblings be merged in)? */
export function hasConstraints(schema: Record<string, unknown>, ignore: readonly string[]): boolean {
  return Object.keys(schema).some((k) => !ignore.includes(k) && !isAnnotation(k));
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** No lone surrogate (the grammar writes only valid UTF-8). */
export function isWellFormed(s: string): boolean {
  return !LONE_SURROGATE.test(s);
}

export function escapePointer(key: string): string {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** A value named in an error message (long strings clipped). */
export function describeValue(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  return typeof v === "string" ? `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}` : typeof v;
}
