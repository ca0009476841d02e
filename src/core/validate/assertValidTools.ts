import { assertToolDef } from "../tools/assertToolDef.js";
import { assertUniqueToolNames } from "../tools/findDuplicateToolNames.js";
import type { ToolDef } from "../types.js";
import { compileSchema } from "./compileSchema.js";

export interface AssertValidToolsOptions {
  /** Also reject a name used by two tools (an OpenAI request must name tools uniquely). Default false. */
  uniqueNames?: boolean;
}

/**
 * Check a tool set before use: each tool is a well-formed ToolDef (assertToolDef) whose
 * parameters ajv compiles; the compiled validators are cached for validateCall. Throws
 * ToolSchemaError with the tool's name and the JSON path of the first problem.
 */
export function assertValidTools(tools: readonly unknown[], options: AssertValidToolsOptions = {}): asserts tools is readonly ToolDef[] {
  tools.forEach((tool, i) => {
    assertToolDef(tool, i);
    compileSchema(tool.parameters, tool.name, "/parameters");
  });
  if (options.uniqueNames) assertUniqueToolNames(tools as readonly ToolDef[]);
}
