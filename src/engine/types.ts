import type { FormatName } from "../core/formats/types.js";
import type { ChatMessage, JsonSchema, ToolCall, ToolChoice, ToolDef } from "../core/types.js";

/** What the caller wants: an OpenAI chat request in internal shape. */
export interface GenerateRequest {
  messages: ChatMessage[];
  tools?: ToolDef[];
  /** Default: "auto" when tools are given, "none" otherwise. */
  toolChoice?: ToolChoice;
  /** false → at most one call. Default true. */
  parallelToolCalls?: boolean;
  /** Constrain a plain-text answer to JSON (json_object) or to a schema (json_schema). */
  responseFormat?: { type: "text" } | { type: "json_object" } | { type: "json_schema"; schema: JsonSchema; name?: string };
  /**
   * Hammer 2.1 behaviour for `auto`: when the model answers `[]` (no call), run a second,
   * unconstrained pass and return its text as the answer.
   */
  textFallback?: boolean;
  temperature?: number;
  topP?: number;
  seed?: number;
  maxTokens?: number;
  stop?: string[];
  signal?: AbortSignal;
}

export type FinishReason = "stop" | "tool_calls" | "length" | "abort";

export interface Usage {
  promptTokens: number;
  completionTokens: number;
}

/** A finished assistant turn. */
export interface AssistantTurn {
  content: string | null;
  /** Every call has an id (`call_…`) and validated arguments. */
  toolCalls: Array<ToolCall & { id: string }>;
  finishReason: FinishReason;
  usage: Usage;
  /** The raw model text, for debugging and for scoring outputs offline. */
  raw: string;
}

/** Streaming view of a turn: text deltas, then per call a start, argument fragments and an end. */
export type EngineEvent =
  | { type: "text"; delta: string }
  | { type: "tool_call_start"; index: number; id: string; name: string }
  | { type: "tool_call_arguments"; index: number; delta: string }
  | { type: "tool_call_end"; index: number }
  | { type: "done"; turn: AssistantTurn };

export interface CompletionRequest {
  prompt: string;
  temperature?: number;
  topP?: number;
  seed?: number;
  maxTokens?: number;
  stop?: string[];
  signal?: AbortSignal;
}

export interface CompletionResult {
  text: string;
  finishReason: "stop" | "length" | "abort";
  usage: Usage;
}

export interface EngineInfo {
  backend: "llama" | "openai";
  /** Model name reported to clients (file name or upstream model id). */
  model: string;
  format: FormatName;
  /** Number of requests decoded concurrently. */
  parallel: number;
  contextSize?: number;
}

/** The one interface the server and the evaluator use; backends: llama (in-process), openai (remote). */
export interface Engine {
  readonly info: EngineInfo;
  generate(request: GenerateRequest): Promise<AssistantTurn>;
  stream(request: GenerateRequest): AsyncIterable<EngineEvent>;
  /** Raw text completion (no chat template, no tools), for /v1/completions. */
  complete(request: CompletionRequest): Promise<CompletionResult>;
  /** Count tokens of a text (prompt-size limits, usage). */
  countTokens(text: string): Promise<number>;
  close(): Promise<void>;
}
