import type { ToolChoice } from "../../core/types.js";
import type { Decoding, GenerateRequest } from "../../engine/index.js";
import { invalidRequest } from "../errors/ApiError.js";
import type { EchoedFunctionTool } from "../protocol/response.js";
import type { ResponsesRequest, ResponsesTextFormat, ResponsesToolChoice } from "../protocol/responsesRequest.js";
import type { ServerLimits } from "../ServerLimits.js";
import { checkTools } from "./checkTools.js";
import { jsonSchemaFormat } from "./jsonSchemaFormat.js";
import { toInputMessages } from "./toInputMessages.js";
import { toSampling } from "./toSampling.js";

/** What a Response echoes of its request. */
export interface ResponsesEcho {
  instructions: string | null;
  maxOutputTokens: number | null;
  maxToolCalls: number | null;
  parallelToolCalls: boolean;
  temperature: number | null;
  topP: number | null;
  format: ResponsesTextFormat;
  toolChoice: ResponsesToolChoice;
  tools: EchoedFunctionTool[];
  user: string | null;
  metadata: Record<string, string>;
}

export interface ResponsesPlan {
  /** Everything but the signal, which the serving path adds. */
  request: GenerateRequest;
  stream: boolean;
  echo: ResponsesEcho;
}

/** `include` values with nothing to include here: the model does not reason (BFCL's handler asks for this one). */
const HARMLESS_INCLUDES = new Set(["reasoning.encrypted_content"]);

/**
 * A schema-valid Responses request → the engine request, through the same checks as chat
 * completions (tools and tool_choice by checkTools, sampling and limits by toSampling, schemas
 * of `text.format`): every client error is a 400 here, before the request takes a queue slot.
 * What needs stored state (`previous_response_id`, `conversation`, item references) or hosted
 * tools is refused by name. `reasoning` and `store` are accepted: nothing reasons, nothing is
 * stored (the Response says `store: false`).
 */
export function toResponsesPlan(body: ResponsesRequest, options: { limits: ServerLimits; textFallback: boolean; decoding?: Decoding }): ResponsesPlan {
  checkUnsupported(body);
  const messages = toInputMessages(body.instructions, body.input, options.limits);
  const rawTools = body.tools ?? [];
  rawTools.forEach((t, i) => {
    if (t.type !== "function") {
      throw invalidRequest(`Tool type ${JSON.stringify(t.type)} is not supported: only "function" tools are (no hosted tools).`, `tools[${i}].type`, "unsupported_tool_type");
    }
  });
  const bare = rawTools.map(({ name, description, parameters }) => ({
    name,
    ...(description != null ? { description } : {}),
    ...(parameters != null ? { parameters } : {}),
  }));
  const { choice, allowed } = toChoice(body.tool_choice);
  const checked = checkTools(bare, choice, "tools", "tool_choice", options.limits);
  let tools = checked.tools;
  if (allowed && tools) {
    allowed.forEach((name, j) => {
      if (!tools!.some((t) => t.name === name)) {
        throw invalidRequest(`'tool_choice.tools[${j}]' names function ${JSON.stringify(name)}, which is not among the tools.`, `tool_choice.tools[${j}].name`, "unknown_function");
      }
    });
    tools = tools.filter((t) => allowed.includes(t.name));
  }
  const sampling = toSampling(body, body.max_output_tokens, "max_output_tokens", options.limits);
  const request: GenerateRequest = { messages, ...sampling };
  if (tools) request.tools = tools;
  if (checked.toolChoice !== undefined) request.toolChoice = checked.toolChoice;
  if (body.parallel_tool_calls != null) request.parallelToolCalls = body.parallel_tool_calls;
  const format: ResponsesTextFormat = body.text?.format ?? { type: "text" };
  if (format.type === "json_object") request.responseFormat = { type: "json_object" };
  else if (format.type === "json_schema") request.responseFormat = jsonSchemaFormat(format.schema, format.name, "text.format.schema");
  if (options.textFallback) request.textFallback = true;
  if (options.decoding === "free") request.decoding = "free";
  return {
    request,
    stream: body.stream === true,
    echo: {
      instructions: body.instructions ?? null,
      maxOutputTokens: body.max_output_tokens ?? null,
      maxToolCalls: body.max_tool_calls ?? null,
      parallelToolCalls: body.parallel_tool_calls ?? true,
      temperature: body.temperature ?? null,
      topP: body.top_p ?? null,
      format,
      toolChoice: body.tool_choice ?? "auto",
      tools: rawTools.map((t) => ({ type: "function", name: t.name ?? "", description: t.description ?? null, parameters: t.parameters ?? null, strict: t.strict ?? null })),
      user: body.user ?? null,
      metadata: body.metadata ?? {},
    },
  };
}

