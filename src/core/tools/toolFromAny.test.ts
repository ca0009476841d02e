import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { HAS_SHARED_DATA, SKIP_SHARED_REASON, sharedPath } from "../../../test/support/sharedData.js";
import { JsonSyntaxError, ToolSchemaError } from "../errors.js";
import { parseJson } from "../json/index.js";
import { pyJsonDumps } from "../python/index.js";
import type { ToolDef } from "../types.js";
import { assertValidTools } from "../validate/assertValidTools.js";
import { checkJsonSchema } from "../validate/compileSchema.js";
import { assertToolDef } from "./assertToolDef.js";
import { assertUniqueToolNames, findDuplicateToolNames } from "./findDuplicateToolNames.js";
import { TOOL_LIMITS } from "./limits.js";
import { stripAnnotations } from "./stripAnnotations.js";
import { detectToolFormat, toolFromAny, toolsFromAny } from "./toolFromAny.js";
import { toXlamTool } from "./toXlamTool.js";

function thrown(fn: () => unknown): ToolSchemaError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ToolSchemaError);
    return e as ToolSchemaError;
  }
  throw new Error("expected a ToolSchemaError");
}

describe("detectToolFormat", () => {
  it.each<[string, string]>([
    [`{"type": "function", "function": {"name": "f"}}`, "openai"],
    [`{"name": "f", "description": "", "parameters": {"type": "object", "properties": {}}}`, "openai"],
    [`{"name": "f", "parameters": {"properties": {"a": {"type": "string"}}}}`, "openai"],
    [`{"name": "f"}`, "openai"],
    [`{"name": "f", "description": "", "parameters": {"type": "dict", "properties": {}}}`, "bfcl"],
    [`{"name": "f", "description": "", "parameters": {"a": {"type": "str", "description": ""}}}`, "xlam"],
    // flat maps whose parameters are called "type" and "properties"
    [`{"name": "f", "description": "", "parameters": {"type": {"type": "str", "description": "Kind."}}}`, "xlam"],
    [`{"name": "f", "description": "", "parameters": {"properties": {"type": "str", "description": "Props."}}}`, "xlam"],
    [`{"name": "f", "description": "", "parameters": {}, "required": []}`, "xlam"],
    [`{"name": "f", "description": "", "parameters": {"type": "object", "properties": {}}, "extra": {"return": 1}}`, "canonical"],
  ])("%s → %s", (text, format) => {
    expect(detectToolFormat(parseJson(text))).toBe(format);
  });
});

