import { ToolSchemaError } from "../errors.js";
import { pointerToken } from "./copyEntry.js";

/**
 * Size caps for tool definitions. Real tools are far below them (the largest BFCL doc nests
 * 4 schema levels and has a few hundred JSON nodes); they exist so hostile input fails closed
 * with a clear error instead of exhausting the stack or memory.
 */
export const TOOL_LIMITS = {
  /** Nesting of the tool's JSON value (objects and arrays, any key). */
  maxJsonDepth: 128,
  /** JSON nodes in one tool (every object, array and scalar). */
  maxJsonNodes: 100_000,
  /** Nesting of subschemas (`properties` → `items` → …). */
  maxSchemaDepth: 32,
  /** Characters in a tool name. */
  maxNameLength: 256,
  /** Characters in a type string of the flat formats (`List[Dict[str, Any]]`). */
  maxTypeStringLength: 1000,
} as const;

/**
 * Walk `value` iteratively and throw when it nests deeper or holds more nodes than the limits
 * allow. Run first on untrusted input: the recursive converters then cannot overflow the stack,
 * and a cyclic object hits the depth cap instead of looping.
 */
export function checkJsonSize(value: unknown, toolName: string, basePath = ""): void {
  let nodes = 0;
  const stack: Array<[unknown, number, string]> = [[value, 0, basePath]];
  while (stack.length > 0) {
    const [v, depth, path] = stack.pop() as [unknown, number, string];
    if (++nodes > TOOL_LIMITS.maxJsonNodes) {
      throw new ToolSchemaError(toolName, basePath, `tool is too large (more than ${TOOL_LIMITS.maxJsonNodes} JSON nodes)`, "SCHEMA_UNSUPPORTED");
    }
    if (v === null || typeof v !== "object") continue;
    if (depth >= TOOL_LIMITS.maxJsonDepth) {
      throw new ToolSchemaError(toolName, path, `nested deeper than ${TOOL_LIMITS.maxJsonDepth} levels`, "SCHEMA_UNSUPPORTED");
    }
    if (Array.isArray(v)) v.forEach((x, i) => stack.push([x, depth + 1, `${path}/${i}`]));
    else for (const k of Object.keys(v)) stack.push([(v as Record<string, unknown>)[k], depth + 1, `${path}/${pointerToken(k)}`]);
  }
}
