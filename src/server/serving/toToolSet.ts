import type { ToolChoice, ToolDef } from "../../core/types.js";
import { invalidRequest } from "../errors/ApiError.js";
import type { ChatCompletionRequest, RequestTool } from "../protocol/chatCompletionRequest.js";
import type { ServerLimits } from "../ServerLimits.js";
import { checkTools } from "./checkTools.js";

export interface ToolSet {
  tools: ToolDef[] | undefined;
  toolChoice: ToolChoice | undefined;
  parallelToolCalls: boolean | undefined;
  /** The request used the legacy `functions`/`function_call`: answer with `function_call`, at most one call. */
  legacy: boolean;
}

/**
 * The request's tools, tool_choice and parallel_tool_calls, checked as OpenAI does: tools are
 * valid function tools with unique names, `required`/named choice need tools, a named choice
 * must name one of them, `tools` and the legacy `functions` are not mixed. An empty `tools`
 * list means no tools.
 */
export function toToolSet(body: ChatCompletionRequest, limits: Pick<ServerLimits, "maxTools">): ToolSet {
  const hasTools = (body.tools?.length ?? 0) > 0;
  const hasFunctions = (body.functions?.length ?? 0) > 0;
  if (hasTools && hasFunctions) throw invalidRequest("Use either 'tools' or the deprecated 'functions', not both.", "functions");
  if (body.tool_choice != null && body.function_call != null) {
    throw invalidRequest("Use either 'tool_choice' or the deprecated 'function_call', not both.", "function_call");
  }
  const legacy = hasFunctions || (body.function_call != null && !hasTools);
  const raw = (legacy ? body.functions : body.tools) ?? [];
  // A legacy `functions` entry is a bare function; checkTools accepts both shapes.
  if (!legacy && raw.length <= limits.maxTools) raw.forEach((t, i) => checkWrapper(t, i));
  const choice = legacy ? legacyChoice(body.function_call) : (body.tool_choice ?? undefined);
  const checked = legacy ? checkTools(raw, choice, "functions", "function_call", limits) : checkTools(raw, choice, "tools", "tool_choice", limits);
  return { ...checked, parallelToolCalls: legacy ? false : (body.parallel_tool_calls ?? undefined), legacy };
}

function legacyChoice(fc: ChatCompletionRequest["function_call"]): ToolChoice | undefined {
  if (fc == null) return undefined;
  if (typeof fc === "string") return fc;
  return { type: "function", function: { name: fc.name } };
}

/** A `tools` entry is `{type: "function", function: {…}}`; other tool types (retrieval, web search, …) do not exist here. */
function checkWrapper(raw: unknown, i: number): void {
  const t = raw as RequestTool;
  if (t.type !== "function") {
    throw invalidRequest(`Tool type ${JSON.stringify(t.type ?? null)} is not supported: only "function" tools are.`, `tools[${i}].type`, "unsupported_tool_type");
  }
  if (t.function === null || typeof t.function !== "object" || Array.isArray(t.function)) {
    throw invalidRequest("A function tool needs a 'function' object.", `tools[${i}].function`, "missing_required_parameter");
  }
}
