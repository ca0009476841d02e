import type { ToolSchemaError } from "../errors.js";
import type { SchemaNode } from "./ir.js";

/** Where a schema lives: its tool (for messages), its JSON pointer, and the root its `$ref`s resolve against. */
export interface SchemaScope {
  toolName: string;
  /** Pointer of the schema root inside the tool, e.g. `/parameters`. */
  basePath: string;
  root: unknown;
  /** Unique per root, so equal pointers of two tools stay apart. */
  refPrefix: string;
  /** Rule-name stem for this root's definitions. */
  hint: string;
}

/** What the per-kind parsers (`parseObjectNode`, …) need from the parser driving them. */
export interface ParseContext {
  readonly scope: SchemaScope;
  /** Parse a subschema one level deeper. */
  parse(schema: unknown, path: string, depth: number): SchemaNode;
  /** Report a widening (once). */
  warn(path: string, message: string): void;
  /** The error for a malformed (or, with the code, unsupported) schema at `path`. */
  invalid(path: string, message: string, code?: "SCHEMA_INVALID" | "SCHEMA_UNSUPPORTED"): ToolSchemaError;
  /** A non-negative integer keyword (`minItems`, …), or undefined when absent. */
  count(schema: Record<string, unknown>, key: string, path: string): number | undefined;
}