/** Responses' tool_choice → the engine's, plus the names an `allowed_tools` choice keeps. */
function toChoice(choice: ResponsesToolChoice | null | undefined): { choice: ToolChoice | undefined; allowed?: string[] } {
  if (choice == null) return { choice: undefined };
  if (typeof choice === "string") return { choice };
  if (choice.type === "function") {
    if (typeof choice.name !== "string") throw invalidRequest("Missing required parameter: 'tool_choice.name'.", "tool_choice.name", "missing_required_parameter");
    return { choice: { type: "function", function: { name: choice.name } } };
  }
  if (choice.type === "allowed_tools") {
    const { mode, tools } = choice as { mode?: unknown; tools?: unknown };
    if (mode !== "auto" && mode !== "required") throw invalidRequest(`'tool_choice.mode' must be "auto" or "required".`, "tool_choice.mode", "invalid_value");
    if (!Array.isArray(tools)) throw invalidRequest("Missing required parameter: 'tool_choice.tools'.", "tool_choice.tools", "missing_required_parameter");
    const names = tools.map((t: unknown, j) => {
      const entry = t as { type?: unknown; name?: unknown } | null;
      if (entry?.type !== "function" || typeof entry.name !== "string") {
        throw invalidRequest(`Only function tools can be allowed: expected {"type": "function", "name": …}.`, `tool_choice.tools[${j}]`, "unsupported_tool_type");
      }
      return entry.name;
    });
    return { choice: mode, allowed: names };
  }
  throw invalidRequest(`'tool_choice' of type ${JSON.stringify(choice.type)} is not supported: only function tools exist here.`, "tool_choice.type", "unsupported_tool_type");
}

/** Parameters this server cannot honour: a 400 naming the parameter, never silence. */
function checkUnsupported(body: ResponsesRequest): void {
  const stored = "this server stores no responses or conversations: send the whole conversation in 'input'";
  if (body.previous_response_id != null) throw invalidRequest(`'previous_response_id' is not supported: ${stored}.`, "previous_response_id", "unsupported_parameter");
  if (body.conversation != null) throw invalidRequest(`'conversation' is not supported: ${stored}.`, "conversation", "unsupported_parameter");
  if (body.prompt != null) throw invalidRequest("'prompt' (stored prompt templates) is not supported by this server.", "prompt", "unsupported_parameter");
  if (body.background === true) throw invalidRequest("'background' is not supported by this server.", "background", "unsupported_parameter");
  if (body.top_logprobs != null && body.top_logprobs > 0) throw invalidRequest("'top_logprobs' is not supported by this server.", "top_logprobs", "unsupported_parameter");
  if (body.truncation === "auto") throw invalidRequest("'truncation': 'auto' is not supported: this server does not drop input items.", "truncation", "unsupported_parameter");
  const verbosity = body.text?.verbosity;
  if (verbosity != null && verbosity !== "medium") throw invalidRequest("'text.verbosity' is not supported by this server (only 'medium').", "text.verbosity", "unsupported_parameter");
  (body.include ?? []).forEach((v, i) => {
    if (!HARMLESS_INCLUDES.has(v)) throw invalidRequest(`'include' value ${JSON.stringify(v)} is not supported by this server.`, `include[${i}]`, "unsupported_parameter");
  });
}
