import { parseJson } from "../../core/json/index.js";
import type { JsonSchema, ToolDef } from "../../core/types.js";
import { validateCall, validateValue, type ValidationIssue } from "../../core/validate/index.js";
import { InvalidCallError } from "./InvalidCallError.js";

/** How sure we are that output is valid: `grammar` (our grammar constrained it) or `none`. */
export type Constraint = "grammar" | "none";

/** Grammar warnings about one tool (`tool/json/pointer: what` or `tool: what`). */
export function warningsFor(name: string, warnings: readonly string[]): string[] {
  return warnings.filter((w) => w.startsWith(`${name}/`) || w.startsWith(`${name}:`));
}

/**
 * Parse and validate one generated call. Returns the parsed arguments or throws
 * InvalidCallError: INTERNAL when the grammar guaranteed the schema, CALL_INVALID otherwise.
 */
export function checkCall(
  name: string,
  argumentsText: string,
  tools: readonly ToolDef[],
  constraint: Constraint,
  warnings: readonly string[],
): Record<string, unknown> {
  let args: unknown;
  let issues: ValidationIssue[];
  try {
    args = parseJson(argumentsText, { source: `${name} arguments` });
    issues = validateCall({ name, arguments: args as Record<string, unknown> }, tools).errors;
  } catch (e) {
    issues = [{ path: "/arguments", message: e instanceof Error ? e.message : String(e) }];
  }
  if (issues.length === 0) return args as Record<string, unknown>;
  throw failure(name, argumentsText, issues, constraint, warningsFor(name, warnings));
}

/** Parse and validate a JSON answer against its response_format schema. */
export function checkJsonAnswer(text: string, schema: JsonSchema, label: string, constraint: Constraint, warnings: readonly string[]): void {
  let issues: ValidationIssue[];
  try {
    const value = parseJson(text, { source: label });
    issues = validateValue(value, schema, { label }).errors;
  } catch (e) {
    issues = [{ path: "", message: e instanceof Error ? e.message : String(e) }];
  }
  if (issues.length > 0) throw failure(label, text, issues, constraint, warnings);
}

function failure(name: string, text: string, issues: ValidationIssue[], constraint: Constraint, warnings: readonly string[]): InvalidCallError {
  return new InvalidCallError(constraint === "grammar" && warnings.length === 0 ? "INTERNAL" : "CALL_INVALID", name, text, issues, warnings);
}
