import { describe, expect, it } from "vitest";
import { HammerError, ToolSchemaError } from "../errors.js";
import type { JsonSchema, ToolDef } from "../types.js";
import { assertNoRefCycle } from "./assertNoRefCycle.js";
import { assertValidTools } from "./assertValidTools.js";
import { checkJsonSchema, compileSchema } from "./compileSchema.js";
import { MAX_VALUE_DEPTH } from "./runValidator.js";
import { SchemaRefGraph } from "./SchemaRefGraph.js";
import { validateCall } from "./validateCall.js";
import { validateValue } from "./validateValue.js";

/** Schemas ajv would follow around a `$ref` cycle until the stack overflows, and the ones it handles. */

function refused(fn: () => unknown): ToolSchemaError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ToolSchemaError);
    expect((e as Error).message).not.toMatch(/call stack/i);
    return e as ToolSchemaError;
  }
  throw new Error("expected a ToolSchemaError");
}

const CYCLES: Array<[string, Record<string, unknown>, string, string]> = [
  ["a self-referencing root", { type: "object", $ref: "#" }, "", "# → #"],
  ["allOf of itself", { type: "object", allOf: [{ $ref: "#" }] }, "", "# → #/allOf/0 → #"],
  ["not of itself", { type: "object", not: { $ref: "#" } }, "", "# → #/not → #"],
  ["a dependency schema of itself", { type: "object", dependencies: { a: { $ref: "#" } } }, "", "# → #/dependencies/a → #"],
  ["a cycle through definitions", { type: "object", properties: { x: { $ref: "#/definitions/A" } }, definitions: { A: { $ref: "#/definitions/B" }, B: { $ref: "#/definitions/A" } } }, "/definitions/A", "#/definitions/A → #/definitions/B → #/definitions/A"],
  ["an anyOf in $defs", { type: "object", properties: { x: { $ref: "#/$defs/A" } }, $defs: { A: { anyOf: [{ $ref: "#/$defs/A" }, { type: "string" }] } } }, "/$defs/A", "#/$defs/A → #/$defs/A/anyOf/0 → #/$defs/A"],
  ["a $ref resolved against a nested $id", { type: "object", properties: { a: { $id: "http://example.com/a", $ref: "#" } } }, "/properties/a", "#/properties/a → #/properties/a"],
  ["a nested $id by relative URI", { $id: "http://example.com/root.json", type: "object", properties: { a: { $id: "a.json", allOf: [{ $ref: "a.json" }] } } }, "/properties/a", "#/properties/a → #/properties/a/allOf/0 → #/properties/a"],
  ["a draft-07 plain-name anchor", { type: "object", properties: { x: { $ref: "#n" } }, definitions: { n: { $id: "#n", oneOf: [{ $ref: "#n" }] } } }, "/definitions/n", "#/definitions/n → #/definitions/n/oneOf/0 → #/definitions/n"],
  ["a 2020-12 $anchor", { $schema: "https://json-schema.org/draft/2020-12/schema", type: "object", properties: { x: { $ref: "#n" } }, $defs: { n: { $anchor: "n", allOf: [{ $ref: "#n" }] } } }, "/$defs/n", "#/$defs/n → #/$defs/n/allOf/0 → #/$defs/n"],
  ["$recursiveRef", { $schema: "https://json-schema.org/draft/2019-09/schema", $recursiveAnchor: true, type: "object", allOf: [{ $recursiveRef: "#" }] }, "", "# → #/allOf/0 → #"],
  ["a pointer into a percent-encoded key", { type: "object", properties: { x: { $ref: "#/$defs/a%20b" } }, $defs: { "a b": { anyOf: [{ $ref: "#/$defs/a%20b" }] } } }, "/$defs/a b", "#/$defs/a b → #/$defs/a b/anyOf/0 → #/$defs/a b"],
];

