import type { Decoding, GenerateRequest } from "../../engine/index.js";
import { invalidRequest } from "../errors/ApiError.js";
import type { ChatCompletionRequest } from "../protocol/chatCompletionRequest.js";
import type { ServerLimits } from "../ServerLimits.js";
import { jsonSchemaFormat } from "./jsonSchemaFormat.js";
import { toChatMessages } from "./toChatMessages.js";
import { toSampling } from "./toSampling.js";
import { toToolSet } from "./toToolSet.js";

export interface ChatPlan {
  /** Everything but the signal, which the serving path adds. */
  request: GenerateRequest;
  stream: boolean;
  includeUsage: boolean;
  /** Answer with the legacy `function_call` instead of `tool_calls`. */
  legacy: boolean;
}

export interface ChatPlanOptions {
  limits: ServerLimits;
  /** Hammer 2.1's second, unconstrained pass when `auto` yields no call. */
  textFallback: boolean;
  /** The server's decoding (`hammer serve --decoding`); default constrained. */
  decoding?: Decoding;
}

/**
 * A schema-valid chat request → the engine request, after the cross-field checks and limits
 * (vLLM's request validators): all client errors surface here as ApiError 400, before the
 * request takes a queue slot.
 */
export function toGenerateRequest(body: ChatCompletionRequest, options: ChatPlanOptions): ChatPlan {
  checkUnsupported(body);
  const messages = toChatMessages(body.messages, options.limits);
  const toolSet = toToolSet(body, options.limits);
  const maxParam = body.max_completion_tokens != null ? "max_completion_tokens" : "max_tokens";
  const sampling = toSampling(body, body.max_completion_tokens ?? body.max_tokens, maxParam, options.limits);
  const request: GenerateRequest = { messages, ...sampling };
  if (toolSet.tools) request.tools = toolSet.tools;
  if (toolSet.toolChoice !== undefined) request.toolChoice = toolSet.toolChoice;
  if (toolSet.parallelToolCalls !== undefined) request.parallelToolCalls = toolSet.parallelToolCalls;
  const rf = body.response_format;
  if (rf && rf.type !== "text") {
    if (rf.type === "json_object") request.responseFormat = { type: "json_object" };
    else request.responseFormat = jsonSchemaFormat(rf.json_schema.schema, rf.json_schema.name, "response_format.json_schema.schema");
  }
  if (options.textFallback) request.textFallback = true;
  if (options.decoding === "free") request.decoding = "free";
  return { request, stream: body.stream === true, includeUsage: body.stream_options?.include_usage === true, legacy: toolSet.legacy };
}

/** Parameters OpenAI has and this server cannot honour: a 400 naming the parameter, never silence. */
function checkUnsupported(body: ChatCompletionRequest): void {
  if (body.n != null && body.n !== 1) throw invalidRequest(`'n' must be 1: this server returns one choice per request (got ${body.n}).`, "n", "unsupported_parameter");
  if (body.logprobs === true) throw invalidRequest("'logprobs' is not supported by this server.", "logprobs", "unsupported_parameter");
  if (body.top_logprobs != null && body.top_logprobs > 0) throw invalidRequest("'top_logprobs' is not supported by this server.", "top_logprobs", "unsupported_parameter");
  for (const k of ["audio", "prediction", "web_search_options"] as const) {
    if (body[k] != null) throw invalidRequest(`'${k}' is not supported by this server.`, k, "unsupported_parameter");
  }
  if (body.modalities != null && body.modalities.some((m) => m !== "text")) {
    throw invalidRequest("Only the 'text' modality is supported by this server.", "modalities", "unsupported_parameter");
  }
}
