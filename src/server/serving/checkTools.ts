import { ToolSchemaError, isHammerError } from "../../core/errors.js";
import { fromOpenAITool } from "../../core/tools/index.js";
import type { ToolChoice, ToolDef } from "../../core/types.js";
import { assertValidTools } from "../../core/validate/index.js";
import { ApiError, invalidRequest, limitExceeded } from "../errors/ApiError.js";
import type { ServerLimits } from "../ServerLimits.js";

export interface CheckedTools {
  tools: ToolDef[] | undefined;
  toolChoice: ToolChoice | undefined;
}

/**
 * Function tools (OpenAI's `{type: "function", function: {…}}` or a bare function object) and a
 * tool choice, checked as OpenAI does, for every endpoint: at most `maxTools`, valid schemas,
 * unique names, a `required` or named choice needs tools, a named choice names one of them.
 * `param` and `choiceParam` are the request fields errors name (`tools`, `tool_choice`).
 */
export function checkTools(raw: readonly unknown[], choice: ToolChoice | undefined, param: string, choiceParam: string, limits: Pick<ServerLimits, "maxTools">): CheckedTools {
  if (raw.length > limits.maxTools) {
    throw limitExceeded(`Too many ${param}: ${raw.length} (the server's limit is ${limits.maxTools}).`, param);
  }
  const tools = raw.map((t, i) => convertTool(t, i, param));
  try {
    assertValidTools(tools, { uniqueNames: true });
  } catch (e) {
    const dup = e instanceof ToolSchemaError ? tools.findIndex((t) => t.name === e.toolName) : -1;
    throw toolError(e, param, dup >= 0 ? dup : undefined);
  }
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
  return { tools: tools.length > 0 ? tools : undefined, toolChoice: choice };
}

function convertTool(raw: unknown, i: number, param: string): ToolDef {
  try {
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