describe("$ref cycles that never descend into a value", () => {
  it.each(CYCLES)("%s: refused by compileSchema and checkJsonSchema, naming the cycle", (_name, schema, at, cycle) => {
    for (const check of [() => compileSchema(schema as JsonSchema, "t", "/parameters"), () => checkJsonSchema(schema as JsonSchema, "t", "/parameters")]) {
      const e = refused(check);
      expect(e.code).toBe("SCHEMA_INVALID");
      expect(e.jsonPath).toBe(`/parameters${at}`);
      expect(e.message).toBe(`tool "t" at /parameters${at}: $ref cycle that never descends into a property or item: ${cycle}`);
    }
  });

  it("assertValidTools names the tool", () => {
    const tool: ToolDef = { name: "loop", description: "", parameters: { type: "object", properties: {}, $ref: "#" } };
    expect(refused(() => assertValidTools([tool])).message).toMatch(/^tool "loop" at \/parameters: \$ref cycle/);
  });

  it.each<[string, unknown]>([
    ["a tree (recursion through properties)", { type: "object", properties: { a: { $ref: "#" } } }],
    ["items, additionalProperties, propertyNames, contains", { type: "object", additionalProperties: { $ref: "#" }, propertyNames: { $ref: "#" }, properties: { l: { type: "array", items: { $ref: "#" }, contains: { $ref: "#" } } } }],
    ["a diamond of definitions", { allOf: [{ $ref: "#/$defs/b" }, { $ref: "#/$defs/c" }], $defs: { b: { $ref: "#/$defs/d" }, c: { $ref: "#/$defs/d" }, d: { type: "object" } } }],
    ["a cycle in definitions nothing uses", { type: "object", definitions: { A: { $ref: "#/definitions/B" }, B: { $ref: "#/definitions/A" } } }],
    ["a nested $id whose refs descend", { type: "object", properties: { a: { $id: "http://example.com/a", type: "object", properties: { b: { $ref: "#" } } } } }],
    ["unresolvable or garbage refs (ajv reports those)", { type: "object", properties: { a: { $ref: "#/nope" }, b: { $ref: "http://[bad" }, c: { $ref: "#%E0%A4%A" } } }],
    ["not a schema object", true],
  ])("%s: no cycle", (_name, schema) => {
    expect(new SchemaRefGraph(schema).findCycle()).toBeNull();
    expect(() => assertNoRefCycle(schema, "t")).not.toThrow();
  });

  it("survives a long chain of definitions and a wide fan-out without recursion", () => {
    const n = 20_000;
    const defs: Record<string, unknown> = {};
    for (let i = 0; i < n; i++) defs[`d${i}`] = { allOf: [{ $ref: `#/$defs/d${i + 1}` }] };
    defs[`d${n}`] = { anyOf: [{ $ref: "#/$defs/d0" }] };
    const cycle = new SchemaRefGraph({ $ref: "#/$defs/d0", $defs: defs }).findCycle();
    expect(cycle?.length).toBe(2 * n + 3);
    expect(cycle?.[0]).toBe("#/$defs/d0");
    delete defs[`d${n}`];
    defs[`d${n}`] = { type: "string" };
    expect(new SchemaRefGraph({ $ref: "#/$defs/d0", $defs: defs }).findCycle()).toBeNull();
  });

  it("a JS object graph that is itself cyclic is walked once", () => {
    const s: Record<string, unknown> = { type: "object", properties: {} };
    (s.properties as Record<string, unknown>).self = s;
    expect(new SchemaRefGraph(s).findCycle()).toBeNull();
    s.allOf = [s];
    expect(new SchemaRefGraph(s).findCycle()).toEqual(["#", "#"]);
  });
});

describe("validation of deep values fails closed", () => {
  const tree = { type: "object", properties: { c: { type: "array", items: { $ref: "#" } } } };
  const nest = (levels: number): unknown => {
    let v: unknown = {};
    for (let i = 0; i < levels; i++) v = { c: [v] };
    return v;
  };

  it(`a value nested up to ${MAX_VALUE_DEPTH} levels is validated; deeper is invalid with a message, not a crash`, () => {
    expect(validateValue(nest(MAX_VALUE_DEPTH / 2 - 1), tree).valid).toBe(true);
    const r = validateValue(nest(MAX_VALUE_DEPTH), tree);
    expect(r.valid).toBe(false);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]?.message).toBe(`nested deeper than ${MAX_VALUE_DEPTH} levels`);
    expect(r.errors[0]?.path).toMatch(/^(\/c\/0){256}$/);
    const tool: ToolDef = { name: "t", description: "", parameters: tree as ToolDef["parameters"] };
    const call = validateCall({ name: "t", arguments: nest(MAX_VALUE_DEPTH) as Record<string, unknown> }, [tool]);
    expect(call.valid).toBe(false);
    expect(call.errors[0]?.path).toMatch(/^\/arguments(\/c\/0){256}$/);
  });

  it("a cyclic JS value ends in a HammerError (LIMIT_EXCEEDED), not a RangeError", () => {
    const v: Record<string, unknown> = {};
    v.c = [v];
    let caught: unknown;
    try {
      validateValue(v, tree, { label: "answer" });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(HammerError);
    expect((caught as HammerError).code).toBe("LIMIT_EXCEEDED");
    expect((caught as HammerError).describe()).toBe("answer: the value nests too deeply to be validated");
  });
});
