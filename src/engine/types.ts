import type { FormatName } from "../core/formats/types.js";
import type { ChatMessage, JsonSchema, ToolCall, ToolChoice, ToolDef } from "../core/types.js";

/** What the caller wants: an OpenAI chat request in internal shape. */
export interface GenerateRequest {
  messages: ChatMessage[];
  tools?: ToolDef[];
  /** Default: "auto" when tools are given, "none" otherwise. A named tool must be in `tools`. */
  toolChoice?: ToolChoice;
  /** false → at most one call. Default true. */
  parallelToolCalls?: boolean;
  /**
   * Constrain the plain-text answer to JSON (json_object) or to a schema (json_schema). It applies
   * to the text pass: tool choice "none" (or no tools), and the `textFallback` pass.
   */
  responseFormat?: { type: "text" } | { type: "json_object" } | { type: "json_schema"; schema: JsonSchema; name?: string };
  /**
   * Hammer 2.1 behaviour for `auto`: when the model answers with no call (`[]`), run a second,
   * unconstrained pass without tools and return its text as the answer. Default false.
   */
  textFallback?: boolean;
  /** Sampling temperature; 0 = greedy. Default: the engine's (0 unless configured). */
  temperature?: number;
  /** Nucleus sampling, (0, 1]. Default 1 (off). */
  topP?: number;
  /** Sampling seed (same seed and prompt → same output on one machine). Default: random. */
  seed?: number;
  /** Most tokens to generate per pass. Default: what the context has room for. */
  maxTokens?: number;
  /**
   * Loop-aware decoding of tool calls and JSON answers: a value caught in a degenerate repetition
   * is steered to close (within the grammar). Default: the engine's `loopSteering` (on).
   */
  loopSteering?: boolean;
  /**
   * Stop strings for plain-text passes (they are not part of the answer). Tool-call and JSON
   * passes end where their grammar ends, so `stop` cannot cut a call or a JSON answer in half.
   */
  stop?: string[];
  signal?: AbortSignal;
  /** A LoRA adapter the engine loaded (EngineInfo.adapters), by name; default the base model. */
  adapter?: string;
  /**
   * `constrained` (default): the grammar guarantees the call syntax and the tools' schemas.
   * `free`: no grammar at all (as a server without constrained decoding): calls are parsed from
   * the text but not checked against their schemas, and text that does not parse as the format's
   * call block is the answer. For measuring what the grammar buys (`hammer eval run --decoding`).
   */
  decoding?: Decoding;
}

/** How a turn is decoded: under the grammar, or free (GenerateRequest.decoding). */
export type Decoding = "constrained" | "free";
export const DECODINGS: readonly Decoding[] = Object.freeze(["constrained", "free"]);

/** Why generation ended: `tool_calls` (calls made), `stop` (natural end or stop string), `length` (token limit), `abort` (signal or engine closed). */
export type FinishReason = "stop" | "tool_calls" | "length" | "abort";

export interface Usage {
  /** Prompt tokens as the tokenizer counts them (both passes with `textFallback`). */
  promptTokens: number;
  /** Tokens generated, the end-of-generation token not included. */
  completionTokens: number;
}

/** A call of a finished turn. */
export interface TurnToolCall extends ToolCall {
  /** `call_` + random characters, unique per call. */
  id: string;
  /** The arguments JSON exactly as generated (so `5.0` stays `5.0`); `arguments` is its parse. */
  argumentsText: string;
}

/** A finished assistant turn. */
export interface AssistantTurn {
  /** Text outside the calls, or null when there is none. */
  content: string | null;
  /**
   * Every call has an id and arguments valid for its tool's schema (with `decoding: "free"`: a
   * JSON object, unchecked). Empty unless `finishReason` is `tool_calls`.
   */
  toolCalls: TurnToolCall[];
  finishReason: FinishReason;
  usage: Usage;
  /** The raw model text (the tool pass's with `textFallback`), for debugging and offline scoring. */
  raw: string;
}

/**
 * Streaming view of a turn: text deltas, then per call a start, argument fragments (as generated)
 * and an end, then `done`. Tool-call events are provisional until `done`: when the turn is cut
 * (`length`, `abort`), `done` carries no calls even if a call had started.
 */
export type EngineEvent =
  | { type: "text"; delta: string }
  | { type: "tool_call_start"; index: number; id: string; name: string }
  | { type: "tool_call_arguments"; index: number; delta: string }
  | { type: "tool_call_end"; index: number }
  | { type: "done"; turn: AssistantTurn };

/** A raw text completion (no chat template, no tools), for /v1/completions. */
export interface CompletionRequest {
  prompt: string;
  temperature?: number;
  topP?: number;
  seed?: number;
  maxTokens?: number;
  stop?: string[];
  signal?: AbortSignal;
  /** Called with each piece of text as it is generated (the pieces concatenate to `text`). */
  onText?: (delta: string) => void;
  /** A LoRA adapter the engine loaded (EngineInfo.adapters), by name; default the base model. */
  adapter?: string;
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
  /** Prompt format used to render chats with tools (llama backend and openai `completions` mode). */
  format: FormatName;
  /** Number of requests decoded concurrently; more wait in FIFO order. */
  parallel: number;
  /** Tokens per sequence (prompt + output), when known. */
  contextSize?: number;
  /** LoRA adapters a request may select (`adapter`), by name (llama backend). */
  adapters?: readonly string[];
}

/** The one interface the server and the evaluator use; backends: llama (in-process), openai (remote). */
export interface Engine {
  readonly info: EngineInfo;
  generate(request: GenerateRequest): Promise<AssistantTurn>;
  stream(request: GenerateRequest): AsyncIterable<EngineEvent>;
  /** Raw text completion (no chat template, no tools), for /v1/completions. */
  complete(request: CompletionRequest): Promise<CompletionResult>;
  /** Count tokens of a text (special-token text counts as one token); remote backends approximate. */
  countTokens(text: string): Promise<number>;
  /** Abort in-flight requests, reject queued and later ones, free the model. Idempotent. */
  close(): Promise<void>;
}
