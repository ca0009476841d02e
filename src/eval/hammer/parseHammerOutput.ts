import { isHammerError } from "../../core/errors.js";
import { parseJson } from "../../core/json/index.js";
import { pyInList } from "../../core/python/index.js";

/** What evaluate.py's parser made of a text: a list of (unchecked) call items, or a format error. */
export type HammerParsed = { kind: "list"; items: unknown[] } | { kind: "format_error"; error: string };

/**
 * evaluate.py's `parse_toolname_and_parameters_hammer`, followed by its `type(predict) != list`
 * check: remove every "```json" and every "```", JSON-parse the whole rest (no prose allowed),
 * unwrap `{"tool_calls": …}` (`null` → `[]`). Every way Python gets there — a raised exception
 * or a non-list result — is a format error. Python's `'tool_calls' in x` is a membership test
 * on a list and a substring test on a str, and indexing those with "tool_calls" raises, so a
 * list containing the string "tool_calls" is a format error too. (Python's json also reads
 * `NaN`/`Infinity`; those are format errors here.)
 */
export function parseHammerOutput(text: string): HammerParsed {
  const stripped = text.replaceAll("```json", "").replaceAll("```", "");
  let value: unknown;
  try {
    value = parseJson(stripped);
  } catch (e) {
    if (!isHammerError(e)) throw e;
    return { kind: "format_error", error: e.describe() };
  }
  if (Array.isArray(value)) {
    if (pyInList("tool_calls", value)) return { kind: "format_error", error: 'a list containing "tool_calls" cannot be indexed by it' };
    return { kind: "list", items: value };
  }
  if (value !== null && typeof value === "object") {
    if (!Object.prototype.hasOwnProperty.call(value, "tool_calls")) return { kind: "format_error", error: "not a list of calls" };
    const inner = (value as Record<string, unknown>).tool_calls;
    if (inner === null) return { kind: "list", items: [] };
    if (Array.isArray(inner)) return { kind: "list", items: inner };
    return { kind: "format_error", error: '"tool_calls" is not a list' };
  }
  return { kind: "format_error", error: "not a list of calls" };
}
