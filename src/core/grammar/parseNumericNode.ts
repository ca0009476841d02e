import type { SchemaNode } from "./ir.js";
import { GRAMMAR_LIMITS } from "./limits.js";
import type { ParseContext } from "./ParseContext.js";

/** Largest integer the digit cap lets the grammar write. */
const INT_CAP = 10n ** BigInt(GRAMMAR_LIMITS.maxIntegerDigits) - 1n;

/**
 * An `integer` (exact digit ranges from its bounds, draft-04 boolean exclusives included) or a
 * `number` (only a lower bound of 0 is exact; other bounds widen, with a warning).
 */
export function parseNumericNode(kind: "integer" | "number", s: Record<string, unknown>, path: string, ctx: ParseContext): SchemaNode {
  return kind === "integer" ? parseInteger(s, path, ctx) : parseNumber(s, path, ctx);
}

function num(s: Record<string, unknown>, key: string, path: string, ctx: ParseContext): number | boolean | undefined {
  const v = s[key];
  if (v === undefined) return undefined;
  if (typeof v === "boolean" && (key === "exclusiveMinimum" || key === "exclusiveMaximum")) return v;
  if (typeof v !== "number" || !Number.isFinite(v)) throw ctx.invalid(`${path}/${key}`, `${key} must be a finite number`);
  return v;
}

function parseInteger(s: Record<string, unknown>, path: string, ctx: ParseContext): SchemaNode {
  const min = num(s, "minimum", path, ctx) as number | undefined;
  const max = num(s, "maximum", path, ctx) as number | undefined;
  const xmin = num(s, "exclusiveMinimum", path, ctx);
  const xmax = num(s, "exclusiveMaximum", path, ctx);
  let lo: bigint | null = null;
  let hi: bigint | null = null;
  const raise = (v: bigint): void => {
    lo = lo === null || v > lo ? v : lo;
  };
  const lower = (v: bigint): void => {
    hi = hi === null || v < hi ? v : hi;
  };
  // draft-04 writes exclusiveness as a boolean beside minimum/maximum
  if (min !== undefined) raise(xmin === true ? BigInt(Math.floor(min)) + 1n : BigInt(Math.ceil(min)));
  if (typeof xmin === "number") raise(BigInt(Math.floor(xmin)) + 1n);
  if (max !== undefined) lower(xmax === true ? BigInt(Math.ceil(max)) - 1n : BigInt(Math.floor(max)));
  if (typeof xmax === "number") lower(BigInt(Math.ceil(xmax)) - 1n);
  const l = lo as bigint | null;
  const h = hi as bigint | null;
  if (l !== null && h !== null && l > h) throw ctx.invalid(path, `no integer satisfies the bounds [${l}, ${h}]`);
  if ((l !== null && l > INT_CAP) || (h !== null && h < -INT_CAP)) {
    throw ctx.invalid(path, `integer bounds lie beyond the ${GRAMMAR_LIMITS.maxIntegerDigits}-digit limit`, "SCHEMA_UNSUPPORTED");
  }
  return { kind: "integer", min: l !== null && l > -INT_CAP ? l : null, max: h !== null && h < INT_CAP ? h : null };
}

function parseNumber(s: Record<string, unknown>, path: string, ctx: ParseContext): SchemaNode {
  const min = num(s, "minimum", path, ctx) as number | undefined;
  const xmin = num(s, "exclusiveMinimum", path, ctx);
  const hasMax = num(s, "maximum", path, ctx) !== undefined || num(s, "exclusiveMaximum", path, ctx) !== undefined;
  let sign: "any" | "nonNegative" | "positive" = "any";
  let exact = true;
  const floor = typeof xmin === "number" ? xmin : min;
  const strict = typeof xmin === "number" || xmin === true;
  if (floor !== undefined) {
    if (floor === 0) sign = strict ? "positive" : "nonNegative";
    else if (floor > 0) {
      sign = "positive"; // a superset of [floor, ∞)
      exact = false;
    } else exact = false;
  }
  if (hasMax) exact = false;
  if (!exact) ctx.warn(path, "numeric bounds other than minimum 0 are not enforced on numbers (widened)");
  return { kind: "number", sign };
}
