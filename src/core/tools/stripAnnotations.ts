import type { JsonSchema, ObjectSchema, ToolDef } from "../types.js";
import { isAnnotationKey } from "./annotations.js";
import { transformSchema } from "./transformSchema.js";

/**
 * A copy of `schema` without `x-hammer-*` annotation keys (on schema nodes only: a property
 * that happens to be named `x-hammer-…` is kept). This is the schema a model or a client sees.
 */
export function stripAnnotations<S extends JsonSchema>(schema: S, toolName = ""): S {
  return transformSchema(
    schema,
    (node) => {
      for (const k of Object.keys(node)) if (isAnnotationKey(k)) delete node[k];
      return node;
    },
    toolName,
  ) as S;
}

/** The tool with annotation-free parameters (extra is dropped: it is source-format baggage). */
export function stripToolAnnotations(tool: ToolDef): ToolDef {
  return { name: tool.name, description: tool.description, parameters: stripAnnotations<ObjectSchema>(tool.parameters, tool.name) };
}
