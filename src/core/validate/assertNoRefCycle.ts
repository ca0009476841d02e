import { ToolSchemaError } from "../errors.js";
import { SchemaRefGraph } from "./SchemaRefGraph.js";

/**
 * Refuse a schema in which some subschema reaches itself through `$ref`s and combinators without
 * descending into a property or item (`{"$ref": "#"}`, `A → B → A`, `A = anyOf[A, …]`): no value
 * can be checked against it (JSON Schema leaves it undefined; ajv recurses until the stack
 * overflows). Throws ToolSchemaError (SCHEMA_INVALID) at the cycle's first schema, naming the cycle.
 */
export function assertNoRefCycle(schema: unknown, label: string, basePath = "", graph?: SchemaRefGraph): void {
  if (!graph && !SchemaRefGraph.mayRefer(schema)) return;
  const cycle = (graph ?? new SchemaRefGraph(schema)).findCycle();
  if (cycle === null) return;
  const at = (cycle[0] as string).slice(1);
  throw new ToolSchemaError(label, `${basePath}${at}`, `$ref cycle that never descends into a property or item: ${cycle.join(" → ")}`);
}
