import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { markFloat, parseJson } from "../json/index.js";
import { fromBfclFunction } from "../tools/fromBfclFunction.js";
import { fromXlamTool } from "../tools/fromXlamTool.js";
import type { JsonSchema, ToolDef } from "../types.js";
import { validateCall } from "./validateCall.js";

const WEATHER: ToolDef = {
  name: "get_weather",
  description: "Weather.",
  parameters: {
    type: "object",
    properties: {
      city: { type: "string" },
      unit: { type: "string", enum: ["celsius", "fahrenheit"] },
      days: { type: "integer", minimum: 1 },
      kind: { const: "forecast" },
      loc: { type: "object", properties: { lat: { type: "number" }, lon: { type: "number" } }, required: ["lat", "lon"], additionalProperties: false },
      hours: { type: "array", items: { type: "integer" } },
      when: { type: "string", format: "date-time" },
      ratio: { type: "number", format: "float" },
      "a/b": { type: "string" },
    },
    required: ["city"],
  },
};
const STRICT: ToolDef = { name: "strict", description: "", parameters: { type: "object", properties: { a: { type: "string" } }, additionalProperties: false } };
const TOOLS = [WEATHER, STRICT];

/** Arguments parsed as the engine parses model output (parseJson keeps 5.0 apart from 5). */
const call = (name: string, args: string) => validateCall({ name, arguments: parseJson(args) as Record<string, unknown> }, TOOLS);

