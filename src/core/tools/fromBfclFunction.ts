import { ToolSchemaError } from "../errors.js";
import type { ObjectSchema, ToolDef } from "../types.js";
import { ANNOTATION } from "./annotations.js";
import { checkSchemaTree, checkToolName, jsonTypeOf, toolLabel } from "./assertToolDef.js";
import { bfclToJsonSchemaType, JSON_SCHEMA_TO_BFCL } from "./bfclTypes.js";
import { copyEntry, isJsonObject, moveEntry } from "./copyEntry.js";
import { checkJsonSize } from "./limits.js";
import { transformSchema } from "./transformSchema.js";

export interface BfclOptions {
  /** Replace every `.` in the name by `_`, as BFCL does for OpenAI-style models (OpenAI forbids dots). Default false. */
  underscoreNames?: boolean;
  /** Throw on a type name BFCL does not know, instead of mapping it to `string` as BFCL does. Default false. */
  strictTypes?: boolean;
}

/**
 * Convert a BFCL function doc (`{name, description, parameters: {type: "dict", properties,
 * required}}`, one entry of a question file's `function` list or a multi-turn func doc). Types
 * are mapped at every level as BFCL's OpenAI conversion does (dict→object, float→number,
 * tuple→array, Java/JS names, unknown→string; any→no type); where the mapping back
 * (object→dict, number→float) would not restore the source, the source type is kept as
 * `x-hammer-bfcl-type` in the type's slot. Non-standard keys (`optional`, `default`, `format`,
 * nested `required`) stay as they are; other top-level keys (`response`) go to `extra`. A scalar
 * `enum` that a doc puts on an array goes into its `items` (see {@link moveArrayEnum}).
 */
export function fromBfclFunction(raw: unknown, options: BfclOptions = {}, index?: number): ToolDef {
  const label = toolLabel(raw, index);
  if (!isJsonObject(raw)) throw new ToolSchemaError(label, "", `a function doc must be an object, got ${jsonTypeOf(raw)}`);
  checkJsonSize(raw, label);
  const sourceName = checkToolName(raw.name, label);
  if (typeof raw.description !== "string") throw new ToolSchemaError(label, "/description", `description must be a string, got ${jsonTypeOf(raw.description)}`);
  if (!isJsonObject(raw.parameters)) throw new ToolSchemaError(label, "/parameters", `parameters must be an object, got ${jsonTypeOf(raw.parameters)}`);

  const mapped = transformSchema(raw.parameters, (node, path) => moveArrayEnum(mapType(node, path, label, options.strictTypes ?? false)), label, "/parameters");
  if (mapped.type !== "object") {
    throw new ToolSchemaError(label, "/parameters/type", `parameters must have type "dict", got ${JSON.stringify(raw.parameters.type)}`);
  }
  if (mapped.properties === undefined) {
    mapped.properties = {};
    mapped[ANNOTATION.added] = ["properties"];
  }
  const parameters = mapped as ObjectSchema;
  checkSchemaTree(parameters, label, "/parameters");
  const name = options.underscoreNames ? sourceName.replace(/\./g, "_") : sourceName;
  const tool: ToolDef = { name, description: raw.description, parameters };
  const extra: Record<string, unknown> = {};
  for (const k of Object.keys(raw)) if (k !== "name" && k !== "description" && k !== "parameters") copyEntry(raw, k, extra);
  if (Object.keys(extra).length > 0) tool.extra = extra;
  return tool;
}

/**
 * Convert a BFCL entry's function list. With `underscoreNames`, `nameMap` maps each changed
 * name back to the BFCL name (`{"math_factorial": "math.factorial"}`), which the checker needs
 * to compare calls; two docs that collide after the rename are an error.
 */
export function fromBfclFunctions(raws: readonly unknown[], options: BfclOptions = {}): { tools: ToolDef[]; nameMap: Record<string, string> } {
  const tools = raws.map((r, i) => fromBfclFunction(r, options, i));
  const nameMap: Record<string, string> = {};
  const seen = new Map<string, string>();
  tools.forEach((t, i) => {
    const source = (raws[i] as { name: string }).name;
    const prior = seen.get(t.name);
    if (prior !== undefined && prior !== source) {
      throw new ToolSchemaError(t.name, "/name", `BFCL names ${JSON.stringify(prior)} and ${JSON.stringify(source)} both become ${JSON.stringify(t.name)} with "." → "_"`);
    }
    seen.set(t.name, source);
    if (t.name !== source) nameMap[t.name] = source;
  });
  return { tools, nameMap };
}

function mapType(node: Record<string, unknown>, path: string, label: string, strict: boolean): Record<string, unknown> {
  const t = node.type;
  if (typeof t !== "string") return node;
  const { type, known } = bfclToJsonSchemaType(t);
  if (!known && strict) throw new ToolSchemaError(label, `${path}/type`, `unknown BFCL type ${JSON.stringify(t)}`);
  if (type !== null && JSON_SCHEMA_TO_BFCL[type] === t) {
    node.type = type; // in place: same slot
    return node;
  }
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(node)) {
    if (k === "type") {
      out[ANNOTATION.bfclType] = t;
      if (type !== null) out.type = type;
    } else moveEntry(node, k, out);
  }
  return out;
}

/**
 * BFCL docs put an `enum` of strings on a `type: array` property, which no array can match (a
 * grammar must drop it and a validator rejects every call); the author meant "each item is one of
 * these". The enum moves into `items` when items has a type that every value fits and no enum of
 * its own; `x-hammer-bfcl-array-enum` takes its slot so toBfclFunction restores the source.
 */
function moveArrayEnum(node: Record<string, unknown>): Record<string, unknown> {
  const { items } = node;
  const values = node.enum;
  if (node.type !== "array" || !Array.isArray(values) || values.length === 0 || !isJsonObject(items) || items.enum !== undefined) return node;
  if (!values.every((v) => fitsType(v, items.type))) return node;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(node)) {
    if (k === "enum") {
      out[ANNOTATION.bfclArrayEnum] = true;
      moveEntry(node, k, items);
    } else moveEntry(node, k, out);
  }
  return out;
}

/** Whether a scalar value has the (mapped) JSON Schema type `type`. */
function fitsType(value: unknown, type: unknown): boolean {
  switch (type) {
    case "string":
      return typeof value === "string";
    case "integer":
      return Number.isInteger(value);
    case "number":
      return typeof value === "number";
    case "boolean":
      return typeof value === "boolean";
    default:
      return false;
  }
}
