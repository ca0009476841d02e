import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { ToolSchemaError } from "../errors.js";
import { Rng } from "../rng.js";
import { compileSchemaGrammar } from "./compileSchemaGrammar.js";
import { compileToolGrammar } from "./compileToolGrammar.js";
import { Language } from "./testing/Language.js";

/**
 * Recursive schemas: each one either compiles to a grammar whose every rule can be finished and
 * whose outputs validate, or is refused before generation (SCHEMA_INVALID when no value could be
 * checked or none is finite, SCHEMA_UNSUPPORTED when the grammar cannot follow the reference).
 */

const ajv = new Ajv2020({ strict: false });

function refusal(schema: unknown, asTool = false): ToolSchemaError {
  try {
    if (asTool) compileToolGrammar({ syntax: { kind: "json-list", open: "", close: "" }, tools: [{ name: "f", description: "", parameters: schema as never }], choice: "required", parallel: false });
    else compileSchemaGrammar(schema);
  } catch (e) {
    expect(e).toBeInstanceOf(ToolSchemaError);
    expect((e as Error).message).not.toMatch(/call stack/i);
    return e as ToolSchemaError;
  }
  throw new Error(`expected ${JSON.stringify(schema)} to be refused`);
}

/** Compile, then check: no dead rule, samples validate, and the given texts are accepted / rejected. */
function compiles(schema: Record<string, unknown>, accept: string[] = [], reject: string[] = []): Language {
  const l = Language.of(compileSchemaGrammar(schema));
  expect(l.deadRules()).toEqual([]);
  const validate = ajv.compile(schema);
  const rng = new Rng(7);
  for (let i = 0; i < 40; i++) {
    const s = l.sample(rng, { maxDepth: 12 });
    expect(validate(JSON.parse(s)), `sampled ${s}: ${ajv.errorsText(validate.errors)}`).toBe(true);
  }
  for (const s of accept) expect(l.accepts(s), `should accept ${s}`).toBe(true);
  for (const s of reject) expect(l.accepts(s), `should reject ${s}`).toBe(false);
  return l;
}

describe("recursion that never reaches a value is refused, naming the cycle", () => {
  it.each<[string, unknown, string, string]>([
    ["a self-referencing root", { $ref: "#" }, "", "# → #"],
    ["a root with siblings beside its self-reference", { type: "object", $ref: "#", properties: {} }, "", "# → #"],
    ["a root that is allOf itself", { allOf: [{ $ref: "#" }] }, "", "# → #/allOf/0 → #"],
    ["a cycle through definitions", { $ref: "#/definitions/A", definitions: { A: { $ref: "#/definitions/B" }, B: { $ref: "#/definitions/A" } } }, "/definitions/A", "#/definitions/A → #/definitions/B → #/definitions/A"],
    ["a cycle through $defs under a property", { type: "object", properties: { x: { $ref: "#/$defs/A" } }, $defs: { A: { anyOf: [{ type: "null" }, { $ref: "#/$defs/A" }] } } }, "/$defs/A", "#/$defs/A → #/$defs/A/anyOf/1 → #/$defs/A"],
    ["a cycle through not and dependencies", { type: "object", dependencies: { a: { not: { $ref: "#" } } } }, "", "# → #/dependencies/a → #/dependencies/a/not → #"],
    ["a draft-07 anchor that is allOf itself", { $ref: "#node", definitions: { n: { $id: "#node", allOf: [{ $ref: "#node" }] } } }, "/definitions/n", "#/definitions/n → #/definitions/n/allOf/0 → #/definitions/n"],
  ])("%s", (_name, schema, at, cycle) => {
    for (const asTool of [false, true]) {
      const e = refusal(schema, asTool);
      expect(e.code).toBe("SCHEMA_INVALID");
      expect(e.jsonPath).toBe(`${asTool ? "/parameters" : ""}${at}`);
      expect(e.message).toContain(`$ref cycle that never descends into a property or item: ${cycle}`);
    }
  });
});

describe("recursion without a finite instance is refused, naming the path", () => {
  it.each<[string, unknown, string, string]>([
    ["a required property that is the root", { type: "object", properties: { a: { $ref: "#" } }, required: ["a"] }, "/properties/a", "#/properties/a → # → #/properties/a"],
    ["a required array of the root with minItems 1", { type: "object", properties: { k: { type: "array", items: { $ref: "#" }, minItems: 1 } }, required: ["k"] }, "/properties/k", "#/properties/k → # → #/properties/k"],
    [
      "mutual recursion through definitions",
      { $ref: "#/$defs/A", $defs: { A: { type: "object", properties: { b: { $ref: "#/$defs/B" } }, required: ["b"] }, B: { type: "array", prefixItems: [{ $ref: "#/$defs/A" }], minItems: 1 } } },
      "/$defs/A",
      "#/$defs/A → #/$defs/A/properties/b → #/$defs/B → #/$defs/A",
    ],
    [
      "anyOf options that all recurse",
      { type: "object", properties: { v: { anyOf: [{ $ref: "#" }, { type: "array", items: { $ref: "#" }, minItems: 2 }] } }, required: ["v"] },
      "/properties/v",
      "#/properties/v → # → #/properties/v",
    ],
  ])("%s", (_name, schema, at, chain) => {
    for (const asTool of [false, true]) {
      const e = refusal(schema, asTool);
      expect(e.code).toBe("SCHEMA_INVALID");
      expect(e.jsonPath).toBe(`${asTool ? "/parameters" : ""}${at}`);
      expect(e.message).toContain(`admits no finite value: it must contain itself again without end (${chain})`);
    }
  });
});

