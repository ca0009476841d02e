import type { JsonSchema, ToolDef } from "../types.js";
import { ANNOTATION, isAnnotationKey } from "./annotations.js";
import { JSON_SCHEMA_TO_BFCL } from "./bfclTypes.js";
import { copyEntry, isJsonObject, moveEntry, ownValue } from "./copyEntry.js";
import { transformSchema } from "./transformSchema.js";

export interface ToBfclOptions {
  /** Undo fromBfclFunctions' `.` → `_` renaming: the `nameMap` it returned. */
  nameMap?: Readonly<Record<string, string>>;
}

export interface BfclFunctionDoc {
  name: string;
  description: string;
  parameters: JsonSchema;
  [key: string]: unknown;
}

/**
 * The BFCL function doc of a tool. Types go back through the `x-hammer-bfcl-type` annotation
 * where there is one, else object→dict, number→float (others unchanged, in place). A doc from
 * fromBfclFunction comes back exactly (an array's enum that went into `items` comes back too); `extra` keys (`response`) follow `parameters`. Other
 * annotations and the keys a converter added are removed.
 */
export function toBfclFunction(tool: ToolDef, options: ToBfclOptions = {}): BfclFunctionDoc {
  const name = options.nameMap && Object.prototype.hasOwnProperty.call(options.nameMap, tool.name) ? (options.nameMap[tool.name] as string) : tool.name;
  const parameters = transformSchema(tool.parameters, restoreBfclNode, tool.name);
  const out: BfclFunctionDoc = { name, description: tool.description, parameters };
  if (tool.extra) for (const k of Object.keys(tool.extra)) if (!Object.prototype.hasOwnProperty.call(out, k)) copyEntry(tool.extra, k, out);
  return out;
}

/** BFCL docs of a tool set, in order. */
export function toBfclFunctions(tools: readonly ToolDef[], options: ToBfclOptions = {}): BfclFunctionDoc[] {
  return tools.map((t) => toBfclFunction(t, options));
}

function restoreBfclNode(node: Record<string, unknown>): Record<string, unknown> {
  const source = node[ANNOTATION.bfclType];
  const dropped = new Set<string>();
  // Filled-in keys go (but a doc always has a type); keys derived from an xLAM type stay: BFCL docs have `items` too.
  if (Array.isArray(node[ANNOTATION.added])) for (const k of node[ANNOTATION.added] as unknown[]) if (k !== "type") dropped.add(String(k));
  const out: Record<string, unknown> = {};
  let typeWritten = false;
  for (const k of Object.keys(node)) {
    if (k === ANNOTATION.bfclType || k === "type") {
      // The annotation sits in the source type's slot (or just before the mapped type).
      if (typeWritten) continue;
      typeWritten = true;
      if (source !== undefined) out.type = source;
      else out.type = bfclName(node.type);
    } else if (k === ANNOTATION.bfclArrayEnum && isJsonObject(node.items) && node.items.enum !== undefined) {
      // The enum fromBfclFunction moved into items goes back to the array, in this slot.
      moveEntry(node.items, "enum", out);
      delete node.items.enum;
    } else if (isAnnotationKey(k) || dropped.has(k)) {
      continue;
    } else {
      moveEntry(node, k, out);
    }
  }
  return out;
}

function bfclName(type: unknown): unknown {
  if (typeof type === "string") return ownValue(JSON_SCHEMA_TO_BFCL, type) ?? type;
  if (Array.isArray(type)) return type.map((t) => (typeof t === "string" ? (ownValue(JSON_SCHEMA_TO_BFCL, t) ?? t) : t));
  return type;
}
