import { createHash } from "node:crypto";
import type { Ajv, ErrorObject, ValidateFunction } from "ajv";
import { ToolSchemaError } from "../errors.js";
import { checkJsonSize } from "../tools/limits.js";
import { transformSchema } from "../tools/transformSchema.js";
import type { JsonSchema } from "../types.js";
import { ajvFor, type JsonSchemaDraft, STRICT_INTEGER_KEYWORD } from "./ajvFor.js";
import { assertNoRefCycle } from "./assertNoRefCycle.js";

/** Compiled validators kept by content hash (identical schemas in different request objects share one). */
const MAX_CACHED = 512;
const byHash = new Map<string, ValidateFunction>();
/** And by schema object: tools are treated as immutable once validated; a changed schema needs a new object. */
const byObject = new WeakMap<object, ValidateFunction>();

/**
 * Compile a JSON Schema with ajv (draft-07 unless `$schema` names 2019-09 or 2020-12), cached.
 * Before compiling, every node whose `type` allows `integer` but not `number` gets the
 * strict-integer keyword, so a value parseJson marked as a float (`5.0`) fails `integer` as it
 * does in Python and in BFCL's checker (`5` passes). Throws ToolSchemaError naming `label` and
 * the path (under `basePath`) of an invalid or unsupported schema, and of a `$ref` cycle that
 * never descends into a value (assertNoRefCycle), which ajv would follow until the stack overflows.
 */
export function compileSchema(schema: JsonSchema, label: string, basePath = ""): ValidateFunction {
  const cached = byObject.get(schema);
  if (cached) return cached;
  checkJsonSize(schema, label, basePath);
  const key = createHash("sha256").update(stableStringify(schema)).digest("base64");
  let validate = byHash.get(key);
  if (validate) {
    byHash.delete(key); // refresh LRU position
  } else {
    validate = compileFresh(schema, label, basePath);
    if (byHash.size >= MAX_CACHED) byHash.delete(byHash.keys().next().value as string);
  }
  byHash.set(key, validate);
  byObject.set(schema, validate);
  return validate;
}

/**
 * Check a schema against its draft's meta-schema without compiling it (much cheaper than
 * compileSchema; misses only what compiling finds: unresolvable `$ref`s, bad `pattern`s), and
 * refuse `$ref` cycles that never descend into a value. Throws ToolSchemaError like compileSchema.
 */
export function checkJsonSchema(schema: JsonSchema, label: string, basePath = ""): void {
  checkJsonSize(schema, label, basePath);
  metaCheck(ajvFor(draftOf(schema, label, basePath)), schema, label, basePath);
  assertNoRefCycle(schema, label, basePath);
}

function metaCheck(ajv: Ajv, schema: JsonSchema, label: string, basePath: string): void {
  if (ajv.validateSchema(schema)) return;
  const first = (ajv.errors ?? [])[0] as ErrorObject | undefined;
  throw new ToolSchemaError(label, `${basePath}${first?.instancePath ?? ""}`, `invalid JSON Schema: ${describeSchemaErrors(ajv.errors ?? [])}`);
}

function compileFresh(schema: JsonSchema, label: string, basePath: string): ValidateFunction {
  const ajv = ajvFor(draftOf(schema, label, basePath));
  const prepared = transformSchema(schema, markStrictIntegers, label, basePath);
  metaCheck(ajv, prepared, label, basePath);
  assertNoRefCycle(prepared, label, basePath);
  try {
    return ajv.compile(prepared);
  } catch (e) {
    // A stack overflow here would be our bug (cycles are refused above); its text means nothing to a client.
    const why = e instanceof RangeError ? "the schema nests or recurses too deeply" : (e as Error).message;
    throw new ToolSchemaError(label, basePath, `JSON Schema cannot be compiled: ${why}`, "SCHEMA_UNSUPPORTED");
  } finally {
    // ajv keeps every compiled schema (and any `$id`) in its own registry; the validator does not need it.
    ajv.removeSchema(prepared);
  }
}

function draftOf(schema: JsonSchema, label: string, basePath: string): JsonSchemaDraft {
  const s = schema.$schema;
  if (s === undefined) return "draft-07";
  if (typeof s === "string") {
    if (s.includes("2020-12")) return "2020-12";
    if (s.includes("2019-09")) return "2019-09";
    if (s.includes("draft-07")) return "draft-07";
  }
  throw new ToolSchemaError(label, `${basePath}/$schema`, `unsupported JSON Schema version ${JSON.stringify(s)} (draft-07, 2019-09 and 2020-12 are supported)`, "SCHEMA_UNSUPPORTED");
}

function markStrictIntegers(node: Record<string, unknown>): Record<string, unknown> {
  const t = node.type;
  const types = typeof t === "string" ? [t] : Array.isArray(t) ? t : [];
  if (types.includes("integer") && !types.includes("number")) node[STRICT_INTEGER_KEYWORD] = true;
  return node;
}

/** The meta-schema's complaints in one line; `anyOf` noise (it lists every alternative) kept short. */
function describeSchemaErrors(errors: ErrorObject[]): string {
  const parts = errors.slice(0, 3).map((e) => `${e.instancePath || "/"} ${e.message ?? "is invalid"}${e.keyword === "enum" ? ` ${JSON.stringify(e.params.allowedValues)}` : ""}`);
  return parts.join("; ") + (errors.length > 3 ? ` (+${errors.length - 3} more)` : "");
}

/** JSON with sorted keys: equal schemas give equal text whatever their key order. Depth is bounded by checkJsonSize. */
function stableStringify(v: unknown): string {
  if (v === null || typeof v !== "object") return JSON.stringify(v) ?? "null";
  if (Array.isArray(v)) return `[${v.map(stableStringify).join(",")}]`;
  const keys = Object.keys(v).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${stableStringify((v as Record<string, unknown>)[k])}`).join(",")}}`;
}
