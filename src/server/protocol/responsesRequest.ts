/**
 * `POST /v1/responses` request: the subset tool calling needs, field names as in OpenAI's API
 * reference (and the `openai` package's `ResponseCreateParams`). The JSON schema checks types
 * only (unknown fields pass); input items, tools and the cross-field rules are checked in
 * serving/toResponsesPlan.ts, where errors can name the exact item (`input[3].call_id`).
 */

export type InputContentPart = { type: string; text?: string; refusal?: string } & Record<string, unknown>;

/** An input item: a message (`type` may be omitted), a function call, a call's output, or a type refused by name. */
export interface InputItem {
  type?: string;
  role?: string;
  content?: string | InputContentPart[];
  /** function_call, function_call_output */
  call_id?: string;
  /** function_call */
  name?: string;
  arguments?: string;
  /** function_call_output */
  output?: string | InputContentPart[];
  id?: string | null;
  status?: string | null;
}

export interface ResponsesFunctionTool {
  type: string;
  name?: string;
  description?: string | null;
  parameters?: Record<string, unknown> | null;
  strict?: boolean | null;
}

export type ResponsesToolChoice =
  | "none"
  | "auto"
  | "required"
  | { type: "function"; name: string }
  | { type: "allowed_tools"; mode: "auto" | "required"; tools: Array<{ type?: string; name?: string }> }
  | { type: string; [key: string]: unknown };

export type ResponsesTextFormat =
  | { type: "text" }
  | { type: "json_object" }
  | { type: "json_schema"; name: string; schema?: Record<string, unknown>; description?: string; strict?: boolean | null };

export interface ResponsesRequest {
  input: string | InputItem[];
  model?: string;
  background?: boolean | null;
  conversation?: unknown;
  include?: string[] | null;
  instructions?: string | null;
  max_output_tokens?: number | null;
  max_tool_calls?: number | null;
  metadata?: Record<string, string> | null;
  parallel_tool_calls?: boolean | null;
  previous_response_id?: string | null;
  prompt?: unknown;
  reasoning?: Record<string, unknown> | null;
  store?: boolean | null;
  stream?: boolean | null;
  stream_options?: Record<string, unknown> | null;
  temperature?: number | null;
  text?: { format?: ResponsesTextFormat; verbosity?: string | null } | null;
  tool_choice?: ResponsesToolChoice | null;
  tools?: ResponsesFunctionTool[] | null;
  top_logprobs?: number | null;
  top_p?: number | null;
  /** Extension: loop-aware decoding of tool calls and JSON answers (default: the server's, on). */
  loop_steering?: boolean | null;
  truncation?: "auto" | "disabled" | null;
  user?: string | null;
}

const nullable = (type: string | string[]) => ({ type: [...(Array.isArray(type) ? type : [type]), "null"] });

const textFormatSchema = {
  type: "object",
  required: ["type"],
  properties: { type: { enum: ["text", "json_object", "json_schema"] } },
  if: { properties: { type: { const: "json_schema" } } },
  then: { required: ["name"], properties: { name: { type: "string" }, schema: { type: "object" }, description: { type: "string" }, strict: nullable("boolean") } },
};

export const responsesRequestSchema = {
  type: "object",
  required: ["input"],
  properties: {
    input: { type: ["string", "array"], items: { type: "object" } },
    model: { type: "string" },
    background: nullable("boolean"),
    include: { type: ["array", "null"], items: { type: "string" } },
    instructions: nullable("string"),
    max_output_tokens: { ...nullable("integer"), minimum: 1 },
    max_tool_calls: { ...nullable("integer"), minimum: 1 },
    metadata: nullable("object"),
    parallel_tool_calls: nullable("boolean"),
    previous_response_id: nullable("string"),
    reasoning: nullable("object"),
    store: nullable("boolean"),
    stream: nullable("boolean"),
    stream_options: nullable("object"),
    temperature: { ...nullable("number"), minimum: 0, maximum: 2 },
    text: { type: ["object", "null"], properties: { format: textFormatSchema, verbosity: { enum: ["low", "medium", "high", null] } } },
    tool_choice: {
      type: ["string", "object", "null"],
      if: { type: "string" },
      then: { enum: ["none", "auto", "required"] },
      else: { required: ["type"], properties: { type: { type: "string" } } },
    },
    tools: { type: ["array", "null"], items: { type: "object", required: ["type"], properties: { type: { type: "string" } } } },
    top_logprobs: { ...nullable("integer"), minimum: 0, maximum: 20 },
    top_p: { ...nullable("number"), minimum: 0, maximum: 1 },
    loop_steering: nullable("boolean"),
    truncation: { enum: ["auto", "disabled", null] },
    user: nullable("string"),
  },
} as const;
