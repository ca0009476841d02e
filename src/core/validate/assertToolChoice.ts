import { ToolChoiceError } from "../grammar/errors.js";
import type { ToolChoice } from "../types.js";
import { toolChoiceProblem } from "./toolChoiceProblem.js";

/** Throw ToolChoiceError (INPUT_INVALID at `tool_choice`) unless `choice` is valid for these tools (see toolChoiceProblem). */
export function assertToolChoice(choice: unknown, tools: ReadonlyArray<{ name?: unknown } | null | undefined>): asserts choice is ToolChoice {
  const problem = toolChoiceProblem(choice, tools);
  if (problem) throw new ToolChoiceError(problem.message, problem.toolName);
}
