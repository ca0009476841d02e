import { GrammarLimitError } from "./errors.js";
import type { ArrayNode, SchemaNode } from "./ir.js";
import { GRAMMAR_LIMITS } from "./limits.js";
import type { ParseContext } from "./ParseContext.js";

/** An `array`: positional items (`prefixItems`, or draft-07 array `items`), the rest, and count bounds. */
export function parseArrayNode(s: Record<string, unknown>, path: string, depth: number, ctx: ParseContext): SchemaNode {
  let prefixRaw: unknown[] = [];
  let prefixPath = `${path}/prefixItems`;
  let restRaw: unknown = true;
  let restPath = `${path}/items`;
  if (s.prefixItems !== undefined) {
    if (!Array.isArray(s.prefixItems)) throw ctx.invalid(prefixPath, "prefixItems must be an array of schemas");
    prefixRaw = s.prefixItems;
    if (s.items !== undefined) restRaw = s.items;
  } else if (Array.isArray(s.items)) {
    prefixRaw = s.items; // draft-07 tuple form
    prefixPath = `${path}/items`;
    restPath = `${path}/additionalItems`;
    if (s.additionalItems !== undefined) restRaw = s.additionalItems;
  } else if (s.items !== undefined) restRaw = s.items;
  let min = ctx.count(s, "minItems", path) ?? 0;
  let max: number | null = ctx.count(s, "maxItems", path) ?? null;
  if (max !== null && min > max) throw ctx.invalid(path, `minItems ${min} exceeds maxItems ${max}`);
  const bound = GRAMMAR_LIMITS.maxItemsBound;
  if (max !== null && max > bound) {
    ctx.warn(`${path}/maxItems`, `maxItems ${max} is above the grammar's bound of ${bound}; not enforced (widened)`);
    max = null;
  }
  if (min > bound) {
    ctx.warn(`${path}/minItems`, `minItems ${min} is above the grammar's bound of ${bound}; enforced as ${bound} (widened)`);
    min = bound;
  }
  if (prefixRaw.length > GRAMMAR_LIMITS.maxItemsBound) {
    throw new GrammarLimitError("number of prefixItems", GRAMMAR_LIMITS.maxItemsBound, `${ctx.scope.toolName}${prefixPath}`);
  }
  const prefix: SchemaNode[] = [];
  let rest: SchemaNode | null = ctx.parse(restRaw, restPath, depth + 1);
  for (let i = 0; i < prefixRaw.length && (max === null || i < max); i++) {
    const node = ctx.parse(prefixRaw[i], `${prefixPath}/${i}`, depth + 1);
    if (node.kind === "never") {
      rest = null; // no array can reach past a position that admits nothing
      break;
    }
    prefix.push(node);
  }
  if (rest !== null && rest.kind === "never") rest = null;
  if (rest === null && min > prefix.length) throw ctx.invalid(path, `minItems ${min} cannot be met: at most ${prefix.length} items are allowed`);
  const node: ArrayNode = { kind: "array", prefix, items: rest, minItems: min, maxItems: max };
  return node;
}
