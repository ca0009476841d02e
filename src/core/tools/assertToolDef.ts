import { ToolSchemaError } from "../errors.js";
import type { ToolDef } from "../types.js";
import { isJsonObject, pointerToken } from "./copyEntry.js";
import { TOOL_LIMITS, checkJsonSize } from "./limits.js";
import { forEachSubschema } from "./transformSchema.js";

export const JSON_SCHEMA_TYPES = new Set(["string", "number", "integer", "boolean", "array", "object", "null"]);

/** How to name a tool in errors before its name is known to be valid. */
export function toolLabel(raw: unknown, index?: number): string {
  const name = isJsonObject(raw) ? raw.name : undefined;
  if (typeof name === "string" && name.length > 0 && name.length <= TOOL_LIMITS.maxNameLength) return name;
  return index === undefined ? "<unnamed tool>" : `<tool #${index}>`;
}

/** Name checks shared by every converter: a non-empty string of sane length. */
export function checkToolName(name: unknown, label: string, path = "/name"): string {
  if (name === undefined) throw new ToolSchemaError(label, path, "missing tool name");
  if (typeof name !== "string") throw new ToolSchemaError(label, path, `tool name must be a string, got ${jsonTypeOf(name)}`);
  if (name.length === 0) throw new ToolSchemaError(label, path, "tool name is empty");
  if (name.length > TOOL_LIMITS.maxNameLength) {
    throw new ToolSchemaError(label, path, `tool name longer than ${TOOL_LIMITS.maxNameLength} characters`, "SCHEMA_UNSUPPORTED");
  }
  return name;
}

export function jsonTypeOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  return typeof v;
}

/**
 * Check that `tool` is a well-formed canonical ToolDef, throwing ToolSchemaError with the JSON
 * path of the first problem: name, description, `parameters` an object schema, every property
 * schema an object, every `type` a JSON Schema type name, every `required` entry naming a declared
 * property (when the object declares `properties`; a free-form object may require any key),
 * and the size limits. Keyword-level validity (`minimum: "x"`) is ajv's job: see assertValidTools.
 */
export function assertToolDef(tool: unknown, index?: number): asserts tool is ToolDef {
  const label = toolLabel(tool, index);
  if (!isJsonObject(tool)) throw new ToolSchemaError(label, "", `a tool must be an object, got ${jsonTypeOf(tool)}`);
  checkJsonSize(tool, label);
  checkToolName(tool.name, label);
  if (typeof tool.description !== "string") {
    throw new ToolSchemaError(label, "/description", `description must be a string, got ${jsonTypeOf(tool.description)}`);
  }
  if (tool.extra !== undefined && !isJsonObject(tool.extra)) throw new ToolSchemaError(label, "/extra", "extra must be an object");
  const params = tool.parameters;
  if (!isJsonObject(params)) throw new ToolSchemaError(label, "/parameters", `parameters must be an object, got ${jsonTypeOf(params)}`);
  if (params.type !== "object") throw new ToolSchemaError(label, "/parameters/type", `parameters must have type "object", got ${JSON.stringify(params.type)}`);
  if (!isJsonObject(params.properties)) throw new ToolSchemaError(label, "/parameters/properties", "parameters must have a properties object");
  checkSchemaTree(params, label, "/parameters");
}

/** Structural checks on every subschema of `schema` (see {@link assertToolDef}). */
export function checkSchemaTree(schema: Record<string, unknown>, label: string, basePath: string): void {
  forEachSubschema(
    schema,
    (node, path) => {
      const type = node.type;
      if (type !== undefined) {
        const types = Array.isArray(type) ? type : [type];
        types.forEach((t, i) => {
          const p = Array.isArray(type) ? `${path}/type/${i}` : `${path}/type`;
          if (typeof t !== "string") throw new ToolSchemaError(label, p, `type must be a string, got ${jsonTypeOf(t)}`);
          if (!JSON_SCHEMA_TYPES.has(t)) throw new ToolSchemaError(label, p, `unknown type ${JSON.stringify(t)} (expected one of ${[...JSON_SCHEMA_TYPES].join(", ")})`);
        });
      }
      const props = node.properties;
      if (props !== undefined) {
        if (!isJsonObject(props)) throw new ToolSchemaError(label, `${path}/properties`, `properties must be an object, got ${jsonTypeOf(props)}`);
        for (const name of Object.keys(props)) {
          if (!isJsonObject(props[name])) {
            throw new ToolSchemaError(label, `${path}/properties/${pointerToken(name)}`, `property schema must be an object, got ${jsonTypeOf(props[name])}`);
          }
        }
      }
      const required = node.required;
      if (required !== undefined) {
        if (!Array.isArray(required)) throw new ToolSchemaError(label, `${path}/required`, `required must be an array of names, got ${jsonTypeOf(required)}`);
        required.forEach((r, i) => {
          if (typeof r !== "string") throw new ToolSchemaError(label, `${path}/required/${i}`, `required entry must be a string, got ${jsonTypeOf(r)}`);
          if (isJsonObject(props) && !Object.prototype.hasOwnProperty.call(props, r)) {
            throw new ToolSchemaError(label, `${path}/required/${i}`, `required names ${JSON.stringify(r)}, which is not a declared property`);
          }
        });
      }
    },
    label,
    basePath,
  );
}
