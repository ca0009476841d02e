/**
 * `POST /v1/chat/completions` request, fields in the order of OpenAI's API reference. The JSON
 * schema checks types only (unknown fields pass, nulls are allowed where clients send them);
 * cross-field rules and limits live in serving/checkChatRequest.ts so they can name the limit.
 */

export interface TextContentPart {
  type: string;
  text?: string;
}

export type MessageContent = string | TextContentPart[] | null;

export interface RequestToolCall {
  id?: string;
  type?: string;
  function: { name: string; arguments?: string };
}

export interface RequestMessage {
  role: "system" | "developer" | "user" | "assistant" | "tool" | "function";
  content?: MessageContent;
  name?: string | null;
  /** assistant */
  tool_calls?: RequestToolCall[] | null;
  /** assistant, legacy */
  function_call?: { name: string; arguments?: string } | null;
  /** tool */
  tool_call_id?: string | null;
  /** Tolerated and ignored (echoed assistant messages carry it). */
  refusal?: string | null;
}

export interface RequestTool {
  type?: string;
  function?: unknown;
}

export type RequestToolChoice = "none" | "auto" | "required" | { type: "function"; function: { name: string } };

export type ResponseFormat =
  | { type: "text" }
  | { type: "json_object" }
  | { type: "json_schema"; json_schema: { name: string; description?: string; schema?: Record<string, unknown>; strict?: boolean | null } };

export interface ChatCompletionRequest {
  messages: RequestMessage[];
  model?: string;
  audio?: unknown;
  frequency_penalty?: number | null;
  function_call?: "none" | "auto" | { name: string } | null;
  functions?: unknown[] | null;
  logit_bias?: Record<string, number> | null;
  logprobs?: boolean | null;
  /** Extension: loop-aware decoding of tool calls and JSON answers (default: the server's, on). */
  loop_steering?: boolean | null;
  max_completion_tokens?: number | null;
  max_tokens?: number | null;
  metadata?: Record<string, string> | null;
  modalities?: string[] | null;
  n?: number | null;
  parallel_tool_calls?: boolean | null;
  prediction?: unknown;
  presence_penalty?: number | null;
  reasoning_effort?: string | null;
  response_format?: ResponseFormat | null;
  seed?: number | null;
  service_tier?: string | null;
  stop?: string | string[] | null;
  store?: boolean | null;
  stream?: boolean | null;
  stream_options?: { include_usage?: boolean | null } | null;
  temperature?: number | null;
  tool_choice?: RequestToolChoice | null;
  tools?: RequestTool[] | null;
  top_logprobs?: number | null;
  top_p?: number | null;
  user?: string | null;
  web_search_options?: unknown;
}

const nullable = (type: string | string[]) => ({ type: [...(Array.isArray(type) ? type : [type]), "null"] });

const contentSchema = {
  type: ["string", "array", "null"],
  items: {
    type: "object",
    required: ["type"],
    properties: { type: { type: "string" }, text: { type: "string" } },
  },
};

const functionCallSchema = {
  type: "object",
  required: ["name"],
  properties: { name: { type: "string" }, arguments: { type: "string" } },
};

const messageSchema = {
  type: "object",
  required: ["role"],
  properties: {
    role: { enum: ["system", "developer", "user", "assistant", "tool", "function"] },
    content: contentSchema,
    name: nullable("string"),
    tool_calls: {
      type: ["array", "null"],
      items: {
        type: "object",
        required: ["function"],
        properties: { id: { type: "string" }, type: { type: "string" }, function: functionCallSchema },
      },
    },
    function_call: { ...functionCallSchema, type: ["object", "null"] },
    tool_call_id: nullable("string"),
    refusal: nullable("string"),
  },
};

const namedChoiceSchema = {
  type: "object",
  required: ["type", "function"],
  properties: {
    type: { const: "function" },
    function: { type: "object", required: ["name"], properties: { name: { type: "string" } } },
  },
};

const responseFormatSchema = {
  type: ["object", "null"],
  required: ["type"],
  properties: { type: { enum: ["text", "json_object", "json_schema"] } },
  if: { properties: { type: { const: "json_schema" } } },
  then: {
    required: ["json_schema"],
    properties: {
      json_schema: {
        type: "object",
        required: ["name"],
        properties: { name: { type: "string" }, description: { type: "string" }, schema: { type: "object" }, strict: nullable("boolean") },
      },
    },
  },
};

export const chatCompletionRequestSchema = {
  type: "object",
  required: ["messages"],
  properties: {
    messages: { type: "array", minItems: 1, items: messageSchema },
    model: { type: "string" },
    frequency_penalty: { ...nullable("number"), minimum: -2, maximum: 2 },
    function_call: {
      type: ["string", "object", "null"],
      if: { type: "string" },
      then: { enum: ["none", "auto"] },
      else: { required: ["name"], properties: { name: { type: "string" } } },
    },
    functions: { type: ["array", "null"], items: { type: "object" } },
    logit_bias: nullable("object"),
    logprobs: nullable("boolean"),
    max_completion_tokens: { ...nullable("integer"), minimum: 1 },
    max_tokens: { ...nullable("integer"), minimum: 1 },
    metadata: nullable("object"),
    modalities: { type: ["array", "null"], items: { type: "string" } },
    n: { ...nullable("integer"), minimum: 1 },
    parallel_tool_calls: nullable("boolean"),
    presence_penalty: { ...nullable("number"), minimum: -2, maximum: 2 },
    reasoning_effort: nullable("string"),
    response_format: responseFormatSchema,
    seed: nullable("integer"),
    loop_steering: nullable("boolean"),
    service_tier: nullable("string"),
    stop: { type: ["string", "array", "null"], items: { type: "string" } },
    store: nullable("boolean"),
    stream: nullable("boolean"),
    stream_options: { type: ["object", "null"], properties: { include_usage: nullable("boolean") } },
    temperature: { ...nullable("number"), minimum: 0, maximum: 2 },
    tool_choice: {
      type: ["string", "object", "null"],
      if: { type: "string" },
      then: { enum: ["none", "auto", "required"] },
      else: namedChoiceSchema,
    },
    tools: { type: ["array", "null"], items: { type: "object" } },
    top_logprobs: { ...nullable("integer"), minimum: 0, maximum: 20 },
    top_p: { ...nullable("number"), minimum: 0, maximum: 1 },
    user: nullable("string"),
  },
} as const;
