/**
 * Tool-parameter schemas that once got past validation and ended in a crash or a burnt token
 * budget (issue 11): each must be refused before generation, with a message naming the cycle or
 * the path that has no finite value, never with internal text.
 */
export const HOSTILE_SCHEMAS: ReadonlyArray<{ name: string; schema: Record<string, unknown>; message: RegExp }> = [
  { name: "a root that is a $ref to itself", schema: { $ref: "#" }, message: /\$ref cycle .*# → #/ },
  { name: "a root that is allOf itself", schema: { type: "object", allOf: [{ $ref: "#" }] }, message: /# → #\/allOf\/0 → #/ },
  { name: "a root that is not itself", schema: { type: "object", not: { $ref: "#" } }, message: /# → #\/not → #/ },
  {
    name: "a $ref cycle through definitions",
    schema: { type: "object", properties: { x: { $ref: "#/definitions/A" } }, definitions: { A: { $ref: "#/definitions/B" }, B: { $ref: "#/definitions/A" } } },
    message: /#\/definitions\/A → #\/definitions\/B → #\/definitions\/A/,
  },
  {
    name: "an anyOf that starts with itself ($defs)",
    schema: { type: "object", properties: { x: { $ref: "#/$defs/A" } }, $defs: { A: { anyOf: [{ $ref: "#/$defs/A" }, { type: "string" }] } } },
    message: /#\/\$defs\/A → #\/\$defs\/A\/anyOf\/0 → #\/\$defs\/A/,
  },
  {
    name: "a $ref resolved against a nested $id",
    schema: { type: "object", properties: { a: { $id: "http://example.com/a", $ref: "#" } } },
    message: /#\/properties\/a → #\/properties\/a/,
  },
  {
    name: "a required property that is the root again",
    schema: { type: "object", properties: { a: { $ref: "#" } }, required: ["a"] },
    message: /properties\/a: admits no finite value: .*\(#\/properties\/a → # → #\/properties\/a\)/,
  },
  {
    name: "a required chain with no end through definitions",
    schema: {
      type: "object",
      properties: { head: { $ref: "#/definitions/Node" } },
      required: ["head"],
      definitions: { Node: { type: "object", properties: { next: { $ref: "#/definitions/Node" } }, required: ["next"] } },
    },
    message: /properties\/head: admits no finite value: .*\(#\/properties\/head → #\/definitions\/Node → #\/definitions\/Node\/properties\/next → #\/definitions\/Node\)/,
  },
  {
    name: "a required non-empty array of the root",
    schema: { type: "object", properties: { kids: { type: "array", items: { $ref: "#" }, minItems: 1 } }, required: ["kids"] },
    message: /properties\/kids: admits no finite value: .*\(#\/properties\/kids → # → #\/properties\/kids\)/,
  },
];

/** A recursive schema with finite instances (a tree): it must compile and its calls validate. */
export const TREE_SCHEMA = {
  type: "object",
  properties: {
    label: { enum: ["a", "b"] },
    children: { type: "array", items: { $ref: "#" }, maxItems: 2 },
  },
  required: ["label"],
} as const;
