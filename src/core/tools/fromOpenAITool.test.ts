import { describe, expect, it } from "vitest";
import { ToolSchemaError } from "../errors.js";
import { isFloatAt, parseJson } from "../json/index.js";
import { pyJsonDumps } from "../python/index.js";
import { ANNOTATION } from "./annotations.js";
import { fromOpenAITool } from "./fromOpenAITool.js";
import { toOpenAIFunction, toOpenAITool } from "./toOpenAITool.js";

const WEATHER = `{"type": "function", "function": {"name": "get_weather", "description": "Get the weather.", "parameters": {"type": "object", "properties": {"city": {"type": "string", "description": "City."}, "unit": {"type": "string", "enum": ["celsius", "fahrenheit"], "default": "celsius"}, "days": {"type": "integer", "minimum": 1.0}}, "required": ["city"], "additionalProperties": false}, "strict": true}}`;

describe("fromOpenAITool / toOpenAITool", () => {
  it("reads the wrapped form; strict goes to extra", () => {
    const tool = fromOpenAITool(parseJson(WEATHER));
    expect(tool.name).toBe("get_weather");
    expect(tool.description).toBe("Get the weather.");
    expect(tool.parameters.required).toEqual(["city"]);
    expect(tool.parameters.additionalProperties).toBe(false);
    expect(tool.extra).toEqual({ strict: true });
    // float marks survive the copy: 1.0 stays a float
    expect(isFloatAt(tool.parameters.properties.days as object, "minimum")).toBe(true);
  });

  it("round-trips the wrapped form exactly", () => {
    const raw = parseJson(WEATHER);
    expect(pyJsonDumps(toOpenAITool(fromOpenAITool(raw)))).toBe(pyJsonDumps(raw));
  });

  it("reads the bare form (legacy functions) and round-trips it", () => {
    const raw = parseJson(`{"name": "f", "description": "d", "parameters": {"type": "object", "properties": {"x": {"type": "number"}}}}`);
    const tool = fromOpenAITool(raw);
    expect(tool.parameters.properties).toEqual({ x: { type: "number" } });
    expect(pyJsonDumps(toOpenAIFunction(tool))).toBe(pyJsonDumps(raw));
  });

  it("fills in what the source left out and records it, so the way back restores the source", () => {
    const noParams = parseJson(`{"type": "function", "function": {"name": "now"}}`);
    const t1 = fromOpenAITool(noParams);
    expect(t1.description).toBe("");
    expect(t1.parameters).toMatchObject({ type: "object", properties: {} });
    expect(t1.parameters[ANNOTATION.absent]).toEqual(["description", "parameters"]);
    expect(pyJsonDumps(toOpenAITool(t1))).toBe(pyJsonDumps(noParams));

    const typeless = parseJson(`{"type": "function", "function": {"name": "g", "description": "", "parameters": {"properties": {"a": {}}, "required": ["a"]}}}`);
    const t2 = fromOpenAITool(typeless);
    expect(t2.parameters.type).toBe("object");
    expect(pyJsonDumps(toOpenAITool(t2))).toBe(pyJsonDumps(typeless));

    const empty = parseJson(`{"type": "function", "function": {"name": "h", "description": "", "parameters": {}}}`);
    expect(pyJsonDumps(toOpenAITool(fromOpenAITool(empty)))).toBe(pyJsonDumps(empty));
  });

  it("keeps $defs/$ref and anyOf as they are", () => {
    const raw = parseJson(`{"name": "f", "description": "", "parameters": {"type": "object", "$defs": {"P": {"type": "object", "properties": {"x": {"type": "integer"}}}}, "properties": {"p": {"$ref": "#/$defs/P"}, "u": {"anyOf": [{"type": "string"}, {"type": "null"}]}}}}`);
    expect(pyJsonDumps(toOpenAIFunction(fromOpenAITool(raw)))).toBe(pyJsonDumps(raw));
  });

  it("does not mutate its input, and the output shares nothing with it", () => {
    const raw = parseJson(WEATHER) as { function: { parameters: { properties: { city: { description: string } } } } };
    const tool = fromOpenAITool(raw);
    (tool.parameters.properties.city as Record<string, unknown>).description = "changed";
    expect(raw.function.parameters.properties.city.description).toBe("City.");
  });

  it("writes only OpenAI's own extra keys unless asked for all", () => {
    const raw = parseJson(`{"type": "function", "function": {"name": "f", "description": "", "parameters": {"type": "object", "properties": {}}, "strict": false, "x-vendor": 1}}`);
    const tool = fromOpenAITool(raw);
    expect(tool.extra).toEqual({ strict: false, "x-vendor": 1 });
    expect(toOpenAITool(tool).function).toEqual({ name: "f", description: "", parameters: { type: "object", properties: {} }, strict: false });
    expect(pyJsonDumps(toOpenAITool(tool, { extra: "all" }))).toBe(pyJsonDumps(raw));
  });

  it("strips annotations from tools of other formats", () => {
    const out = toOpenAIFunction({
      name: "t",
      description: "d",
      parameters: { type: "object", properties: { a: { [ANNOTATION.pythonType]: "List[int]", type: "array", items: { type: "integer" }, [ANNOTATION.derived]: ["items"] } }, required: ["a"] },
    });
    expect(out.parameters).toEqual({ type: "object", properties: { a: { type: "array", items: { type: "integer" } } }, required: ["a"] });
  });

  it.each<[string, string, RegExp]>([
    [`{"type": "function", "function": {"description": "d"}}`, "<unnamed tool>/function/name", /missing tool name/],
    [`{"type": "function", "function": {"name": ""}}`, "<unnamed tool>/function/name", /empty/],
    [`{"type": "function", "function": "f"}`, "<unnamed tool>/function", /function must be an object/],
    [`{"type": "retrieval", "function": {"name": "f"}}`, "<unnamed tool>/type", /unsupported tool type "retrieval"/],
    [`{"name": "f", "parameters": "x"}`, "f/parameters", /parameters must be an object, got string/],
    [`{"name": "f", "parameters": {"type": "array"}}`, "f/parameters/type", /parameters must be an object schema, got type "array"/],
    [`{"name": "f", "parameters": {"type": "object", "properties": {"a": {"type": "str"}}}}`, "f/parameters/properties/a/type", /unknown type "str"/],
    [`{"name": "f", "parameters": {"type": "object", "properties": {"a": true}}}`, "f/parameters/properties/a", /property schema must be an object, got boolean/],
    [`{"name": "f", "parameters": {"type": "object", "properties": {"a": {}}, "required": ["b"]}}`, "f/parameters/required/0", /required names "b", which is not a declared property/],
    [`{"name": "f", "parameters": {"type": "object", "properties": {"a": {"type": "object", "properties": {"x": {}}, "required": ["y"]}}}}`, "f/parameters/properties/a/required/0", /"y"/],
    [`{"name": "f", "parameters": {"type": "object", "properties": {"a": {"type": "array", "items": {"type": "dict"}}}}}`, "f/parameters/properties/a/items/type", /unknown type "dict"/],
  ])("rejects %s", (text, location, msg) => {
    let err: unknown;
    try {
      fromOpenAITool(parseJson(text));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ToolSchemaError);
    expect((err as ToolSchemaError).location).toBe(location);
    expect((err as ToolSchemaError).message).toMatch(msg);
  });

  it("allows required keys on a free-form object (no properties declared)", () => {
    const tool = fromOpenAITool(parseJson(`{"name": "f", "parameters": {"type": "object", "properties": {"h": {"type": "object", "required": ["a"]}}}}`));
    expect(tool.parameters.properties.h).toEqual({ type: "object", required: ["a"] });
  });
});
