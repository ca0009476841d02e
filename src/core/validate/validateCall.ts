import { jsonTypeOf } from "../tools/assertToolDef.js";
import type { ToolCall, ToolDef } from "../types.js";
import { compileSchema } from "./compileSchema.js";
import { runValidator } from "./runValidator.js";
import type { CallValidationResult } from "./types.js";

/**
 * Check a call against the tool set: the name must be one of the tools (the first one of that
 * name counts), and the arguments must satisfy its parameters schema as written: types,
 * `required`, `enum`/`const`, nested objects and arrays, and `additionalProperties` only where the
 * schema sets it (no strictness is invented). An integer-typed argument rejects a value parseJson
 * marked as a float (`5.0`), as Python-typed tools and BFCL expect. Paths are JSON pointers into
 * the call: `/name`, `/arguments/unit`, `/arguments/items/2`. An invalid tool schema throws
 * ToolSchemaError (validate tool sets up front with assertValidTools).
 */
export function validateCall(call: ToolCall, tools: readonly ToolDef[]): CallValidationResult {
  const tool = tools.find((t) => t.name === call.name);
  if (!tool) {
    const names = tools.map((t) => t.name);
    const shown = names.length > 10 ? `${names.slice(0, 10).join(", ")}, … (${names.length} in all)` : names.join(", ");
    return { valid: false, errors: [{ path: "/name", message: `unknown function ${JSON.stringify(call.name)}; available: ${shown || "none"}` }] };
  }
  const args: unknown = call.arguments;
  if (typeof args !== "object" || args === null || Array.isArray(args)) {
    return { valid: false, errors: [{ path: "/arguments", message: `arguments must be an object, got ${jsonTypeOf(args)}` }] };
  }
  const validate = compileSchema(tool.parameters, tool.name, "/parameters");
  return runValidator(validate, args, "/arguments", tool.name, "argument");
}
