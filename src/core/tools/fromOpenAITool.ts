import { ToolSchemaError } from "../errors.js";
import type { ObjectSchema, ToolDef } from "../types.js";
import { ANNOTATION } from "./annotations.js";
import { checkSchemaTree, checkToolName, jsonTypeOf, toolLabel } from "./assertToolDef.js";
import { copyEntry, isJsonObject, moveEntry } from "./copyEntry.js";
import { checkJsonSize } from "./limits.js";
import { transformSchema } from "./transformSchema.js";

/**
 * Convert an OpenAI tool: the wrapped `{type: "function", function: {name, description?,
 * parameters?, strict?}}` or the bare function (also the legacy `functions` entries). The
 * schema is kept as it is (a deep copy); keys of the function other than name, description and
 * parameters (`strict`, …) go to `extra`. Keys the model needs but the source left out are
 * filled in and recorded, so toOpenAITool gives the source back: a missing description becomes
 * `""`, missing parameters `{type: "object", properties: {}}`, a missing `type`/`properties` on
 * parameters is added. Keys of the wrapper other than `type` and `function` are ignored.
 */
export function fromOpenAITool(raw: unknown, index?: number): ToolDef {
  let label = toolLabel(raw, index);
  if (!isJsonObject(raw)) throw new ToolSchemaError(label, "", `a tool must be an object, got ${jsonTypeOf(raw)}`);
  let fn = raw;
  let base = "";
  if (raw.function !== undefined || raw.type === "function") {
    if (raw.type !== undefined && raw.type !== "function") {
      throw new ToolSchemaError(label, "/type", `unsupported tool type ${JSON.stringify(raw.type)} (only "function" tools are supported)`, "SCHEMA_UNSUPPORTED");
    }
    if (!isJsonObject(raw.function)) throw new ToolSchemaError(label, "/function", `function must be an object, got ${jsonTypeOf(raw.function)}`);
    fn = raw.function;
    base = "/function";
    label = toolLabel(fn, index);
  }
  checkJsonSize(fn, label, base);
  const name = checkToolName(fn.name, label, `${base}/name`);
  const absent: string[] = [];
  if (fn.description === undefined) absent.push("description");
  else if (typeof fn.description !== "string") {
    throw new ToolSchemaError(label, `${base}/description`, `description must be a string, got ${jsonTypeOf(fn.description)}`);
  }
  let parameters: ObjectSchema;
  if (fn.parameters === undefined) {
    absent.push("parameters");
    parameters = { type: "object", properties: {} };
  } else {
    if (!isJsonObject(fn.parameters)) throw new ToolSchemaError(label, `${base}/parameters`, `parameters must be an object, got ${jsonTypeOf(fn.parameters)}`);
    parameters = toObjectSchema(fn.parameters, label, `${base}/parameters`);
  }
  if (absent.length > 0) parameters[ANNOTATION.absent] = absent;
  checkSchemaTree(parameters, label, `${base}/parameters`);
  const tool: ToolDef = { name, description: typeof fn.description === "string" ? fn.description : "", parameters };
  const extra: Record<string, unknown> = {};
  for (const k of Object.keys(fn)) if (k !== "name" && k !== "description" && k !== "parameters") copyEntry(fn, k, extra);
  if (Object.keys(extra).length > 0) tool.extra = extra;
  return tool;
}

/** A deep copy of `schema` as the tool's parameters: an object schema, with `type`/`properties` added when missing. */
function toObjectSchema(schema: Record<string, unknown>, label: string, path: string): ObjectSchema {
  if (schema.type !== undefined && schema.type !== "object") {
    const hint = schema.type === "dict" ? ' ("dict" is BFCL\'s spelling: use fromBfclFunction)' : "";
    throw new ToolSchemaError(label, `${path}/type`, `parameters must be an object schema, got type ${JSON.stringify(schema.type)}${hint}`);
  }
  const copy = transformSchema(schema, (n) => n, label, path);
  const added: string[] = [];
  const out: Record<string, unknown> = {};
  if (copy.type === undefined) {
    out.type = "object";
    added.push("type");
  }
  for (const k of Object.keys(copy)) moveEntry(copy, k, out);
  if (out.properties === undefined) {
    out.properties = {};
    added.push("properties");
  }
  if (added.length > 0) out[ANNOTATION.added] = added;
  return out as ObjectSchema;
}
