import { ToolSchemaError } from "../errors.js";
import type { JsonSchema, ObjectSchema, ToolDef } from "../types.js";
import { ANNOTATION } from "./annotations.js";
import { checkSchemaTree, checkToolName, jsonTypeOf, toolLabel } from "./assertToolDef.js";
import { copyEntry, isJsonObject, pointerToken, setEntry } from "./copyEntry.js";
import { isValidKeywordValue } from "./isValidKeywordValue.js";
import { checkJsonSize } from "./limits.js";
import { type PythonTypeOptions, pythonTypeToSchema } from "./pythonTypeToSchema.js";

/**
 * How a flat tool's `required` list is derived:
 * - `list`: the tool's top-level `required` array (Seal-Tools);
 * - `flags`: parameters with `"required": true` (ToolAlpaca, Seal-Tools);
 * - `type`: the xLAM rule, every parameter whose type string does not mark it optional (see
 *   pythonTypeToSchema: `, optional`, `default=`, `Optional[…]`); the `default` key is ignored;
 * - `none`: nothing is required;
 * - `auto` (default): `list` when the tool has a top-level `required` array, else `flags` when
 *   some parameter has a boolean `required`, else `type`. toolsFromAny decides `flags` vs `type`
 *   once per tool set, because a ToolAlpaca tool whose parameters are all optional has no flags.
 */
export type FlatRequiredRule = "auto" | "list" | "flags" | "type" | "none";

export interface FlatToolOptions extends PythonTypeOptions {
  requiredRule?: FlatRequiredRule;
}

/** Tool-level keys a flat tool consumes; the rest (`return`, `desc_for_search`, …) go to `extra`. */
const FLAT_KEYS = new Set(["name", "description", "parameters", "required"]);

/**
 * Convert a tool in the flat family: xLAM (`{name, description, parameters: {p: {description,
 * type: "List[int]", default?}}}`) and the Hammer eval sets built on it: API-Bank (`type: "str"`,
 * plus `return` and `desc_for_search`, kept in `extra`), Seal-Tools (per-parameter `required`
 * flags and a top-level `required` list) and ToolAlpaca (per-parameter `required`, JSON Schema
 * type names). Each property keeps its keys in order; the type string is mapped by
 * pythonTypeToSchema and kept as `x-hammer-python-type` in its slot, so toXlamTool restores the
 * source exactly (key order, `default`, float spelling), API-Bank's and Seal-Tools' extras too.
 * Known loss: a property without a `type` comes back with `"type": "Any"`.
 */
export function fromXlamTool(raw: unknown, options: FlatToolOptions = {}, index?: number): ToolDef {
  const label = toolLabel(raw, index);
  if (!isJsonObject(raw)) throw new ToolSchemaError(label, "", `a tool must be an object, got ${jsonTypeOf(raw)}`);
  checkJsonSize(raw, label);
  const name = checkToolName(raw.name, label);
  const absent: string[] = [];
  if (raw.description === undefined) absent.push("description");
  else if (typeof raw.description !== "string") throw new ToolSchemaError(label, "/description", `description must be a string, got ${jsonTypeOf(raw.description)}`);
  const params = raw.parameters ?? {};
  if (raw.parameters === undefined) absent.push("parameters");
  if (!isJsonObject(params)) throw new ToolSchemaError(label, "/parameters", `parameters must be an object, got ${jsonTypeOf(params)}`);

  const properties: Record<string, JsonSchema> = {};
  const optionalByType = new Set<string>();
  for (const key of Object.keys(params)) {
    const path = `/parameters/${pointerToken(key)}`;
    const prop = params[key];
    if (!isJsonObject(prop)) throw new ToolSchemaError(label, path, `property schema must be an object, got ${jsonTypeOf(prop)}`);
    const { schema, optional } = convertFlatProperty(prop, label, path, options);
    if (optional) optionalByType.add(key);
    setEntry(properties, key, schema);
  }

  const required = deriveRequired(raw, params, optionalByType, label, options.requiredRule ?? "auto");
  const parameters: ObjectSchema = { type: "object", properties, required };
  if (Array.isArray(raw.required)) parameters[ANNOTATION.requiredList] = true;
  if (absent.length > 0) parameters[ANNOTATION.absent] = absent;
  checkSchemaTree(parameters, label, "/parameters");

  const tool: ToolDef = { name, description: typeof raw.description === "string" ? raw.description : "", parameters };
  const extra: Record<string, unknown> = {};
  for (const k of Object.keys(raw)) if (!FLAT_KEYS.has(k) || (k === "required" && !Array.isArray(raw.required))) copyEntry(raw, k, extra);
  if (Object.keys(extra).length > 0) tool.extra = extra;
  // toXlamTool writes name, description, parameters, required, then extra keys: record any other order.
  const defaultOrder = ["name", "description", "parameters", "required"].filter((k) => Object.prototype.hasOwnProperty.call(raw, k) && (k !== "required" || Array.isArray(raw.required)));
  defaultOrder.push(...Object.keys(extra));
  const sourceOrder = Object.keys(raw);
  if (sourceOrder.join("\u0000") !== defaultOrder.join("\u0000")) parameters[ANNOTATION.keyOrder] = sourceOrder;
  return tool;
}

