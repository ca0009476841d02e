import { GrammarLimitError } from "./errors.js";
import type { ObjectNode, PropertyNode, SchemaNode } from "./ir.js";
import { GRAMMAR_LIMITS } from "./limits.js";
import type { ParseContext } from "./ParseContext.js";
import { escapePointer, isPlainObject, isWellFormed } from "./schemaKeywords.js";

const ANY: SchemaNode = { kind: "any" };

/**
 * An `object`: declared properties in order (required from `required` or Seal-Tools'
 * `required: true`), extra keys per `additionalProperties` (absent with declared properties: none;
 * absent without: a free dict), and what `minProperties`/`maxProperties` can say exactly.
 */
export function parseObjectNode(s: Record<string, unknown>, path: string, depth: number, ctx: ParseContext): SchemaNode {
  const propsRaw = s.properties;
  if (propsRaw !== undefined && !isPlainObject(propsRaw)) throw ctx.invalid(`${path}/properties`, "properties must be an object");
  const names = propsRaw ? Object.keys(propsRaw) : [];
  if (names.length > GRAMMAR_LIMITS.maxProperties) {
    throw new GrammarLimitError("number of properties", GRAMMAR_LIMITS.maxProperties, `${ctx.scope.toolName}${path}/properties`);
  }
  const required = new Set<string>();
  if (Array.isArray(s.required)) {
    s.required.forEach((r, i) => {
      if (typeof r !== "string") throw ctx.invalid(`${path}/required/${i}`, "required must list property names");
      required.add(r);
    });
  } else if (s.required !== undefined && typeof s.required !== "boolean") {
    throw ctx.invalid(`${path}/required`, "required must be an array of property names");
  }
  const properties: PropertyNode[] = [];
  const forbidden: string[] = [];
  for (const name of names) {
    const p = `${path}/properties/${escapePointer(name)}`;
    checkName(name, p, ctx);
    const raw = (propsRaw as Record<string, unknown>)[name];
    // Seal-Tools/OpenAPI-2 style: `"required": true` on the property itself
    if (isPlainObject(raw) && raw.required === true) required.add(name);
    const node = ctx.parse(raw, p, depth + 1);
    if (node.kind === "never") {
      if (required.has(name)) throw ctx.invalid(p, "required property admits no value");
      forbidden.push(name);
      continue;
    }
    properties.push({ name, node, required: required.has(name), path: p });
  }
  let additional: SchemaNode | null;
  const ap = s.additionalProperties;
  // Absent with declared properties: no extra keys (a model should not invent arguments);
  // absent without any: a free-form dict (BFCL's `dict`, headers, params).
  if (ap === undefined) additional = propsRaw === undefined ? ANY : null;
  else if (ap === true) additional = ANY;
  else if (ap === false) additional = null;
  else if (isPlainObject(ap)) additional = ctx.parse(ap, `${path}/additionalProperties`, depth + 1);
  else throw ctx.invalid(`${path}/additionalProperties`, "additionalProperties must be a boolean or a schema");
  if (additional !== null && additional.kind === "never") additional = null;

  const declared = new Set(properties.map((p) => p.name));
  for (const name of required) {
    if (declared.has(name) || names.includes(name)) continue;
    checkName(name, `${path}/required`, ctx);
    if (ap === false || (isPlainObject(ap) && additional === null)) {
      throw ctx.invalid(`${path}/required`, `required property ${JSON.stringify(name)} is not allowed by additionalProperties`);
    }
    properties.push({ name, node: additional ?? ANY, required: true, path: `${path}/required` });
  }

  const minP = ctx.count(s, "minProperties", path);
  const maxP = ctx.count(s, "maxProperties", path);
  let minExtra = 0;
  let maxExtra: number | null = null;
  if (properties.length === 0 && additional !== null) {
    if (minP !== undefined && minP > 1) {
      ctx.warn(`${path}/minProperties`, "minProperties above 1 is enforced as 1 (widened)");
    }
    minExtra = Math.min(minP ?? 0, 1);
    if (maxP !== undefined) {
      if (maxP > GRAMMAR_LIMITS.maxItemsBound) ctx.warn(`${path}/maxProperties`, `maxProperties ${maxP} is above the grammar's bound; not enforced (widened)`);
      else maxExtra = maxP;
    }
    if (maxExtra !== null && minExtra > maxExtra) throw ctx.invalid(path, "minProperties exceeds maxProperties");
    if (maxExtra === 0) additional = null;
  } else {
    const requiredCount = properties.filter((p) => p.required).length;
    if (minP !== undefined && minP > requiredCount) ctx.warn(`${path}/minProperties`, "minProperties is not enforced (widened)");
    if (maxP !== undefined && (additional !== null || maxP < properties.length)) {
      if (maxP < requiredCount) throw ctx.invalid(path, "maxProperties is below the number of required properties");
      ctx.warn(`${path}/maxProperties`, "maxProperties is not enforced (widened)");
    }
  }
  const node: ObjectNode = { kind: "object", properties, additional, forbidden, minExtra, maxExtra };
  return node;
}

function checkName(name: string, path: string, ctx: ParseContext): void {
  if (!isWellFormed(name)) throw ctx.invalid(path, "property name holds a lone surrogate");
  if (name.length > GRAMMAR_LIMITS.maxNameLength) {
    throw new GrammarLimitError("property name length", GRAMMAR_LIMITS.maxNameLength, `${ctx.scope.toolName}${path}`);
  }
}
