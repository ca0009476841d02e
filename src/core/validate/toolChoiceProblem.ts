import type { ToolChoice } from "../types.js";

/** Why a tool_choice cannot be honoured with the tools offered. */
export interface ToolChoiceProblem {
  /** `malformed`: not auto/none/required/{type: "function", function: {name}}; `needs_tools`: required or named with no tools; `unknown_function`: names a tool not offered. */
  reason: "malformed" | "needs_tools" | "unknown_function";
  /** One line in the engine's words (`tool_choice …`); surfaces with their own parameter names word it themselves from `reason`. */
  message: string;
  /** The name a named choice asks for, when it has one. */
  toolName: string | null;
}

/**
 * The one check of a tool_choice against the tools offered (engine, grammar compiler, server,
 * CLI all ask here; each turns a problem into its own error). Returns null when the choice is
 * valid; assertToolChoice throws instead.
 */
export function toolChoiceProblem(choice: unknown, tools: ReadonlyArray<{ name?: unknown } | null | undefined>): ToolChoiceProblem | null {
  if (choice === "auto" || choice === "none") return null;
  const named = namedTool(choice);
  if (choice !== "required" && named === null) {
    return {
      reason: "malformed",
      message: `tool_choice must be "auto", "none", "required" or {type: "function", function: {name}}, got ${shown(choice)}`,
      toolName: null,
    };
  }
  if (tools.length === 0) {
    return { reason: "needs_tools", message: `tool_choice ${shown(choice)} needs at least one tool`, toolName: named };
  }
  if (named !== null && !tools.some((t) => t?.name === named)) {
    const names = tools.slice(0, 11).map((t) => String(t?.name));
    const list = names.slice(0, 10).join(", ") + (tools.length > 10 ? `, … (${tools.length} tools)` : "");
    return { reason: "unknown_function", message: `tool_choice names ${shown(named)}, which is not among the tools (${list})`, toolName: named };
  }
  return null;
}

/** The tool a `{type: "function", function: {name}}` choice names, or null for any other value. */
function namedTool(choice: unknown): string | null {
  if (choice === null || typeof choice !== "object") return null;
  const c = choice as Partial<Extract<ToolChoice, object>>;
  return c.type === "function" && typeof c.function?.name === "string" ? c.function.name : null;
}

/** A value for a one-line message: JSON, clipped (a hostile choice may be huge, or cyclic when built in code). */
function shown(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
