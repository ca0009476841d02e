import type { JsonSchema } from "../types.js";
import { GRAMMAR_LIMITS } from "./limits.js";
import { expandTypeString, isAnnotation, isPlainObject, JSON_TYPES, stableKey } from "./schemaKeywords.js";

/**
 * `allOf` as one schema, merged keyword by keyword on raw JSON Schema so the parser sees a single
 * node. Exact for the common cases (object parts, type/enum intersections, tightest bounds);
 * where two parts constrain the same keyword in a way we cannot combine, the first part's value
 * is kept — a superset of the conjunction, reported as widened. `anyOf`/`oneOf` parts distribute:
 * allOf(X, anyOf(a, b)) = anyOf(X∧a, X∧b).
 */
export interface MergeHooks {
  /** The schema a local `$ref` points to, and a stable id for it. Throws for bad refs. */
  resolve(ref: string): { schema: unknown; id: string };
  /** Report a widening under this keyword. */
  warn(keyword: string, message: string): void;
}

/** `false` when the parts cannot all hold (e.g. disjoint types). */
export function mergeAllOf(parts: readonly unknown[], hooks: MergeHooks): JsonSchema | false {
  const flat: Record<string, unknown>[] = [];
  const expanded = new Set<string>();
  const queue = [...parts];
  while (queue.length > 0) {
    const p = queue.shift();
    if (p === true) continue;
    if (p === false) return false;
    if (!isPlainObject(p)) continue; // the parser validates shapes before merging
    if (flat.length + queue.length > GRAMMAR_LIMITS.maxAlternatives) {
      hooks.warn("allOf", `more than ${GRAMMAR_LIMITS.maxAlternatives} merged parts; the rest were dropped (widened)`);
      break;
    }
    const rest: Record<string, unknown> = { ...p };
    if (typeof rest.$ref === "string") {
      const { schema, id } = hooks.resolve(rest.$ref);
      delete rest.$ref;
      // Inlining the same definition twice adds nothing (A ∧ A = A) and stops ref cycles.
      if (!expanded.has(id)) {
        expanded.add(id);
        queue.push(schema);
      }
    }
    if (Array.isArray(rest.allOf)) {
      queue.push(...(rest.allOf as unknown[]));
      delete rest.allOf;
    }
    const typed = expandTypeString(rest);
    if (typed.unknown.length > 0) hooks.warn("type", `unknown type ${typed.unknown.map((u) => JSON.stringify(u)).join(", ")}; any value accepted (widened)`);
    flat.push(typed.schema);
  }

  const optionLists: Array<{ options: unknown[]; oneOf: boolean }> = [];
  let merged: Record<string, unknown> | false = {};
  for (const part of flat) {
    const p = { ...part };
    for (const key of ["anyOf", "oneOf"] as const) {
      if (Array.isArray(p[key])) {
        optionLists.push({ options: p[key] as unknown[], oneOf: key === "oneOf" });
        delete p[key];
      }
    }
    merged = mergeTwo(merged, p, hooks);
    if (merged === false) return false;
  }
  if (optionLists.length === 0) return merged;
  if (optionLists.length === 1) {
    const only = optionLists[0] as { options: unknown[]; oneOf: boolean };
    return { ...merged, [only.oneOf ? "oneOf" : "anyOf"]: only.options };
  }
  if (optionLists.some((l) => l.oneOf)) hooks.warn("oneOf", "oneOf combined with other alternatives is treated as anyOf (widened)");
  let product: unknown[][] = [[]];
  for (const list of optionLists) {
    if (product.length * list.options.length > GRAMMAR_LIMITS.maxAlternatives) {
      hooks.warn("anyOf", `alternatives of allOf multiply past ${GRAMMAR_LIMITS.maxAlternatives}; some parts dropped (widened)`);
      break;
    }
    product = product.flatMap((combo) => list.options.map((o) => [...combo, o]));
  }
  return { ...merged, anyOf: product.map((combo) => (combo.length === 1 ? combo[0] : { allOf: combo })) };
}

const MAX_KEYS = new Set(["minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties"]);
const MIN_KEYS = new Set(["maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties"]);

