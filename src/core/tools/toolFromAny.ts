import { ToolSchemaError } from "../errors.js";
import { cloneJson, parseJson } from "../json/index.js";
import type { ToolDef } from "../types.js";
import { assertToolDef, jsonTypeOf } from "./assertToolDef.js";
import { copyEntry, isJsonObject } from "./copyEntry.js";
import { type BfclOptions, fromBfclFunction } from "./fromBfclFunction.js";
import { fromOpenAITool } from "./fromOpenAITool.js";
import { type FlatToolOptions, fromXlamTool } from "./fromXlamTool.js";

/**
 * Tool formats toolFromAny reads: `openai` (wrapped or bare function, JSON Schema parameters),
 * `xlam` (the flat family: xLAM, API-Bank, Seal-Tools, ToolAlpaca), `bfcl` (`type: "dict"`
 * docs), `canonical` (a ToolDef, e.g. read back from JSON).
 */
export type ToolFormat = "openai" | "xlam" | "bfcl" | "canonical";

export interface ToolFromAnyOptions {
  flat?: FlatToolOptions;
  bfcl?: BfclOptions;
}

/**
 * Which format a raw tool is in. The flat family is told from JSON Schema by its parameters:
 * JSON Schema has a string `type` (`"object"`, or BFCL's `"dict"`) or a `properties` map of
 * schemas, while a flat map's values are all parameter specs (a parameter may well be named
 * `type` or `properties`: its value is then an object, not a string or a map of objects).
 */
export function detectToolFormat(raw: unknown): ToolFormat {
  if (!isJsonObject(raw)) return "openai"; // fromOpenAITool reports the error
  if (raw.function !== undefined || raw.type === "function") return "openai";
  const params = raw.parameters;
  if (!isJsonObject(params)) return Array.isArray(raw.required) ? "xlam" : "openai";
  if (typeof params.type === "string") {
    if (params.type === "dict") return "bfcl";
    return isJsonObject(raw.extra) ? "canonical" : "openai";
  }
  const props = params.properties;
  if (isJsonObject(props) && Object.values(props).every(isJsonObject) && params.type === undefined && !Array.isArray(raw.required)) return "openai";
  if (Object.keys(params).length === 0 && !Array.isArray(raw.required)) return "openai";
  return "xlam";
}

/** Convert one tool in any supported format (detected unless `hint` names it). Throws ToolSchemaError naming the tool and the JSON path. */
export function toolFromAny(raw: unknown, hint?: ToolFormat, options: ToolFromAnyOptions = {}, index?: number): ToolDef {
  switch (hint ?? detectToolFormat(raw)) {
    case "openai":
      return fromOpenAITool(raw, index);
    case "xlam":
      return fromXlamTool(raw, options.flat, index);
    case "bfcl":
      return fromBfclFunction(raw, options.bfcl, index);
    case "canonical": {
      assertToolDef(raw, index);
      const tool: ToolDef = { name: raw.name, description: raw.description, parameters: cloneJson(raw.parameters) };
      const extra: Record<string, unknown> = cloneJson(raw.extra ?? {});
      for (const k of Object.keys(raw)) if (!["name", "description", "parameters", "extra"].includes(k)) copyEntry(raw as unknown as Record<string, unknown>, k, extra);
      if (Object.keys(extra).length > 0) tool.extra = extra;
      return tool;
    }
  }
}

/**
 * Convert a tool list: an array, or a JSON string of one (xLAM stores its tools so). Each tool's
 * format is detected on its own; for the flat ones, `required` is derived once for the whole set
 * (flags when any tool of the set uses `required` flags or lists, else the xLAM type rule; see
 * FlatRequiredRule). Duplicate names are not rejected here: see findDuplicateToolNames.
 */
export function toolsFromAny(raw: unknown, hint?: ToolFormat, options: ToolFromAnyOptions = {}): ToolDef[] {
  const list = typeof raw === "string" ? parseJson(raw, { source: "tools" }) : raw;
  if (!Array.isArray(list)) {
    throw new ToolSchemaError("<tools>", "", `expected a list of tools${typeof raw === "string" ? " (JSON text)" : ""}, got ${jsonTypeOf(list)}`);
  }
  const formats = list.map((t) => hint ?? detectToolFormat(t));
  const setUsesFlags = (options.flat?.requiredRule ?? "auto") === "auto" && list.some((t, i) => formats[i] === "xlam" && usesRequiredFlags(t));
  return list.map((t, i) => {
    let flat = options.flat;
    // A tool's own top-level `required` list still wins over flags (Seal-Tools has both).
    if (setUsesFlags && formats[i] === "xlam") flat = { ...flat, requiredRule: isJsonObject(t) && Array.isArray(t.required) ? "list" : "flags" };
    return toolFromAny(t, formats[i], { ...options, flat }, i);
  });
}

function usesRequiredFlags(raw: unknown): boolean {
  if (!isJsonObject(raw)) return false;
  if (Array.isArray(raw.required)) return true;
  return isJsonObject(raw.parameters) && Object.values(raw.parameters).some((p) => isJsonObject(p) && typeof p.required === "boolean");
}

