import { cloneJson } from "../json/index.js";
import { pyStr } from "../python/index.js";
import type { ToolDef } from "../types.js";
import { isJsonObject, setEntry } from "./copyEntry.js";
import { toBfclFunction } from "./toBfclFunction.js";
import { plainSchema } from "./toOpenAITool.js";

/**
 * Hammer's compact tool format, exactly as `convert_to_format_tool` (Hammer client and BFCL's
 * Hammer handler; shared/research/hammer.md §5.5) builds it from the tool's plain schema
 * (annotations removed): `{name, description, parameters: <properties map>}` where
 * 1. a property with an object-valued `properties` is replaced by that map, and each name in its
 *    `required` gets `"required": true` (the nested property's own type/description are lost);
 * 2. each top-level name in `required` gets `"required": true`: on a property replaced in step 1
 *    that lands on the inner map itself as a `"required": true` entry, as upstream does;
 * 3. each property with a `default` gets `default is '<str(default)>'` appended to its
 *    description with no separator (Python `str()`: `True`, `None`, `1.0`, `['a']`).
 * Unlike upstream, the input is not mutated (upstream edits the caller's tools in place, and the
 * Hammer client then serialises those edited originals). Where upstream would crash we carry on:
 * a missing description counts as `""`; a required name that is not a property is skipped;
 * step 3 skips the maps of step 1 (upstream would test them for a *property* named `default`
 * and fail on `+=`).
 */
export function toHammerTool(tool: ToolDef): Record<string, unknown> {
  return convertToFormatTool({ name: tool.name, description: tool.description, parameters: plainSchema(tool.parameters, tool.name) });
}

export function toHammerTools(tools: readonly ToolDef[]): Record<string, unknown>[] {
  return tools.map((t) => toHammerTool(t));
}

/**
 * As {@link toHammerTool} but with BFCL's type names (`dict`, `float`, `tuple`, …), as BFCL's
 * Hammer handler shows them: it converts the raw BFCL docs (after its language-specific
 * pre-processing), while the Hammer client converts OpenAI tools (JSON Schema names).
 */
export function toBfclHammerTool(tool: ToolDef): Record<string, unknown> {
  return convertToFormatTool(toBfclFunction(tool));
}

/**
 * `convert_to_format_tool` on a function doc as given (an OpenAI-style function or a raw BFCL
 * doc, e.g. after BFCL's language-specific pre-processing). Does not mutate `doc`.
 */
export function convertToFormatTool(doc: { name: string; description: string; parameters?: unknown }): Record<string, unknown> {
  const params = isJsonObject(doc.parameters) ? doc.parameters : {};
  const props: Record<string, unknown> = isJsonObject(params.properties) ? cloneJson(params.properties) : {};
  const flattened = new Set<string>();
  for (const p of Object.keys(props)) {
    const prop = props[p];
    if (isJsonObject(prop) && isJsonObject(prop.properties)) {
      const inner = prop.properties;
      setEntry(props, p, inner);
      flattened.add(p);
      if (Array.isArray(prop.required)) for (const r of prop.required) markRequired(inner, r);
    }
  }
  if (Array.isArray(params.required)) for (const r of params.required) markRequired(props, r);
  for (const p of Object.keys(props)) {
    const prop = props[p];
    if (flattened.has(p) || !isJsonObject(prop) || !Object.prototype.hasOwnProperty.call(prop, "default")) continue;
    const description = prop.description === undefined ? "" : prop.description;
    if (typeof description !== "string") continue;
    prop.description = `${description}default is '${pyStr(prop.default, prop, "default")}'`;
  }
  return { name: doc.name, description: doc.description, parameters: props };
}

function markRequired(props: Record<string, unknown>, name: unknown): void {
  if (typeof name !== "string" || !Object.prototype.hasOwnProperty.call(props, name)) return;
  const prop = props[name];
  if (isJsonObject(prop)) prop.required = true;
}
