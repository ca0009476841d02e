import { HammerError } from "../../core/errors.js";
import { parseJson } from "../../core/json/index.js";
import { invalidRequest } from "../errors/ApiError.js";

/**
 * The arguments of a call echoed back in a conversation: a JSON object text (empty = `{}`),
 * parsed losslessly so `5.0` stays a float in the prompt. Anything else is a 400 naming `param`.
 */
export function parseCallArguments(text: string | undefined, param: string): Record<string, unknown> {
  const source = text ?? "{}";
  let args: unknown;
  try {
    args = source.trim() === "" ? {} : parseJson(source);
  } catch (e) {
    const why = e instanceof HammerError ? e.message : String(e);
    throw invalidRequest(`Tool call arguments are not valid JSON: ${why}.`, param);
  }
  if (args === null || typeof args !== "object" || Array.isArray(args)) throw invalidRequest("Tool call arguments must be a JSON object.", param);
  return args as Record<string, unknown>;
}
