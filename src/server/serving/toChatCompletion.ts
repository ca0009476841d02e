import type { AssistantTurn, FinishReason } from "../../engine/index.js";
import { ApiError } from "../errors/ApiError.js";
import type { ChatCompletion, ChatFinishReason, ResponseMessage, ResponseToolCall, ResponseUsage } from "../protocol/chatCompletion.js";

export interface ResponseMeta {
  id: string;
  created: number;
  model: string;
  fingerprint: string;
}

export function toUsage(turn: Pick<AssistantTurn, "usage">): ResponseUsage {
  const { promptTokens, completionTokens } = turn.usage;
  return { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens };
}

/** The engine's finish reason as OpenAI's; `abort` never reaches a client as a normal answer. */
export function toFinishReason(reason: FinishReason, legacy: boolean): ChatFinishReason {
  if (reason === "abort") throw new ApiError(503, "The generation was aborted.", { apiCode: "aborted" });
  if (reason === "tool_calls" && legacy) return "function_call";
  return reason;
}

export function toResponseMessage(turn: AssistantTurn, legacy: boolean): ResponseMessage {
  const calls: ResponseToolCall[] = turn.toolCalls.map((c) => ({ id: c.id, type: "function", function: { name: c.name, arguments: c.argumentsText } }));
  const message: ResponseMessage = { role: "assistant", content: turn.content ?? (calls.length > 0 ? null : ""), refusal: null };
  if (calls.length > 0) {
    if (legacy) message.function_call = (calls[0] as ResponseToolCall).function;
    else message.tool_calls = calls;
  }
  return message;
}

export function toChatCompletion(turn: AssistantTurn, meta: ResponseMeta, legacy: boolean): ChatCompletion {
  return {
    id: meta.id,
    object: "chat.completion",
    created: meta.created,
    model: meta.model,
    choices: [{ index: 0, message: toResponseMessage(turn, legacy), logprobs: null, finish_reason: toFinishReason(turn.finishReason, legacy) }],
    usage: toUsage(turn),
    system_fingerprint: meta.fingerprint,
  };
}
