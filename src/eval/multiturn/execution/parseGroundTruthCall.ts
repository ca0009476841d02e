import { HammerError } from "../../../core/errors.js";
import type { JsonValue } from "../../../core/json/index.js";
import { parsePythonValueAt, PyCall, PyParseFailure } from "../../../core/python/index.js";
import type { ApiCall } from "../types.js";

/**
 * A ground-truth call string (`cd(folder='document')`, `sort('final_report.pdf')`) as a call with
 * named arguments; positional arguments take the method's parameter names in signature order.
 * Ground truth holds only literal arguments; anything else is INPUT_INVALID naming the entry.
 */
export function parseGroundTruthCall(text: string, paramNames: (name: string) => readonly string[] | undefined, where: string): ApiCall {
  let parsed;
  try {
    parsed = parsePythonValueAt(text, 0, true, undefined, paramNames);
  } catch (e) {
    if (e instanceof PyParseFailure) throw new HammerError("INPUT_INVALID", `${where}: ground-truth call ${JSON.stringify(text)} does not parse: ${e.message}`, { location: where });
    throw e;
  }
  if (!(parsed.value instanceof PyCall) || text.slice(parsed.end).trim() !== "") {
    throw new HammerError("INPUT_INVALID", `${where}: ground-truth ${JSON.stringify(text)} is not one call with literal arguments`, { location: where });
  }
  return { name: parsed.value.name, arguments: parsed.value.args as Record<string, JsonValue> };
}
