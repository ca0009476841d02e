/**
 * The shared vocabulary of hammer-fc. Every stage speaks these types; converters in
 * core/tools translate the many tool formats of the field into and out of them.
 */

/** A JSON Schema node (draft-07 / OpenAPI subset). Kept loose: tool authors write all sorts. */
export type JsonSchema = { [keyword: string]: unknown };

/** The parameters of a tool: always an object schema after conversion. */
export interface ObjectSchema extends JsonSchema {
  type: "object";
  properties: Record<string, JsonSchema>;
  required?: string[];
}

/**
 * The canonical tool model. `parameters` is standard JSON Schema; the converters record what
 * standard JSON Schema cannot say (xLAM's `List[int]`, BFCL's `float`/`tuple`, …) as
 * `x-hammer-*` annotations on the schema nodes, so conversions back are as lossless as possible.
 */
export interface ToolDef {
  name: string;
  description: string;
  parameters: ObjectSchema;
  /** Top-level keys of the source tool that have no place in the model (`return`, `responses`, …). */
  extra?: Record<string, unknown>;
}

/** One function call, as parsed from model output or given as a label. */
export interface ToolCall {
  name: string;
  arguments: Record<string, unknown>;
  /** OpenAI tool-call id, when the call came from or goes to an OpenAI-shaped message. */
  id?: string;
}

/** A conversation turn in the internal (OpenAI-like) shape. */
export type ChatMessage =
  | { role: "system"; content: string }
  | { role: "user"; content: string }
  | { role: "assistant"; content: string | null; toolCalls?: ToolCall[] }
  | { role: "tool"; content: string; toolCallId?: string; name?: string };

export type ChatRole = ChatMessage["role"];

/** OpenAI `tool_choice`, normalised. */
export type ToolChoice = "auto" | "none" | "required" | { type: "function"; function: { name: string } };