describe("recursion the grammar cannot follow is unsupported, with the path", () => {
  it.each<[string, unknown, string]>([
    ["$recursiveRef", { $schema: "https://json-schema.org/draft/2019-09/schema", type: "object", properties: { a: { $recursiveRef: "#" } } }, "/properties/a/$recursiveRef"],
    ["$dynamicRef", { type: "object", $dynamicAnchor: "n", properties: { a: { $dynamicRef: "#n" } } }, "/properties/a/$dynamicRef"],
    [
      "a $ref under a nested $id",
      { type: "object", properties: { a: { $id: "http://example.com/a", type: "object", properties: { b: { $ref: "#/definitions/D" } }, definitions: { D: { type: "integer" } } } }, definitions: { D: { type: "string" } } },
      "/properties/a/properties/b/$ref",
    ],
  ])("%s", (_name, schema, at) => {
    const e = refusal(schema);
    expect(e.code).toBe("SCHEMA_UNSUPPORTED");
    expect(e.jsonPath).toBe(at);
  });
});

describe("recursion with finite instances compiles, and every rule can be finished", () => {
  it("an optional self-reference", () => {
    compiles({ type: "object", properties: { a: { $ref: "#" } } }, ["{}", '{"a": {}}', '{"a": {"a": {"a": {}}}}'], ['{"a": 1}', '{"b": {}}']);
  });

  it("a tree: an array of itself with minItems 0", () => {
    const tree = { type: "object", properties: { v: { type: "integer" }, kids: { type: "array", items: { $ref: "#" } } }, required: ["v", "kids"] };
    compiles(tree, ['{"v": 1, "kids": []}', '{"v": 1, "kids": [{"v": 2, "kids": []}]}'], ['{"v": 1}', '{"v": 1, "kids": [{}]}']);
  });

  it("an expression: anyOf a leaf or a node of itself", () => {
    const expr = {
      $ref: "#/$defs/e",
      $defs: { e: { anyOf: [{ type: "integer" }, { type: "object", properties: { op: { enum: ["+", "*"] }, args: { type: "array", items: { $ref: "#/$defs/e" }, minItems: 2, maxItems: 2 } }, required: ["op", "args"] }] } },
    };
    compiles(expr, ["1", '{"op": "+", "args": [1, {"op": "*", "args": [2, 3]}]}'], ['{"op": "+", "args": [1]}']);
  });

  it("a recursion through allOf (merged with siblings) compiles instead of unfolding to the depth limit", () => {
    compiles({ type: "object", properties: { x: { allOf: [{ $ref: "#" }], description: "again" }, n: { type: "integer" } } }, ['{"x": {"x": {"n": 1}}}', "{}"], ['{"x": {"y": 1}}']);
    compiles({ $ref: "#/$defs/node", $defs: { node: { type: "object", properties: { next: { $ref: "#/$defs/node", title: "next" } } } } }, ['{"next": {"next": {}}}'], ['{"next": 1}']);
  });

  it("drops optional parts that have no finite value instead of leaving the model a dead end", () => {
    const dead = { type: "object", properties: { x: { $ref: "#/$defs/loop" }, ok: { type: "boolean" } }, $defs: { loop: { type: "object", properties: { again: { $ref: "#/$defs/loop" } }, required: ["again"] } } };
    compiles(dead, ["{}", '{"ok": true}'], ['{"x": {"again": {}}}']);
    const option = { type: "object", properties: { v: { anyOf: [{ type: "string" }, { $ref: "#/$defs/loop" }] } }, $defs: dead.$defs };
    compiles(option, ['{"v": "s"}'], ['{"v": {"again": {}}}']);
    const items = { type: "array", prefixItems: [{ type: "integer" }, { $ref: "#/$defs/loop" }], items: { type: "integer" }, $defs: dead.$defs };
    compiles(items, ["[]", "[1]"], ["[1, 2]"]);
    // the dropped name stays out of the extra keys too (ajv would check it against the dead schema)
    compiles({ ...dead, additionalProperties: { type: "object" } }, ['{"y": {}}', '{"xx": {}}'], ['{"x": {}}', '{"ok": true, "x": {"again": {}}}']);
  });

  it("a definition cycle that is never used does not matter", () => {
    compiles({ type: "object", properties: { a: { type: "string" } }, definitions: { A: { $ref: "#/definitions/B" }, B: { $ref: "#/definitions/A" } } }, ['{"a": "x"}']);
  });

  it("tool arguments: recursive tools share one grammar, each checked on its own", () => {
    const tree = { type: "object" as const, properties: { kids: { type: "array", items: { $ref: "#" }, maxItems: 2 } } };
    const g = compileToolGrammar({ syntax: { kind: "json-list", open: "", close: "" }, tools: [{ name: "a", description: "", parameters: tree }, { name: "b", description: "", parameters: { ...tree, required: ["kids"] } }], choice: "required", parallel: true });
    const l = Language.of(g);
    expect(l.deadRules()).toEqual([]);
    expect(l.accepts('[{"name": "a", "arguments": {"kids": [{}, {"kids": []}]}}, {"name": "b", "arguments": {"kids": [{"kids": []}]}}]')).toBe(true);
    expect(l.accepts('[{"name": "b", "arguments": {"kids": [{}]}}]')).toBe(false);
  });
});
