import type { JsonSchema, ToolDef } from "../types.js";
import { ANNOTATION, isAnnotationKey } from "./annotations.js";
import { copyEntry, isJsonObject, moveEntry, setEntry } from "./copyEntry.js";
import { pythonTypeToSchema } from "./pythonTypeToSchema.js";
import { schemaToPythonType } from "./schemaToPythonType.js";

/**
 * The flat (xLAM) form of a tool: `{name, description, parameters: {p: {…, type: "<python
 * type>", …}}}`. A tool from fromXlamTool comes back exactly as it went in (key order, `default`,
 * Seal-Tools' `required` flags and list, API-Bank's extra keys, which follow `parameters`).
 * Other tools get a type string from their schema (`List[int]`, `Optional[str]`, with
 * `, optional` when the parameter is not required); keywords the string cannot express (`enum`,
 * nested `properties`) stay beside it, annotations are dropped.
 */
export function toXlamTool(tool: ToolDef): Record<string, unknown> {
  const params = tool.parameters;
  const required = new Set(Array.isArray(params.required) ? params.required : []);
  const absent = new Set(Array.isArray(params[ANNOTATION.absent]) ? (params[ANNOTATION.absent] as string[]) : []);
  const flat: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(params.properties)) {
    setEntry(flat, key, isJsonObject(schema) ? toFlatProperty(schema, required.has(key)) : schema);
  }
  const out: Record<string, unknown> = { name: tool.name };
  if (!absent.has("description")) out.description = tool.description;
  if (!absent.has("parameters")) out.parameters = flat;
  if (params[ANNOTATION.requiredList] === true) out.required = [...required];
  // extra never overrides the model's own keys
  if (tool.extra) for (const k of Object.keys(tool.extra)) if (!Object.prototype.hasOwnProperty.call(out, k)) copyEntry(tool.extra, k, out);
  const order = params[ANNOTATION.keyOrder];
  if (!Array.isArray(order)) return out;
  const ordered: Record<string, unknown> = {};
  for (const k of order) if (typeof k === "string" && Object.prototype.hasOwnProperty.call(out, k)) moveEntry(out, k, ordered);
  for (const k of Object.keys(out)) if (!Object.prototype.hasOwnProperty.call(ordered, k)) moveEntry(out, k, ordered);
  return ordered;
}

/** xLAM tools of a set, in order. */
export function toXlamTools(tools: readonly ToolDef[]): Record<string, unknown>[] {
  return tools.map(toXlamTool);
}

function toFlatProperty(schema: JsonSchema, required: boolean): Record<string, unknown> {
  const annotated = schema[ANNOTATION.pythonType];
  const dropped = new Set<string>();
  for (const a of [ANNOTATION.added, ANNOTATION.derived]) if (Array.isArray(schema[a])) for (const k of schema[a] as unknown[]) dropped.add(String(k));
  let typeString: string;
  let implied: JsonSchema = {};
  if (typeof annotated === "string") {
    // The source string is the truth about optionality too: it is not rewritten when `required`
    // was edited after conversion (the flat formats disagree on how to say it anyway).
    typeString = annotated;
  } else {
    const base = schemaToPythonType(schema);
    typeString = required || base.startsWith("Optional[") ? base : `${base}, optional`;
    implied = pythonTypeToSchema(base, "", "").schema; // keywords the string already says
  }
  const out: Record<string, unknown> = {};
  let typeWritten = false;
  for (const k of Object.keys(schema)) {
    if (k === ANNOTATION.pythonType || k === "type" || k === ANNOTATION.bfclType) {
      // The type string goes where the source's type was.
      if (!typeWritten) out.type = typeString;
      typeWritten = true;
    } else if (k.startsWith(ANNOTATION.originalPrefix)) {
      copyEntry(schema, k, out, k.slice(ANNOTATION.originalPrefix.length));
    } else if (isAnnotationKey(k) || dropped.has(k)) {
      continue;
    } else if (k in implied && JSON.stringify(implied[k]) === JSON.stringify(schema[k])) {
      continue;
    } else {
      copyEntry(schema, k, out);
    }
  }
  if (!typeWritten) out.type = typeString;
  return out;
}
