import { ToolSchemaError, isHammerError } from "../../core/errors.js";
import { fromOpenAITool } from "../../core/tools/index.js";
import type { ToolChoice, ToolDef } from "../../core/types.js";
import { assertValidTools } from "../../core/validate/index.js";
import { ApiError, invalidRequest, limitExceeded } from "../errors/ApiError.js";
import type { ChatCompletionRequest, RequestTool } from "../protocol/chatCompletionRequest.js";
import type { ServerLimits } from "../ServerLimits.js";

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
  const param = legacy ? "functions" : "tools";
  const raw = (legacy ? body.functions : body.tools) ?? [];
  if (raw.length > limits.maxTools) {
    throw limitExceeded(`Too many ${param}: ${raw.length} (the server's limit is ${limits.maxTools}).`, param);
  }
  if (!legacy) raw.forEach((t, i) => checkWrapper(t, i));
  const tools = raw.map((t, i) => convertTool(t, i, param));
  try {
    assertValidTools(tools, { uniqueNames: true });
  } catch (e) {
    const dup = e instanceof ToolSchemaError ? tools.findIndex((t) => t.name === e.toolName) : -1;
    throw toolError(e, param, dup >= 0 ? dup : undefined);
  }
  const choice = legacy ? legacyChoice(body.function_call) : (body.tool_choice ?? undefined);
  const choiceParam = legacy ? "function_call" : "tool_choice";
  if (choice === "required" || typeof choice === "object") {
    if (tools.length === 0) throw invalidRequest(`'${choiceParam}' ${JSON.stringify(choice)} needs '${param}'.`, choiceParam);
  }
  if (typeof choice === "object" && !tools.some((t) => t.name === choice.function.name)) {
    throw invalidRequest(
      `'${choiceParam}' names function ${JSON.stringify(choice.function.name)}, which is not among the ${param} (${tools.map((t) => t.name).join(", ")}).`,
      choiceParam,
      "unknown_function",
    );
  }
  return {
    tools: tools.length > 0 ? tools : undefined,
    toolChoice: choice,
    parallelToolCalls: legacy ? false : (body.parallel_tool_calls ?? undefined),
    legacy,
  };
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

function convertTool(raw: unknown, i: number, param: string): ToolDef {
  try {
    // A legacy `functions` entry is a bare function; fromOpenAITool accepts both shapes.
    return fromOpenAITool(raw, i);
  } catch (e) {
    throw toolError(e, param, i);
  }
}

function toolError(e: unknown, param: string, index: number | undefined): ApiError {
  const at = index === undefined ? param : `${param}[${index}]`;
  if (e instanceof ToolSchemaError) {
    const code = e.code === "SCHEMA_UNSUPPORTED" ? "unsupported_schema" : "invalid_tool";
    return new ApiError(400, `Invalid ${param}: ${e.message}.`, { param: at, apiCode: code, hammerCode: e.code, cause: e });
  }
  if (isHammerError(e)) return new ApiError(400, `Invalid ${param}: ${e.describe()}.`, { param: at, apiCode: "invalid_tool", cause: e });
  throw e;
}
