import { HammerError } from "../errors.js";

/** A size cap of the compiler was hit (see GRAMMAR_LIMITS); `what` names the cap. */
export class GrammarLimitError extends HammerError {
  constructor(
    readonly what: string,
    readonly limit: number,
    location: string,
  ) {
    super("LIMIT_EXCEEDED", `${what} exceeds the grammar limit of ${limit}`, { location });
  }
}

/** A named `tool_choice` names a function that is not among the tools (or there are no tools to call). */
export class ToolChoiceError extends HammerError {
  constructor(
    message: string,
    readonly toolName: string | null,
  ) {
    super("INPUT_INVALID", message, { location: "tool_choice" });
  }
}
