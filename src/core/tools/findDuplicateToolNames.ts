import { ToolSchemaError } from "../errors.js";
import type { ToolDef } from "../types.js";

/**
 * Names that occur more than once in a tool set, each with the indices where it occurs, in order
 * of first occurrence. xLAM rows and Hammer's masked rows do repeat tools, so this reports and
 * lets the caller decide (dedupe, keep the first, reject).
 */
export function findDuplicateToolNames(tools: readonly Pick<ToolDef, "name">[]): Array<{ name: string; indices: number[] }> {
  const at = new Map<string, number[]>();
  tools.forEach((t, i) => {
    const list = at.get(t.name);
    if (list) list.push(i);
    else at.set(t.name, [i]);
  });
  return [...at].filter(([, indices]) => indices.length > 1).map(([name, indices]) => ({ name, indices }));
}

/** Throw ToolSchemaError for the first name that occurs twice (e.g. an OpenAI request, where a name must pick one tool). */
export function assertUniqueToolNames(tools: readonly Pick<ToolDef, "name">[]): void {
  const dup = findDuplicateToolNames(tools)[0];
  if (dup) throw new ToolSchemaError(dup.name, "/name", `duplicate tool name (tools ${dup.indices.join(", ")} of the set)`);
}
