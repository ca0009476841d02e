import type { ConstValue, ObjectNode, SchemaNode } from "./ir.js";
import { stableKey } from "./schemaKeywords.js";

/** Follows `$ref`s to a concrete node; null when unknown (a definition still being parsed). */
export type Resolve = (node: SchemaNode) => SchemaNode | null;

/**
 * Can no value match two of these options? Then `oneOf` is exactly `anyOf`. Conservative: false
 * when unsure. Proofs: disjoint JSON types, disjoint const values, disjoint integer ranges, and
 * for objects a required discriminator with disjoint values or a required key the other forbids.
 */
export function pairwiseDisjoint(options: readonly SchemaNode[], resolve: Resolve): boolean {
  for (let i = 0; i < options.length; i++) {
    for (let j = i + 1; j < options.length; j++) {
      if (!disjoint(options[i] as SchemaNode, options[j] as SchemaNode, resolve)) return false;
    }
  }
  return true;
}

function disjoint(x: SchemaNode, y: SchemaNode, resolve: Resolve): boolean {
  const a = resolve(x);
  const b = resolve(y);
  if (!a || !b) return false;
  if (a.kind === "never" || b.kind === "never") return true;
  if (a.kind === "anyOf") return a.options.every((o) => disjoint(o, b, resolve));
  if (b.kind === "anyOf") return b.options.every((o) => disjoint(a, o, resolve));
  const ta = types(a, resolve);
  const tb = types(b, resolve);
  if (![...ta].some((t) => tb.has(t))) return true;
  if (a.kind === "const" && b.kind === "const") {
    const keys = new Set(a.values.map((v) => stableKey(v)));
    return !b.values.some((v) => keys.has(stableKey(v)));
  }
  if (a.kind === "const" || b.kind === "const") {
    const c = (a.kind === "const" ? a : b) as { kind: "const"; values: ConstValue[] };
    const other = types(a.kind === "const" ? b : a, resolve);
    return c.values.every((v) => !constTypes(v).some((t) => other.has(t)));
  }
  if (a.kind === "integer" && b.kind === "integer") {
    return (a.max !== null && b.min !== null && a.max < b.min) || (b.max !== null && a.min !== null && b.max < a.min);
  }
  if (a.kind === "object" && b.kind === "object") return objectsDisjoint(a, b, resolve) || objectsDisjoint(b, a, resolve);
  return false;
}

function objectsDisjoint(a: ObjectNode, b: ObjectNode, resolve: Resolve): boolean {
  for (const pa of a.properties) {
    if (!pa.required) continue;
    const pb = b.properties.find((p) => p.name === pa.name);
    if (!pb) {
      if (b.additional === null || b.forbidden.includes(pa.name)) return true; // a needs a key b forbids
      continue;
    }
    if (pb.required && disjoint(pa.node, pb.node, resolve)) return true; // discriminator
  }
  return false;
}

const ALL_TYPES = ["null", "boolean", "number", "string", "array", "object"];

function types(n: SchemaNode, resolve: Resolve): Set<string> {
  const r = resolve(n);
  if (!r) return new Set(ALL_TYPES);
  switch (r.kind) {
    case "any":
    case "ref":
      return new Set(ALL_TYPES);
    case "never":
      return new Set();
    case "integer":
      return new Set(["number"]);
    case "const":
      return new Set(r.values.flatMap(constTypes));
    case "anyOf":
      return new Set(r.options.flatMap((o) => [...types(o, resolve)]));
    default:
      return new Set([r.kind]);
  }
}

/** JSON type of a literal value (integers count as "number"). */
export function constTypes(v: ConstValue): string[] {
  if (v === null) return ["null"];
  if (typeof v === "boolean") return ["boolean"];
  if (typeof v === "string") return ["string"];
  if (Array.isArray(v)) return ["array"];
  return "num" in v ? ["number"] : ["object"];
}
