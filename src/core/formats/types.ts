import type { ChatMessage, ToolCall, ToolDef } from "../types.js";

export type FormatName = "hammer" | "hammer-train" | "hammer2.1" | "hammer2.1-hf" | "qwen" | "xlam" | "template";

/**
 * How a format writes tool calls in model output. The grammar compiler builds its top-level rule
 * from this, the parser reads it back.
 * - `json-list`: `open` + JSON array of `{"name", "arguments"}` + `close` (Hammer: "```\n[...]\n```";
 *   with `wrapperKey` the array sits inside `{"<wrapperKey>": [...]}` as in xLAM). "No call" is `[]`.
 * - `tagged`: each call is `callOpen` + `{"name", "arguments"}` + `callClose`, calls joined by
 *   `separator`, optionally preceded by free text (Qwen2.5 hermes `<tool_call>` blocks).
 */
export type CallSyntax =
  | { kind: "json-list"; open: string; close: string; wrapperKey?: string }
  | { kind: "tagged"; callOpen: string; callClose: string; separator: string };

export interface RenderOptions {
  /** End the prompt with the assistant header so the model continues as the assistant (default true). */
  addGenerationPrompt?: boolean;
}

/** What a format made of a model's output. */
export interface ParsedOutput {
  /** Calls found; `[]` means the model chose not to call. */
  calls: ToolCall[];
  /** Text outside the call block (prose), or null when there was none. */
  content: string | null;
}

/** A prompt format: renders conversations with tools and parses its own outputs. */
export interface PromptFormat {
  readonly name: FormatName;
  /** Tool-call syntax of the model's output in this format. */
  readonly callSyntax: CallSyntax;
  /** Strings that end a model turn (e.g. `<|im_end|>`). */
  readonly stopStrings: readonly string[];
  /** Full prompt text (with special tokens) for a conversation and tool set. */
  render(messages: readonly ChatMessage[], tools: readonly ToolDef[], options?: RenderOptions): string;
  /** Parse a model output in this format; throws OutputParseError when it holds no recognisable call block. */
  parse(output: string): ParsedOutput;
  /** Text of an assistant turn that makes these calls, as the model was trained to write it. */
  renderCalls(calls: readonly ToolCall[]): string;
}

/**
 * A conversation turn with a free-form role, as datasets store them (API-Bank uses `agent` for
 * the AI's text and `assistant` for its API requests). The low-level renderers take these so
 * the eval sets can be rendered without mapping roles.
 */
export interface RawTurn {
  role: string;
  content: string;
}
