import { isFloatAt } from "../json/index.js";
import { GrammarLimitError } from "./errors.js";
import type { ConstValue, SchemaNode } from "./ir.js";
import { GRAMMAR_LIMITS } from "./limits.js";
import { constTypes } from "./pairwiseDisjoint.js";
import type { ParseContext } from "./ParseContext.js";
import { schemaKinds } from "./schemaKinds.js";
import { describeValue, escapePointer, isPlainObject, isWellFormed, stableKey } from "./schemaKeywords.js";

const NEVER: SchemaNode = { kind: "never" };

/** `enum`/`const` (intersected when both are given), filtered by `type`, float marks kept. */
export function parseConstNode(s: Record<string, unknown>, path: string, depth: number, ctx: ParseContext): SchemaNode {
  let values: ConstValue[];
  if ("enum" in s) {
    if (!Array.isArray(s.enum)) throw ctx.invalid(`${path}/enum`, "enum must be an array");
    if (s.enum.length > GRAMMAR_LIMITS.maxEnumValues) {
      throw new GrammarLimitError("number of enum values", GRAMMAR_LIMITS.maxEnumValues, `${ctx.scope.toolName}${path}/enum`);
    }
    const e = s.enum as unknown[];
    values = e.map((v, i) => toConst(v, e, i, `${path}/enum/${i}`, ctx, 0));
    if ("const" in s) {
      const c = stableKey(s.const);
      values = values.filter((_, i) => stableKey(e[i]) === c);
    }
  } else values = [toConst(s.const, s, "const", `${path}/const`, ctx, 0)];
  const kinds = s.type === undefined ? null : schemaKinds(s, path, ctx);
  if (kinds) {
    const typed = values.filter((v) => kinds.includes("any") || kinds.some((k) => constHasType(v, k)));
    if (typed.length === 0 && values.length > 0) return enumTypeMismatch(s, path, depth, ctx, kinds);
    values = typed;
  }
  if (s.nullable === true && !values.includes(null)) values.push(null);
  const seen = new Set<string>();
  values = values.filter((v) => {
    const k = stableKey(v);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  return values.length === 0 ? NEVER : { kind: "const", values };
}

/**
 * Real tools write enums that contradict their type (BFCL: `{"type": "integer", "enum": ["1", …]}`,
 * an array whose enum lists item values). Strictly that admits nothing; we repair the array
 * case (the enum applies to the items) and otherwise keep the type and drop the enum, with a warning.
 */
function enumTypeMismatch(s: Record<string, unknown>, path: string, depth: number, ctx: ParseContext, kinds: string[]): SchemaNode {
  const { enum: e, const: c, ...rest } = s;
  const values: unknown[] = "enum" in s ? (e as unknown[]) : [c];
  if (kinds.length === 1 && kinds[0] === "array" && values.every((v) => !Array.isArray(v))) {
    ctx.warn(`${path}/enum`, "enum of an array lists item values; applied to the items");
    const items = rest.items === undefined ? { enum: values } : { allOf: [rest.items, { enum: values }] };
    return ctx.parse({ ...rest, items }, path, depth + 1);
  }
  ctx.warn(`${path}/enum`, `no enum value has type ${kinds.join("/")}; enum ignored (widened)`);
  return ctx.parse(rest, path, depth + 1);
}

function toConst(v: unknown, container: object, key: string | number, path: string, ctx: ParseContext, depth: number): ConstValue {
  if (depth > GRAMMAR_LIMITS.maxSchemaDepth) {
    throw new GrammarLimitError("nesting depth of a const/enum value", GRAMMAR_LIMITS.maxSchemaDepth, `${ctx.scope.toolName}${path}`);
  }
  if (v === null || typeof v === "boolean") return v;
  if (typeof v === "string") {
    if (!isWellFormed(v)) throw ctx.invalid(path, "string holds a lone surrogate");
    return v;
  }
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw ctx.invalid(path, "number must be finite");
    return { num: v, float: isFloatAt(container, key) };
  }
  if (Array.isArray(v)) return v.map((x, i) => toConst(x, v, i, `${path}/${i}`, ctx, depth + 1));
  if (isPlainObject(v)) {
    return {
      obj: Object.keys(v).map((k): [string, ConstValue] => {
        if (!isWellFormed(k)) throw ctx.invalid(path, "key holds a lone surrogate");
        return [k, toConst(v[k], v, k, `${path}/${escapePointer(k)}`, ctx, depth + 1)];
      }),
    };
  }
  throw ctx.invalid(path, `not a JSON value: ${describeValue(v)}`);
}

function constHasType(v: ConstValue, kind: string): boolean {
  if (kind === "integer") return typeof v === "object" && v !== null && "num" in v && Number.isInteger(v.num);
  return constTypes(v)[0] === kind;
}
