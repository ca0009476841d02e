/** `POST /v1/chat/completions` responses: the full object and the stream chunks, in OpenAI's field order. */

export type ChatFinishReason = "stop" | "length" | "tool_calls" | "function_call";

export interface ResponseUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

export interface ResponseToolCall {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
}

export interface ResponseMessage {
  role: "assistant";
  content: string | null;
  refusal: null;
  tool_calls?: ResponseToolCall[];
  /** Only when the request used the legacy `functions`. */
  function_call?: { name: string; arguments: string };
}

export interface ChatCompletion {
  id: string;
  object: "chat.completion";
  created: number;
  model: string;
  choices: Array<{ index: 0; message: ResponseMessage; logprobs: null; finish_reason: ChatFinishReason }>;
  usage: ResponseUsage;
  system_fingerprint: string;
}

export interface ToolCallDelta {
  index: number;
  id?: string;
  type?: "function";
  function: { name?: string; arguments: string };
}

export interface ChunkDelta {
  role?: "assistant";
  content?: string | null;
  tool_calls?: ToolCallDelta[];
  function_call?: { name?: string; arguments: string };
}

export interface ChatCompletionChunk {
  id: string;
  object: "chat.completion.chunk";
  created: number;
  model: string;
  system_fingerprint: string;
  choices: Array<{ index: 0; delta: ChunkDelta; logprobs: null; finish_reason: ChatFinishReason | null }>;
  /** With `stream_options.include_usage`: null on every chunk but the last, which has no choices. */
  usage?: ResponseUsage | null;
}
