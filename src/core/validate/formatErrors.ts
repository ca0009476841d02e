import type { ErrorObject } from "ajv";
import { pyFloatRepr } from "../python/index.js";
import { jsonTypeOf } from "../tools/assertToolDef.js";
import { pointerToken } from "../tools/copyEntry.js";
import { STRICT_INTEGER_KEYWORD } from "./ajvFor.js";
import type { ValidationIssue } from "./types.js";

/**
 * ajv's errors as `{path, message}` with `path` a JSON pointer under `prefix` naming the value at
 * fault: for a missing or unexpected property, the property itself (`/arguments/unit`), not its
 * parent. `noun` is how a property is called in messages ("argument" for a call's top level).
 */
export function formatErrors(errors: readonly ErrorObject[], prefix: string, topNoun = "property"): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    const issue = formatOne(e, prefix, topNoun);
    const key = `${issue.path}\u0000${issue.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(issue);
    }
  }
  return out;
}

function formatOne(e: ErrorObject, prefix: string, topNoun: string): ValidationIssue {
  const at = `${prefix}${e.instancePath}`;
  const noun = e.instancePath === "" ? topNoun : "property";
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "required":
      return { path: `${at}/${pointerToken(String(p.missingProperty))}`, message: `missing required ${noun} ${JSON.stringify(p.missingProperty)}` };
    case "additionalProperties":
      return { path: `${at}/${pointerToken(String(p.additionalProperty))}`, message: `unexpected ${noun} ${JSON.stringify(p.additionalProperty)} (the schema allows no others)` };
    case "type":
      return { path: at, message: `must be ${String(p.type).replace(/,/g, " or ")}, got ${jsonTypeOf(e.data)}` };
    case STRICT_INTEGER_KEYWORD:
      return { path: at, message: `must be integer, got a float (${pyFloatRepr(Number(e.data))})` };
    case "enum":
      return { path: at, message: `must be one of ${JSON.stringify(p.allowedValues)}, got ${JSON.stringify(e.data)}` };
    case "const":
      return { path: at, message: `must be ${JSON.stringify(p.allowedValue)}, got ${JSON.stringify(e.data)}` };
    default:
      return { path: at, message: e.message ?? `fails ${e.keyword}` };
  }
}
