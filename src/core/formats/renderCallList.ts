import { pyJsonDumps } from "../python/index.js";
import type { ToolCall } from "../types.js";

/**
 * The calls as Hammer's JSON list, `[{"name": …, "arguments": {…}}, …]`, serialised like
 * Python's `json.dumps` (so `5.0` stays a float and key order is kept; `id` is not rendered).
 */
export function renderCallList(calls: readonly ToolCall[], ensureAscii = true): string {
  return pyJsonDumps(calls.map(toNameArguments), { ensureAscii });
}

/** `{name, arguments}` in that key order; the arguments object is shared, so float marks survive. */
export function toNameArguments(call: ToolCall): { name: string; arguments: Record<string, unknown> } {
  return { name: call.name, arguments: call.arguments };
}

/** Hammer's assistant output for these calls: the list in a ``` fence, `"```\n[]\n```"` for none. */
export function renderFencedCalls(calls: readonly ToolCall[]): string {
  return "```\n" + renderCallList(calls) + "\n```";
}