describe("validateCall", () => {
  it("accepts a valid call", () => {
    expect(call("get_weather", `{"city": "Paris", "unit": "celsius", "days": 3, "loc": {"lat": 1.5, "lon": 2}, "hours": [1, 2], "when": "2024-01-02T03:04:05Z", "ratio": 0.5}`)).toEqual({ valid: true, errors: [] });
  });

  it.each<[string, string, string, RegExp]>([
    ["unknown function", "get_wether", "{}", /unknown function "get_wether"; available: get_weather, strict/],
    ["wrong type", "get_weather", `{"city": 5}`, /must be string, got number/],
    ["missing required", "get_weather", `{}`, /missing required argument "city"/],
    ["enum", "get_weather", `{"city": "P", "unit": "kelvin"}`, /must be one of \["celsius","fahrenheit"\], got "kelvin"/],
    ["const", "get_weather", `{"city": "P", "kind": "history"}`, /must be "forecast", got "history"/],
    ["minimum", "get_weather", `{"city": "P", "days": 0}`, /must be >= 1/],
    ["nested required", "get_weather", `{"city": "P", "loc": {"lat": 1}}`, /missing required property "lon"/],
    ["nested additionalProperties", "get_weather", `{"city": "P", "loc": {"lat": 1, "lon": 2, "alt": 3}}`, /unexpected property "alt"/],
    ["array item", "get_weather", `{"city": "P", "hours": [1, 2, "3"]}`, /must be integer, got string/],
    ["format", "get_weather", `{"city": "P", "when": "tomorrow"}`, /must match format "date-time"/],
    ["additionalProperties false at the top", "strict", `{"a": "x", "b": 1}`, /unexpected argument "b" \(the schema allows no others\)/],
    ["escaped pointer", "get_weather", `{"city": "P", "a/b": 1}`, /must be string/],
  ])("%s", (_kind, name, args, msg) => {
    const r = call(name, args);
    expect(r.valid).toBe(false);
    expect(r.errors.map((e) => e.message).join("\n")).toMatch(msg);
  });

  it("names the argument at fault with a JSON pointer", () => {
    const paths = (name: string, args: string) => call(name, args).errors.map((e) => e.path);
    expect(paths("get_wether", "{}")).toEqual(["/name"]);
    expect(paths("get_weather", `{"city": 5}`)).toEqual(["/arguments/city"]);
    expect(paths("get_weather", `{}`)).toEqual(["/arguments/city"]);
    expect(paths("get_weather", `{"city": "P", "unit": "k"}`)).toEqual(["/arguments/unit"]);
    expect(paths("get_weather", `{"city": "P", "loc": {"lat": 1}}`)).toEqual(["/arguments/loc/lon"]);
    expect(paths("get_weather", `{"city": "P", "hours": [1, 2, "3"]}`)).toEqual(["/arguments/hours/2"]);
    expect(paths("strict", `{"a": "x", "b": 1}`)).toEqual(["/arguments/b"]);
    expect(paths("get_weather", `{"city": "P", "a/b": 1}`)).toEqual(["/arguments/a~1b"]);
    expect(paths("get_weather", `{"city": 1, "days": "x"}`).sort()).toEqual(["/arguments/city", "/arguments/days"]);
  });

  it("does not invent strictness: unknown arguments pass when the schema allows them", () => {
    expect(call("get_weather", `{"city": "P", "whatever": [1]}`).valid).toBe(true);
  });

  it("rejects non-object arguments", () => {
    const r = validateCall({ name: "get_weather", arguments: [] as unknown as Record<string, unknown> }, TOOLS);
    expect(r.errors).toEqual([{ path: "/arguments", message: "arguments must be an object, got array" }]);
  });

  it("integer rejects a value written as a float (5.0), accepts 5; number accepts both", () => {
    expect(call("get_weather", `{"city": "P", "days": 5}`).valid).toBe(true);
    const r = call("get_weather", `{"city": "P", "days": 5.0}`);
    expect(r).toEqual({ valid: false, errors: [{ path: "/arguments/days", message: "must be integer, got a float (5.0)" }] });
    expect(call("get_weather", `{"city": "P", "days": 5.5}`).errors).toEqual([{ path: "/arguments/days", message: "must be integer, got number" }]);
    expect(call("get_weather", `{"city": "P", "hours": [1, 2.0]}`).errors).toEqual([{ path: "/arguments/hours/1", message: "must be integer, got a float (2.0)" }]);
    expect(call("get_weather", `{"city": "P", "loc": {"lat": 1.0, "lon": 2}, "ratio": 3.0}`).valid).toBe(true);
    const nullable: ToolDef = { name: "n", description: "", parameters: { type: "object", properties: { x: { type: ["integer", "null"] }, y: { type: ["integer", "number"] } } } };
    expect(validateCall({ name: "n", arguments: parseJson(`{"x": 1.0}`) as Record<string, unknown> }, [nullable]).valid).toBe(false);
    expect(validateCall({ name: "n", arguments: parseJson(`{"x": null, "y": 1.0}`) as Record<string, unknown> }, [nullable]).valid).toBe(true);
  });

  it("validates against converted BFCL and xLAM tools", () => {
    const bfcl = fromBfclFunction(parseJson(`{"name": "f", "description": "", "parameters": {"type": "dict", "properties": {"x": {"type": "any"}, "p": {"type": "tuple", "items": {"type": "float"}}, "n": {"type": "integer"}}, "required": ["x"]}}`));
    const ok = (args: string, t: ToolDef) => validateCall({ name: t.name, arguments: parseJson(args) as Record<string, unknown> }, [t]).valid;
    expect(ok(`{"x": {"any": ["thing"]}, "p": [1, 2.5]}`, bfcl)).toBe(true);
    expect(ok(`{"x": null}`, bfcl)).toBe(true);
    expect(ok(`{"x": 1, "p": ["a"]}`, bfcl)).toBe(false);
    expect(ok(`{"x": 1, "n": 5.0}`, bfcl)).toBe(false); // BFCL: no float→int
    const xlam = fromXlamTool(parseJson(`{"name": "g", "description": "", "parameters": {"ids": {"type": "List[int]", "description": ""}, "q": {"type": "Optional[str]", "description": "", "default": null}}}`));
    expect(ok(`{"ids": [1, 2], "q": null}`, xlam)).toBe(true);
    expect(ok(`{"ids": [1, "2"]}`, xlam)).toBe(false);
    expect(ok(`{"q": "x"}`, xlam)).toBe(false);
  });
});

// ---- property: arguments generated to satisfy a random simple schema validate; a mutated one does not ----