describe("toolFromAny / toolsFromAny", () => {
  it("converts each detected format; a hint forces one", () => {
    expect(toolFromAny(parseJson(`{"name": "f", "description": "", "parameters": {"type": {"type": "str", "description": "Kind."}}}`)).parameters.properties.type).toMatchObject({ type: "string" });
    expect(toolFromAny(parseJson(`{"name": "f", "description": "", "parameters": {"type": "dict", "properties": {"x": {"type": "float"}}}}`)).parameters.properties.x).toEqual({ type: "number" });
    expect(() => toolFromAny(parseJson(`{"name": "f", "description": "", "parameters": {"type": "dict", "properties": {}}}`), "openai")).toThrow(/BFCL's spelling/);
  });

  it("reads a JSON string of a list, as xLAM stores tools", () => {
    const text = `[{"name": "a", "description": "A", "parameters": {"x": {"description": "X", "type": "int", "default": 1.0}}}, {"name": "b", "description": "B", "parameters": {}}]`;
    const tools = toolsFromAny(text);
    expect(tools.map((t) => t.name)).toEqual(["a", "b"]);
    expect(pyJsonDumps(tools.map(toXlamTool))).toBe(pyJsonDumps(parseJson(text)));
  });

  it("decides flags vs the type rule once per set (a ToolAlpaca tool with only optional parameters has no flags)", () => {
    const set = parseJson(`[{"name": "a", "description": "", "parameters": {"x": {"type": "string", "description": "", "required": true}}},
      {"name": "b", "description": "", "parameters": {"y": {"type": "string", "description": ""}}}]`);
    const [a, b] = toolsFromAny(set) as [ToolDef, ToolDef];
    expect(a.parameters.required).toEqual(["x"]);
    expect(b.parameters.required).toEqual([]);
    // alone, b falls back to the xLAM rule
    expect(toolFromAny((set as unknown[])[1]).parameters.required).toEqual(["y"]);
  });

  it("accepts a canonical ToolDef and copies it", () => {
    const def: ToolDef = { name: "f", description: "d", parameters: { type: "object", properties: { a: { type: "string" } }, required: ["a"] }, extra: { return: {} } };
    const out = toolFromAny(def);
    expect(out).toEqual(def);
    expect(out.parameters).not.toBe(def.parameters);
  });

  it("names the tool by index when it has no usable name", () => {
    const e = thrown(() => toolsFromAny([{ name: "ok", parameters: { type: "object", properties: {} } }, { description: "no name" }]));
    expect(e.location).toBe("<tool #1>/name");
    expect(e.message).toMatch(/missing tool name/);
  });

  it("rejects what is not a list, and bad JSON text with a JsonSyntaxError", () => {
    expect(thrown(() => toolsFromAny({ name: "f" })).message).toMatch(/expected a list of tools, got object/);
    expect(thrown(() => toolsFromAny('{"name": "f"}')).message).toMatch(/expected a list of tools \(JSON text\), got object/);
    expect(() => toolsFromAny("[{")).toThrow(JsonSyntaxError);
    expect(thrown(() => toolsFromAny([5])).message).toMatch(/a tool must be an object, got number/);
  });

  it("refuses hostile sizes with a clear error, not a stack overflow", () => {
    let deep: Record<string, unknown> = { type: "string" };
    for (let i = 0; i < 10_000; i++) deep = { type: "object", properties: { x: deep } };
    const e1 = thrown(() => toolFromAny({ name: "deep", parameters: { type: "object", properties: { x: deep } } }));
    expect(e1.code).toBe("SCHEMA_UNSUPPORTED");
    expect(e1.message).toMatch(/nested deeper than/);

    let schema: Record<string, unknown> = { type: "string" };
    for (let i = 0; i < TOOL_LIMITS.maxSchemaDepth + 2; i++) schema = { type: "array", items: schema };
    const e2 = thrown(() => toolFromAny({ name: "nest", parameters: { type: "object", properties: { x: schema } } }));
    expect(e2.message).toMatch(/schema nested deeper than 32 levels/);

    const wide = Object.fromEntries(Array.from({ length: 60_000 }, (_, i) => [`p${i}`, { type: "str" }]));
    expect(thrown(() => toolFromAny({ name: "wide", description: "", parameters: wide })).message).toMatch(/too large/);
    expect(thrown(() => toolFromAny({ name: "n".repeat(300) })).message).toMatch(/longer than 256/);

    const cyclic: Record<string, unknown> = { type: "object", properties: {} };
    (cyclic.properties as Record<string, unknown>).self = cyclic;
    expect(thrown(() => toolFromAny({ name: "cyc", parameters: cyclic })).message).toMatch(/nested deeper than/);
  });
});

describe("findDuplicateToolNames / assertUniqueToolNames", () => {
  it("reports each repeated name with its indices", () => {
    const tools = [{ name: "a" }, { name: "b" }, { name: "a" }, { name: "c" }, { name: "b" }, { name: "a" }];
    expect(findDuplicateToolNames(tools)).toEqual([
      { name: "a", indices: [0, 2, 5] },
      { name: "b", indices: [1, 4] },
    ]);
    expect(findDuplicateToolNames([{ name: "x" }])).toEqual([]);
    const e = thrown(() => assertUniqueToolNames(tools));
    expect(e.message).toMatch(/duplicate tool name \(tools 0, 2, 5 of the set\)/);
    expect(e.location).toBe("a/name");
  });
});

describe("assertToolDef / stripAnnotations", () => {
  it("rejects a malformed canonical tool with the path", () => {
    expect(thrown(() => assertToolDef({ name: "f", description: "", parameters: { type: "object" } })).location).toBe("f/parameters/properties");
    expect(thrown(() => assertToolDef({ name: "f", description: "", parameters: { type: "dict", properties: {} } })).location).toBe("f/parameters/type");
    expect(thrown(() => assertToolDef({ name: "f", description: "", parameters: { type: "object", properties: { a: { type: ["string", 5] } } } })).location).toBe("f/parameters/properties/a/type/1");
    expect(thrown(() => assertToolDef({ name: "f", description: "", parameters: { type: "object", properties: {} }, extra: 3 })).location).toBe("f/extra");
  });

  it("removes annotations from schema nodes only, not from property names", () => {
    const s = { type: "object", properties: { "x-hammer-python-type": { type: "string", "x-hammer-python-type": "str" } }, "x-hammer-absent": ["description"] };
    expect(stripAnnotations(s)).toEqual({ type: "object", properties: { "x-hammer-python-type": { type: "string" } } });
  });
});

const EVAL_SETS = ["apibank_l1", "apibank_l2", "sealtool", "toolalpaca"] as const;

describe.skipIf(!HAS_SHARED_DATA)(`Hammer eval sets${HAS_SHARED_DATA ? "" : ` (skipped: ${SKIP_SHARED_REASON})`}`, () => {
  // Every tool is checked against the meta-schema; every 8th row is also compiled (ajv code generation is the slow part).
  it.each(EVAL_SETS)("every tool of original/%s.json converts, is valid JSON Schema and goes back to its source", (set) => {
    const rows = parseJson(readFileSync(sharedPath("hammer_eval", "original", `${set}.json`), "utf8")) as Array<{ tools: unknown[] }>;
    let count = 0;
    rows.forEach((row, r) => {
      const tools = toolsFromAny(row.tools);
      for (const t of tools) checkJsonSchema(t.parameters, t.name, "/parameters");
      if (r % 8 === 0) assertValidTools(tools);
      tools.forEach((t, i) => expect(pyJsonDumps(toXlamTool(t))).toBe(pyJsonDumps(row.tools[i])));
      count += tools.length;
    });
    expect(count).toBeGreaterThan(150);
  });

  it("Seal-Tools and ToolAlpaca required lists follow their flags; API-Bank requires every parameter", () => {
    const first = (set: string) => (parseJson(readFileSync(sharedPath("hammer_eval", "original", `${set}.json`), "utf8")) as Array<{ tools: unknown[] }>)[0] as { tools: unknown[] };
    const alpaca = toolsFromAny(first("toolalpaca").tools);
    const holiday = alpaca.find((t) => t.name === "PublicHolidayIsTodayPublicHoliday") as ToolDef;
    expect(holiday.parameters.required).toEqual(["countryCode"]);
    const bank = toolsFromAny(first("apibank_l1").tools);
    expect(bank[0]?.parameters.required).toEqual(["user_id", "start_time", "end_time"]);
    expect(bank[0]?.extra?.return).toBeDefined();
  });
});
