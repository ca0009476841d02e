/**
 * The compiler's intermediate representation: what a schema accepts, validated once by
 * {@link SchemaParser} and free of JSON Schema's many spellings. The emitter works from this alone.
 */

export type StringFormat = "date" | "time" | "date-time" | "uuid" | "email";

export type SchemaNode =
  /** Any JSON value. */
  | { kind: "any" }
  /** Nothing (schema `false`, an empty `enum`); options and optional properties of this kind are dropped. */
  | { kind: "never" }
  | { kind: "null" }
  | { kind: "boolean" }
  /** One of these JSON values (`enum`, `const`), each with its float marks resolved. */
  | { kind: "const"; values: ConstValue[] }
  /** An integer in [min, max] (inclusive; null = up to the digit cap). */
  | { kind: "integer"; min: bigint | null; max: bigint | null }
  /** A finite JSON number; `nonNegative` for the cheap exact `minimum: 0`, `positive` for `exclusiveMinimum: 0`. */
  | { kind: "number"; sign: "any" | "nonNegative" | "positive" }
  /** A string of [minLength, maxLength] code points (maxLength null = unbounded), or of a format. */
  | { kind: "string"; minLength: number; maxLength: number | null; format: StringFormat | null }
  | ArrayNode
  | ObjectNode
  | { kind: "anyOf"; options: SchemaNode[] }
  /** A `$ref` to a definition, by id in the definition table (recursion goes through here). */
  | { kind: "ref"; id: string };

export interface ArrayNode {
  kind: "array";
  /** Positional items (`prefixItems`, or draft-07 array-form `items`). */
  prefix: SchemaNode[];
  /** Items after the prefix; null = no more items allowed. */
  items: SchemaNode | null;
  minItems: number;
  /** null = unbounded. */
  maxItems: number | null;
}

export interface ObjectNode {
  kind: "object";
  /** Declared properties in declaration order. */
  properties: PropertyNode[];
  /** Schema of keys other than the declared ones; null = no other keys. */
  additional: SchemaNode | null;
  /** Declared names whose schema admits no value: never written, not even as extra keys. */
  forbidden: string[];
  /** Bounds on how many extra keys may be written (only used when there are no declared properties). */
  minExtra: number;
  maxExtra: number | null;
}

export interface PropertyNode {
  name: string;
  node: SchemaNode;
  required: boolean;
  /** JSON pointer of the property's schema in its tool (for messages). */
  path: string;
}

/** A `$ref` target (or a recursive `allOf`), parsed once; recursion goes through its id. */
export interface DefEntry {
  id: string;
  /** JSON pointer in its tool (for messages). */
  path: string;
  /** Rule-name stem. */
  hint: string;
  /** null while it is being parsed (a recursive reference sees it so). */
  node: SchemaNode | null;
}

/** A literal JSON value; numbers carry whether Python would print them as floats (`5.0`). */
export type ConstValue =
  | null
  | boolean
  | string
  | { num: number; float: boolean }
  | ConstValue[]
  | { obj: Array<[string, ConstValue]> };
