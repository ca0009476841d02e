import type { SchemaNode, StringFormat } from "./ir.js";
import { GRAMMAR_LIMITS } from "./limits.js";
import type { ParseContext } from "./ParseContext.js";

const FORMATS: ReadonlySet<string> = new Set(["date", "time", "date-time", "uuid", "email"]);

/** A `string`: length bounds in code points (capped, widening above the cap) or one of the exact formats. */
export function parseStringNode(s: Record<string, unknown>, path: string, ctx: ParseContext): SchemaNode {
  let min = ctx.count(s, "minLength", path) ?? 0;
  let max: number | null = ctx.count(s, "maxLength", path) ?? null;
  if (max !== null && min > max) throw ctx.invalid(path, `minLength ${min} exceeds maxLength ${max}`);
  let format: StringFormat | null = null;
  if (s.format !== undefined) {
    if (typeof s.format !== "string") throw ctx.invalid(`${path}/format`, "format must be a string");
    if (FORMATS.has(s.format)) format = s.format as StringFormat;
    else ctx.warn(`${path}/format`, `format ${JSON.stringify(s.format)} is not enforced (widened)`);
  }
  if (format !== null) {
    if (s.minLength !== undefined || s.maxLength !== undefined) ctx.warn(path, `minLength/maxLength are not enforced together with format ${format} (widened)`);
    return { kind: "string", minLength: 0, maxLength: null, format };
  }
  const bound = GRAMMAR_LIMITS.maxStringLengthBound;
  if (max !== null && max > bound) {
    ctx.warn(`${path}/maxLength`, `maxLength ${max} is above the grammar's bound of ${bound}; not enforced (widened)`);
    max = null;
  }
  if (min > bound) {
    ctx.warn(`${path}/minLength`, `minLength ${min} is above the grammar's bound of ${bound}; enforced as ${bound} (widened)`);
    min = bound;
  }
  return { kind: "string", minLength: min, maxLength: max, format: null };
}
