import { PY_NAME_OF_JSON_TYPE } from "../python/index.js";
import type { JsonSchema } from "../types.js";
import { isJsonObject, ownValue } from "./copyEntry.js";

/**
 * The Python-style type string for a JSON Schema node without an `x-hammer-python-type`
 * annotation (a tool that did not come from a flat format): `str`, `List[int]`,
 * `Dict[str, float]`, `Optional[str]`, `Union[int, str]`, `Any`. Keywords the string cannot
 * express (`enum`, `properties`, `minimum`, …) are left to the caller to keep beside it.
 */
export function schemaToPythonType(schema: JsonSchema): string {
  const type = schema.type;
  const types = typeof type === "string" ? [type] : Array.isArray(type) ? type.filter((t): t is string => typeof t === "string") : [];
  if (types.length === 0) return "Any";
  const names = types.map((t) => one(t, schema));
  if (names.length === 1) return names[0] as string;
  const nonNull = names.filter((n) => n !== "None");
  if (nonNull.length === 1 && names.length === 2) return `Optional[${nonNull[0]}]`;
  return `Union[${names.join(", ")}]`;
}

function one(t: string, schema: JsonSchema): string {
  if (t === "array") {
    const items = schema.items;
    return isJsonObject(items) && items.type !== undefined ? `List[${schemaToPythonType(items)}]` : PY_NAME_OF_JSON_TYPE.array;
  }
  if (t === "object") {
    const ap = schema.additionalProperties;
    return isJsonObject(ap) && ap.type !== undefined ? `Dict[str, ${schemaToPythonType(ap)}]` : PY_NAME_OF_JSON_TYPE.object;
  }
  return ownValue(PY_NAME_OF_JSON_TYPE, t) ?? "Any";
}
