import type { JsonSchema, ToolDef } from "../types.js";
import { ANNOTATION, isAnnotationKey } from "./annotations.js";
import { copyEntry } from "./copyEntry.js";
import { transformSchema } from "./transformSchema.js";

export interface OpenAIFunction {
  name: string;
  description?: string;
  parameters?: JsonSchema;
  strict?: boolean;
  [key: string]: unknown;
}

export interface OpenAITool {
  type: "function";
  function: OpenAIFunction;
}

export interface ToOpenAIOptions {
  /**
   * Which `extra` keys to write into the function object: `"openai"` (default) only OpenAI's own
   * (`strict`), so tools from other formats (API-Bank's `return`) do not reach an API that
   * rejects unknown fields; `"all"` every one, for a lossless round trip of any OpenAI-shaped tool.
   */
  extra?: "openai" | "all";
}

const OPENAI_FUNCTION_KEYS = new Set(["strict"]);

/** The wrapped OpenAI form `{type: "function", function: {name, description, parameters, strict?}}`. */
export function toOpenAITool(tool: ToolDef, options: ToOpenAIOptions = {}): OpenAITool {
  return { type: "function", function: toOpenAIFunction(tool, options) };
}

/**
 * The bare OpenAI function (legacy `functions` entry). Annotations are removed, and with them
 * whatever a converter added (keys listed in `x-hammer-added`, a description or parameters the
 * source did not have), so an OpenAI tool round-trips exactly; `extra` keys follow (see options).
 */
export function toOpenAIFunction(tool: ToolDef, options: ToOpenAIOptions = {}): OpenAIFunction {
  const absent = new Set(Array.isArray(tool.parameters[ANNOTATION.absent]) ? (tool.parameters[ANNOTATION.absent] as string[]) : []);
  const out: OpenAIFunction = { name: tool.name };
  if (!absent.has("description")) out.description = tool.description;
  if (!absent.has("parameters")) out.parameters = plainSchema(tool.parameters, tool.name);
  const all = options.extra === "all";
  if (tool.extra) {
    for (const k of Object.keys(tool.extra)) {
      if ((all || OPENAI_FUNCTION_KEYS.has(k)) && !["name", "description", "parameters"].includes(k)) copyEntry(tool.extra, k, out);
    }
  }
  return out;
}

/** A copy of a canonical schema as plain JSON Schema: added keys and annotations removed. */
export function plainSchema(schema: JsonSchema, toolName = ""): JsonSchema {
  return transformSchema(
    schema,
    (node) => {
      const added = node[ANNOTATION.added];
      if (Array.isArray(added)) for (const k of added) if (typeof k === "string") delete node[k];
      for (const k of Object.keys(node)) if (isAnnotationKey(k)) delete node[k];
      return node;
    },
    toolName,
  );
}
