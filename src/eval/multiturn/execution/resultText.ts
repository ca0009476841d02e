import { pyJsonDumps, pyStr } from "../../../core/python/index.js";
import { PyOpaque, type ApiReturn } from "../apis/SimulatedApi.js";

/**
 * What the official runner makes of a method's return value: a str as it is, a dict through
 * `json.dumps` (default separators, ASCII escapes, Python float spelling), anything else through
 * `str()` (`['a', 'b']`, `None`, `True`). A value whose `str()` the port fixed itself (PyOpaque,
 * e.g. a dict holding an object, where `json.dumps` fails and Python falls back to `str(dict)`)
 * is used as given.
 */
export function resultText(value: ApiReturn): string {
  if (typeof value === "string") return value;
  if (value instanceof PyOpaque) return value.pyStr;
  if (value !== null && typeof value === "object" && !Array.isArray(value)) return pyJsonDumps(value);
  return pyStr(value);
}

/** The runner's text for a call that raised: `Error during execution: <str(exception)>`. */
export function errorText(message: string): string {
  return `Error during execution: ${message}`;
}