function mergeTwo(a: Record<string, unknown>, b: Record<string, unknown>, hooks: MergeHooks): Record<string, unknown> | false {
  const out: Record<string, unknown> = { ...a };
  for (const [k, bv] of Object.entries(b)) {
    if (!(k in out)) {
      out[k] = bv;
      continue;
    }
    const av = out[k];
    if (stableKey(av) === stableKey(bv)) continue;
    if (k === "type") {
      const types = intersectTypes(av, bv);
      if (types.length === 0) return false;
      out.type = types.length === 1 ? types[0] : types;
    } else if (k === "properties" && isPlainObject(av) && isPlainObject(bv)) {
      const props: Record<string, unknown> = { ...av };
      for (const [name, s] of Object.entries(bv)) props[name] = name in props ? { allOf: [props[name], s] } : s;
      out.properties = props;
    } else if (k === "required" && Array.isArray(av) && Array.isArray(bv)) {
      out.required = [...new Set([...av, ...bv])];
    } else if ((k === "enum" || k === "const") && (Array.isArray(av) || k === "const")) {
      const left = k === "enum" ? (av as unknown[]) : [av];
      const right = k === "enum" && Array.isArray(bv) ? bv : [bv];
      const keep = new Set(right.map(stableKey));
      const both = left.filter((v) => keep.has(stableKey(v)));
      if (both.length === 0) return false;
      delete out.const;
      out.enum = both;
    } else if (MAX_KEYS.has(k) && typeof av === "number" && typeof bv === "number") {
      out[k] = Math.max(av, bv);
    } else if (MIN_KEYS.has(k) && typeof av === "number" && typeof bv === "number") {
      out[k] = Math.min(av, bv);
    } else if ((k === "items" || k === "additionalItems") && isSchemaLike(av) && isSchemaLike(bv)) {
      out[k] = { allOf: [av, bv] };
    } else if (k === "prefixItems" && Array.isArray(av) && Array.isArray(bv)) {
      const n = Math.max(av.length, bv.length);
      out[k] = Array.from({ length: n }, (_, i) => (i < av.length && i < bv.length ? { allOf: [av[i], bv[i]] } : i < av.length ? av[i] : bv[i]));
    } else if (k === "additionalProperties") {
      // handled below with the properties it governs
    } else if (k === "nullable") {
      out.nullable = av === true && bv === true;
    } else if (isAnnotation(k)) {
      // keep the first
    } else {
      hooks.warn(k, `conflicting ${k} in allOf; the first part's value kept (widened)`);
    }
  }
  return mergeAdditional(a, b, out);
}

/** additionalProperties of either part also constrains the other part's declared properties. */
function mergeAdditional(a: Record<string, unknown>, b: Record<string, unknown>, out: Record<string, unknown>): Record<string, unknown> | false {
  const apA = a.additionalProperties;
  const apB = b.additionalProperties;
  if (apA === undefined && apB === undefined) return out;
  const props: Record<string, unknown> = isPlainObject(out.properties) ? { ...out.properties } : {};
  const required = new Set(Array.isArray(out.required) ? (out.required as unknown[]) : []);
  for (const [ap, own] of [
    [apA, a],
    [apB, b],
  ] as const) {
    if (ap === undefined || ap === true) continue;
    const declared = new Set(Object.keys(isPlainObject(own.properties) ? own.properties : {}));
    for (const name of Object.keys(props)) {
      if (declared.has(name)) continue;
      if (ap === false) {
        if (required.has(name)) return false;
        delete props[name];
      } else props[name] = { allOf: [props[name], ap] };
    }
  }
  out.properties = props;
  if (apA === false || apB === false) out.additionalProperties = false;
  else if (isSchemaLike(apA) && isSchemaLike(apB)) out.additionalProperties = { allOf: [apA, apB] };
  else out.additionalProperties = isSchemaLike(apA) ? apA : apB;
  return out;
}

function isSchemaLike(v: unknown): boolean {
  return isPlainObject(v) || typeof v === "boolean";
}

function typeSet(t: unknown): string[] {
  if (typeof t === "string") return [t];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === "string");
  return [...JSON_TYPES];
}

function intersectTypes(a: unknown, b: unknown): string[] {
  const ta = new Set(typeSet(a));
  const tb = new Set(typeSet(b));
  const out = [...ta].filter((t) => tb.has(t));
  if (!out.includes("integer") && ((ta.has("integer") && tb.has("number")) || (tb.has("integer") && ta.has("number")))) out.push("integer");
  return out;
}
