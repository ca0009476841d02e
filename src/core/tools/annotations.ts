/**
 * `x-hammer-*` annotations: what standard JSON Schema cannot say about a source format, kept on
 * the schema nodes so a conversion back restores the source exactly. JSON Schema validators
 * ignore unknown keywords, so annotated schemas stay valid; {@link stripAnnotations} removes them
 * before a schema is shown to a model.
 *
 * Where an annotation replaces a source key, it takes that key's position, so key order survives
 * a round trip: an xLAM `{"description", "type": "List[int]", "default"}` becomes
 * `{"description", "x-hammer-python-type": "List[int]", "type": "array", "items": {…}, "default"}`.
 */
export const ANNOTATION = {
  /** Original type string of the flat formats (xLAM, API-Bank, Seal-Tools, ToolAlpaca): `"str, optional"`, `"List[int]"`. */
  pythonType: "x-hammer-python-type",
  /** Original BFCL type where the default mapping back (object→dict, number→float) would not restore it: `"tuple"`, `"any"`, `"HashMap"`. */
  bfclType: "x-hammer-bfcl-type",
  /**
   * On a BFCL array whose doc put a scalar `enum` on the array itself (no array can match it; the
   * author meant "each item is one of these"): the enum moved into `items`; this key sits in its slot.
   */
  bfclArrayEnum: "x-hammer-bfcl-array-enum",
  /** Keys a converter filled in that the source lacked (`type`/`properties` on OpenAI `parameters`); dropped on the way back. */
  added: "x-hammer-added",
  /** Keywords derived from the type string besides `type` (`items` of `List[int]`); real JSON Schema, but toXlamTool leaves them to the string. */
  derived: "x-hammer-derived",
  /** On `parameters`: tool-level keys the source did not have (`"description"`, `"parameters"`). */
  absent: "x-hammer-absent",
  /** On `parameters` of a flat tool: the source also listed required names in a top-level `required` array (Seal-Tools). */
  requiredList: "x-hammer-required-list",
  /** On `parameters` of a flat tool: the source's top-level key order, when it differs from toXlamTool's (API-Bank's `desc_for_search` before `parameters`). */
  keyOrder: "x-hammer-key-order",
  /** Prefix for a source key whose value is not valid JSON Schema under that keyword (Seal-Tools `"required": true`, `"examples": "a, b"`). */
  originalPrefix: "x-hammer-orig-",
} as const;

export const ANNOTATION_PREFIX = "x-hammer-";

export function isAnnotationKey(key: string): boolean {
  return key.startsWith(ANNOTATION_PREFIX);
}
