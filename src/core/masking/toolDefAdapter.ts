import { ToolSchemaError } from "../errors.js";
import { cloneJson, isFloatAt } from "../json/index.js";
import type { ObjectSchema, ToolDef } from "../types.js";
import { isPlainObject, setSlot } from "./slots.js";
import type { ToolAdapter, WorkTool } from "./types.js";

/**
 * Canonical ToolDefs (the evaluator's): parameters are `parameters.properties`, and a renamed
 * parameter is also renamed in `parameters.required`. Only top-level properties are masked, as
 * in Hammer.
 */
export const toolDefAdapter: ToolAdapter<ToolDef> = {
  read(tool: ToolDef, index: number): WorkTool {
    if (!isPlainObject(tool) || typeof tool.name !== "string") {
      throw new ToolSchemaError(`#${index}`, "/name", "a tool needs a string name");
    }
    const props = tool.parameters?.properties ?? {};
    if (!isPlainObject(props)) throw new ToolSchemaError(tool.name, "/parameters/properties", "must be an object");
    return {
      name: tool.name,
      original: tool.name,
      source: index,
      params: Object.keys(props).map((k) => ({ name: k, original: k, schema: props[k] })),
    };
  },

  write(source: ToolDef, work: WorkTool): ToolDef {
    const properties: Record<string, unknown> = {};
    for (const p of work.params) setSlot(properties, p.name, cloneJson(p.schema), false);
    const renamed = new Map(work.params.map((p) => [p.original, p.name]));
    const srcParams = (source.parameters ?? { type: "object", properties: {} }) as unknown as Record<string, unknown>;
    const parameters: Record<string, unknown> = {};
    for (const k of Object.keys(srcParams)) {
      if (k === "properties") parameters[k] = properties;
      else if (k === "required" && Array.isArray(srcParams.required)) {
        parameters[k] = srcParams.required.map((r: unknown) => (typeof r === "string" ? (renamed.get(r) ?? r) : r));
      } else setSlot(parameters, k, cloneJson(srcParams[k]), isFloatAt(srcParams, k));
    }
    if (!("properties" in parameters)) parameters.properties = properties;
    const out: ToolDef = { name: work.name, description: source.description, parameters: parameters as ObjectSchema };
    if (source.extra !== undefined) out.extra = cloneJson(source.extra);
    return out;
  },
};
