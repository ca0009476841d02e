import type { AssistantTurn } from "../../engine/index.js";
import type { FunctionCallItem, OutputItem, OutputMessage, ResponseObject, ResponseStatus, ResponsesUsage } from "../protocol/response.js";
import { itemId } from "./responseId.js";
import type { ResponsesEcho } from "./toResponsesPlan.js";

export interface ResponsesMeta {
  id: string;
  createdAt: number;
  model: string;
  echo: ResponsesEcho;
}

export function toResponsesUsage(turn: Pick<AssistantTurn, "usage">): ResponsesUsage {
  const { promptTokens, completionTokens } = turn.usage;
  return {
    input_tokens: promptTokens,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: completionTokens,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: promptTokens + completionTokens,
  };
}

/** A Response in any state: `in_progress` (stream start) with no output, or finished with its items. */
export function responseObject(meta: ResponsesMeta, status: ResponseStatus, output: OutputItem[], usage: ResponsesUsage | null, error: ResponseObject["error"] = null): ResponseObject {
  const e = meta.echo;
  return {
    id: meta.id,
    object: "response",
    created_at: meta.createdAt,
    status,
    background: false,
    completed_at: status === "completed" ? Math.floor(Date.now() / 1000) : null,
    error,
    incomplete_details: status === "incomplete" ? { reason: "max_output_tokens" } : null,
    instructions: e.instructions,
    max_output_tokens: e.maxOutputTokens,
    max_tool_calls: e.maxToolCalls,
    model: meta.model,
    output,
    parallel_tool_calls: e.parallelToolCalls,
    previous_response_id: null,
    reasoning: { effort: null, summary: null },
    store: false,
    temperature: e.temperature,
    text: { format: e.format, verbosity: "medium" },
    tool_choice: e.toolChoice,
    tools: e.tools,
    top_p: e.topP,
    truncation: "disabled",
    usage,
    user: e.user,
    metadata: e.metadata,
  };
}

/** `incomplete` when cut by `max_output_tokens` (the engine then drops any call), else `completed`. */
export function statusOf(turn: AssistantTurn): "completed" | "incomplete" {
  return turn.finishReason === "length" ? "incomplete" : "completed";
}

export function outputMessage(id: string, text: string, status: OutputMessage["status"]): OutputMessage {
  return { id, type: "message", role: "assistant", status, content: [{ type: "output_text", text, annotations: [], logprobs: [] }] };
}

export function functionCallItem(id: string, callId: string, name: string, args: string, status: FunctionCallItem["status"]): FunctionCallItem {
  return { id, type: "function_call", status, call_id: callId, name, arguments: args };
}

/**
 * A finished turn as a non-streamed Response: the text (if any, or when there is no call) as one
 * assistant message, then one `function_call` item per call, `call_id` being the call's id.
 */
export function toResponseObject(turn: AssistantTurn, meta: ResponsesMeta): ResponseObject {
  const status = statusOf(turn);
  const output: OutputItem[] = [];
  if ((turn.content !== null && turn.content !== "") || turn.toolCalls.length === 0) output.push(outputMessage(itemId("msg"), turn.content ?? "", status));
  for (const c of turn.toolCalls) output.push(functionCallItem(itemId("fc"), c.id, c.name, c.argumentsText, "completed"));
  return responseObject(meta, status, output, toResponsesUsage(turn));
}
