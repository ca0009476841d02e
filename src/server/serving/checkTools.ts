import { ToolSchemaError, isHammerError } from "../../core/errors.js";
import { fromOpenAITool } from "../../core/tools/index.js";
import type { ToolChoice, ToolDef } from "../../core/types.js";
import { assertValidTools, toolChoiceProblem } from "../../core/validate/index.js";
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
  if (choice !== undefined) checkChoice(choice, tools, param, choiceParam);
  return { tools: tools.length > 0 ? tools : undefined, toolChoice: choice };
}

/** The engine's tool_choice rules (core's toolChoiceProblem), worded with this request's field names. */
function checkChoice(choice: ToolChoice, tools: readonly ToolDef[], param: string, choiceParam: string): void {
  const problem = toolChoiceProblem(choice, tools);
  switch (problem?.reason) {
    case undefined:
      return;
    case "needs_tools":
      throw invalidRequest(`'${choiceParam}' ${JSON.stringify(choice)} needs '${param}'.`, choiceParam);
    case "unknown_function":
      throw invalidRequest(`'${choiceParam}' names function ${JSON.stringify(problem.toolName)}, which is not among the ${param} (${tools.map((t) => t.name).join(", ")}).`, choiceParam, "unknown_function");
    case "malformed":
      throw invalidRequest(`Invalid '${choiceParam}': ${problem.message}.`, choiceParam);
  }
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