function convertFlatProperty(prop: Record<string, unknown>, label: string, path: string, options: PythonTypeOptions): { schema: JsonSchema; optional: boolean } {
  const out: JsonSchema = {};
  let optional = false;
  for (const k of Object.keys(prop)) {
    if (k === "type") {
      const t = prop.type;
      if (typeof t !== "string") throw new ToolSchemaError(label, `${path}/type`, `type must be a string, got ${jsonTypeOf(t)}`);
      const info = pythonTypeToSchema(t, label, `${path}/type`, options);
      optional = info.optional;
      const derived = info.schema;
      const derivedKeys = Object.keys(derived);
      // Always annotated (even ToolAlpaca's "string"): it marks the property as flat-format, so
      // toXlamTool writes the source string back instead of a Python name. The annotation takes the source key's slot; derived keywords follow it. Keywords the
      // source also has (rare) are left to the source; the others are listed as derived.
      out[ANNOTATION.pythonType] = t;
      const listed: string[] = [];
      for (const dk of derivedKeys) {
        if (dk !== "type" && Object.prototype.hasOwnProperty.call(prop, dk)) continue;
        out[dk] = derived[dk];
        if (dk !== "type") listed.push(dk);
      }
      if (listed.length > 0) out[ANNOTATION.derived] = listed;
    } else if (isValidKeywordValue(k, prop[k])) {
      if (!Object.prototype.hasOwnProperty.call(out, k)) copyEntry(prop, k, out);
    } else {
      copyEntry(prop, k, out, `${ANNOTATION.originalPrefix}${k}`);
    }
  }
  return { schema: out, optional };
}

function deriveRequired(raw: Record<string, unknown>, params: Record<string, unknown>, optionalByType: Set<string>, label: string, rule: FlatRequiredRule): string[] {
  const names = Object.keys(params);
  const flagged = (k: string): boolean => isJsonObject(params[k]) && (params[k] as Record<string, unknown>).required === true;
  const hasFlags = names.some((k) => isJsonObject(params[k]) && typeof (params[k] as Record<string, unknown>).required === "boolean");
  const effective = rule === "auto" ? (Array.isArray(raw.required) ? "list" : hasFlags ? "flags" : "type") : rule;
  switch (effective) {
    case "list": {
      if (!Array.isArray(raw.required)) throw new ToolSchemaError(label, "/required", "requiredRule is \"list\" but the tool has no top-level required array");
      return raw.required.map((r, i) => {
        if (typeof r !== "string") throw new ToolSchemaError(label, `/required/${i}`, `required entry must be a string, got ${jsonTypeOf(r)}`);
        if (!Object.prototype.hasOwnProperty.call(params, r)) throw new ToolSchemaError(label, `/required/${i}`, `required names ${JSON.stringify(r)}, which is not a parameter`);
        return r;
      });
    }
    case "flags":
      return names.filter(flagged);
    case "type":
      return names.filter((k) => !optionalByType.has(k));
    case "none":
      return [];
  }
}
