import { describe, expect, it } from "vitest";
import { ToolSchemaError } from "../errors.js";
import { parseJson } from "../json/index.js";
import type { ToolDef } from "../types.js";
import { assertValidTools } from "./assertValidTools.js";
import { compileSchema } from "./compileSchema.js";
import { validateValue } from "./validateValue.js";

function thrown(fn: () => unknown): ToolSchemaError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ToolSchemaError);
    return e as ToolSchemaError;
  }
  throw new Error("expected a ToolSchemaError");
}

const tool = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}): ToolDef => ({
  name: "t",
  description: "",
  parameters: { type: "object", properties: properties as ToolDef["parameters"]["properties"], ...extra },
});

describe("validateValue (response_format: json_schema)", () => {
  const schema = { type: "object", properties: { answer: { type: "string" }, score: { type: "integer" }, tags: { type: "array", items: { type: "string" } } }, required: ["answer"] };

  it("paths point into the value itself", () => {
    expect(validateValue(parseJson(`{"answer": "x", "score": 2}`), schema)).toEqual({ valid: true, errors: [] });
    expect(validateValue(parseJson(`{"score": 2.0, "tags": ["a", 1]}`), schema).errors).toEqual([
      { path: "/answer", message: 'missing required property "answer"' },
      { path: "/score", message: "must be integer, got a float (2.0)" },
      { path: "/tags/1", message: "must be string, got number" },
    ]);
    expect(validateValue("text", schema).errors).toEqual([{ path: "", message: "must be object, got string" }]);
    expect(validateValue(3, { type: "integer" }).valid).toBe(true);
  });

  it("supports 2020-12 schemas (prefixItems) and rejects unsupported drafts", () => {
    const s2020 = { $schema: "https://json-schema.org/draft/2020-12/schema", type: "array", prefixItems: [{ type: "string" }, { type: "integer" }], items: false };
    expect(validateValue(["a", 1], s2020).valid).toBe(true);
    expect(validateValue(["a", "b"], s2020).errors[0]?.path).toBe("/1");
    expect(validateValue(["a", 1, 2], s2020).valid).toBe(false);
    const e = thrown(() => validateValue({}, { $schema: "http://json-schema.org/draft-04/schema#" }, { label: "answer" }));
    expect(e.code).toBe("SCHEMA_UNSUPPORTED");
    expect(e.location).toBe("answer/$schema");
  });

  it("throws ToolSchemaError for an invalid schema", () => {
    const e = thrown(() => validateValue({}, { type: "object", properties: { a: { minimum: "x" } } }, { label: "answer" }));
    expect(e.location).toBe("answer/properties/a/minimum");
    expect(e.message).toMatch(/invalid JSON Schema: \/properties\/a\/minimum must be number/);
  });
});

describe("assertValidTools", () => {
  it("accepts valid tools, including loose ones (unknown keywords and formats)", () => {
    expect(() => assertValidTools([tool({ a: { type: "number", format: "float", optional: true, example: 1 } })])).not.toThrow();
  });

  it.each<[string, unknown[], string, RegExp]>([
    ["a keyword with a bad value", [tool({ a: { type: "integer", minimum: "1" } })], "t/parameters/properties/a/minimum", /must be number/],
    ["a bad pattern", [tool({ a: { type: "string", pattern: "(" } })], "t/parameters", /cannot be compiled/],
    ["an unresolvable $ref", [tool({ a: { $ref: "#/$defs/Missing" } })], "t/parameters", /cannot be compiled.*Missing/],
    ["a non-object tool", [tool({}), 7], "<tool #1>", /a tool must be an object/],
    ["an unknown type", [tool({ a: { type: "float" } })], "t/parameters/properties/a/type", /unknown type "float"/],
    ["required naming a missing property", [tool({ a: {} }, { required: ["b"] })], "t/parameters/required/0", /"b"/],
  ])("rejects %s with the path", (_kind, tools, location, msg) => {
    const e = thrown(() => assertValidTools(tools));
    expect(e.location).toBe(location);
    expect(e.message).toMatch(msg);
  });

  it("rejects duplicate names only when asked", () => {
    const tools = [tool({}), tool({})];
    expect(() => assertValidTools(tools)).not.toThrow();
    expect(thrown(() => assertValidTools(tools, { uniqueNames: true })).message).toMatch(/duplicate tool name/);
  });

  it("compiles schemas with $id more than once (ajv's registry is not kept)", () => {
    const s = { $id: "https://example.com/x", type: "object", properties: {} };
    expect(() => assertValidTools([tool({}, { $id: "https://example.com/x" })])).not.toThrow();
    expect(validateValue({}, { ...s }).valid).toBe(true);
    expect(validateValue({}, { ...s }).valid).toBe(true);
  });
});

describe("compileSchema cache", () => {
  it("reuses the validator for the same object and for an equal schema in another object", () => {
    const a = { type: "object", properties: { x: { type: "string" }, y: { type: "integer" } } };
    const b = { properties: { y: { type: "integer" }, x: { type: "string" } }, type: "object" };
    const va = compileSchema(a, "a");
    expect(compileSchema(a, "a")).toBe(va);
    expect(compileSchema(b, "b")).toBe(va);
    expect(compileSchema({ ...a, required: ["x"] }, "c")).not.toBe(va);
  });
});