type Leaf = { type: "string" | "integer" | "number" | "boolean" } | { type: "string"; enum: string[] };
const leafArb: fc.Arbitrary<Leaf> = fc.oneof(
  fc.constantFrom<Leaf>({ type: "string" }, { type: "integer" }, { type: "number" }, { type: "boolean" }),
  fc.uniqueArray(fc.string({ maxLength: 6 }), { minLength: 1, maxLength: 4 }).map((e) => ({ type: "string" as const, enum: e })),
);
const keyArb = fc.stringMatching(/^[a-z_][a-z0-9_]{0,7}$/);
const objectOf = <T extends JsonSchema>(propArb: fc.Arbitrary<T>) =>
  fc.uniqueArray(fc.tuple(keyArb, propArb, fc.boolean()), { minLength: 1, maxLength: 6, selector: (t) => t[0] }).map((entries) => ({
    type: "object" as const,
    properties: Object.fromEntries(entries.map(([k, s]) => [k, s])) as Record<string, JsonSchema>,
    required: entries.filter(([, , r]) => r).map(([k]) => k),
  }));
const propArb: fc.Arbitrary<JsonSchema> = fc.oneof(
  { weight: 4, arbitrary: leafArb },
  { weight: 1, arbitrary: leafArb.map((items) => ({ type: "array", items })) },
  { weight: 1, arbitrary: objectOf(leafArb) },
);

function valueFor(s: JsonSchema): fc.Arbitrary<unknown> {
  if (Array.isArray(s.enum)) return fc.constantFrom(...(s.enum as string[]));
  switch (s.type) {
    case "string":
      return fc.string();
    case "integer":
      return fc.integer();
    case "number":
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case "boolean":
      return fc.boolean();
    case "array":
      return fc.array(valueFor(s.items as JsonSchema), { maxLength: 4 });
    default: {
      const props = s.properties as Record<string, JsonSchema>;
      const model = Object.fromEntries(Object.entries(props).map(([k, p]) => [k, valueFor(p)]));
      return fc.record(model, { requiredKeys: s.required as string[] });
    }
  }
}

/** A value of the wrong JSON type for `s` (or outside its enum). */
function wrongFor(s: JsonSchema): unknown {
  if (Array.isArray(s.enum)) return "\u0000not-in-enum";
  return { string: 5, integer: "5", number: "5", boolean: 0, array: {}, object: [] }[s.type as string];
}

describe("validateCall property", () => {
  const caseArb = objectOf(propArb).chain((schema) => valueFor(schema).map((args) => ({ schema, args: args as Record<string, unknown> })));

  it("generated arguments validate; a wrong type or a dropped required argument does not, at its path", () => {
    fc.assert(
      fc.property(caseArb, fc.nat(), fc.boolean(), ({ schema, args }, pick, dropRequired) => {
        const tool: ToolDef = { name: "t", description: "", parameters: schema };
        expect(validateCall({ name: "t", arguments: args }, [tool])).toEqual({ valid: true, errors: [] });

        const keys = Object.keys(schema.properties);
        const required = schema.required;
        let mutated: Record<string, unknown>;
        let key: string;
        let message: RegExp;
        if (dropRequired && required.length > 0) {
          key = required[pick % required.length] as string;
          mutated = { ...args };
          delete mutated[key];
          message = /missing required argument/;
        } else {
          key = keys[pick % keys.length] as string;
          mutated = { ...args, [key]: wrongFor(schema.properties[key] as JsonSchema) };
          message = /must be/;
        }
        const r = validateCall({ name: "t", arguments: mutated }, [tool]);
        expect(r.valid).toBe(false);
        expect(r.errors.some((e) => e.path === `/arguments/${key}` && message.test(e.message))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it("an integral float marked by parseJson fails every integer-typed argument", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e6, max: 1e6 }), (n) => {
        const tool: ToolDef = { name: "t", description: "", parameters: { type: "object", properties: { n: { type: "integer" } } } };
        const args: Record<string, unknown> = { n };
        expect(validateCall({ name: "t", arguments: args }, [tool]).valid).toBe(true);
        markFloat(args, "n");
        expect(validateCall({ name: "t", arguments: args }, [tool]).valid).toBe(false);
      }),
      { numRuns: 100 },
    );
  });
});
