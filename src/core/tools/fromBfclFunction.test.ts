import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { HAS_SHARED_DATA, SKIP_SHARED_REASON, sharedPath } from "../../../test/support/sharedData.js";
import { ToolSchemaError } from "../errors.js";
import { compileToolGrammar } from "../grammar/index.js";
import { isFloatAt, parseJson } from "../json/index.js";
import { pyJsonDumps } from "../python/index.js";
import type { ToolDef } from "../types.js";
import { assertValidTools } from "../validate/assertValidTools.js";
import { checkJsonSchema, compileSchema } from "../validate/compileSchema.js";
import { ANNOTATION } from "./annotations.js";
import { fromBfclFunction, fromBfclFunctions } from "./fromBfclFunction.js";
import { toBfclFunction } from "./toBfclFunction.js";
import { toHammerTool } from "./toHammerTool.js";
import { toOpenAIFunction } from "./toOpenAITool.js";

const DOC = `{"name": "waste_calculation.calculate", "description": "Calculates waste.", "parameters": {"type": "dict", "properties": {
  "population": {"type": "dict", "description": "Population.", "required": ["adults", "children"]},
  "location": {"type": "string", "description": "City.", "default": "Berlin", "optional": true},
  "ratio": {"type": "float", "description": "Ratio.", "default": 1.0, "maximum": 2.5},
  "point": {"type": "tuple", "items": {"type": "float"}},
  "extra": {"type": "any", "description": "Anything."},
  "tags": {"type": "array", "items": {"type": "string", "enum": ["a", "b"]}},
  "opts": {"type": "dict", "properties": {"n": {"type": "integer"}, "when": {"type": "string", "format": "date-time"}}, "required": ["n"]}
}, "required": ["population"]}}`;

describe("fromBfclFunction", () => {
  it("maps BFCL types at every level as BFCL's OpenAI conversion does (any → no type)", () => {
    const tool = fromBfclFunction(parseJson(DOC));
    const p = tool.parameters.properties as Record<string, Record<string, unknown>>;
    expect(tool.parameters.type).toBe("object");
    expect(p.population).toEqual({ type: "object", description: "Population.", required: ["adults", "children"] });
    expect(p.location).toEqual({ type: "string", description: "City.", default: "Berlin", optional: true });
    expect(p.ratio).toEqual({ type: "number", description: "Ratio.", default: 1, maximum: 2.5 });
    expect(isFloatAt(p.ratio as object, "default")).toBe(true);
    expect(p.point).toEqual({ [ANNOTATION.bfclType]: "tuple", type: "array", items: { type: "number" } });
    expect(Object.keys(p.extra as object)).toEqual([ANNOTATION.bfclType, "description"]); // no type: any value
    expect((p.opts as { properties: Record<string, unknown> }).properties.n).toEqual({ type: "integer" });
    expect(tool.parameters.required).toEqual(["population"]);
  });

  it("round-trips exactly", () => {
    const raw = parseJson(DOC);
    expect(pyJsonDumps(toBfclFunction(fromBfclFunction(raw)))).toBe(pyJsonDumps(raw));
    const java = parseJson(`{"name": "Foo.bar", "description": "Java.", "parameters": {"type": "dict", "properties": {"m": {"type": "HashMap", "description": "Map."}, "l": {"type": "ArrayList", "items": {"type": "String"}}, "n": {"type": "long"}, "b": {"type": "Boolean"}, "x": {"type": "", "description": "empty"}}, "required": ["m"]}}`);
    expect(pyJsonDumps(toBfclFunction(fromBfclFunction(java)))).toBe(pyJsonDumps(java));
  });

  it("maps unknown type names to string like BFCL, or rejects them with strictTypes", () => {
    const raw = parseJson(`{"name": "f", "description": "", "parameters": {"type": "dict", "properties": {"a": {"type": "Boolean"}, "b": {"type": ""}, "c": {"type": "constructor"}}}}`);
    const p = fromBfclFunction(raw).parameters.properties;
    expect(p.c).toEqual({ [ANNOTATION.bfclType]: "constructor", type: "string" });
    expect(p.a).toEqual({ [ANNOTATION.bfclType]: "Boolean", type: "string" });
    expect(p.b).toEqual({ [ANNOTATION.bfclType]: "", type: "string" });
    expect(() => fromBfclFunction(raw, { strictTypes: true })).toThrow(/f\/parameters\/properties\/a\/type: unknown BFCL type "Boolean"|unknown BFCL type "Boolean"/);
  });

  it("renames dots to underscores on request and returns the mapping back", () => {
    const docs = [parseJson(DOC), parseJson(`{"name": "plain", "description": "", "parameters": {"type": "dict", "properties": {}}}`)];
    const { tools, nameMap } = fromBfclFunctions(docs, { underscoreNames: true });
    expect(tools.map((t) => t.name)).toEqual(["waste_calculation_calculate", "plain"]);
    expect(nameMap).toEqual({ waste_calculation_calculate: "waste_calculation.calculate" });
    expect(toBfclFunction(tools[0] as ToolDef, { nameMap }).name).toBe("waste_calculation.calculate");
    const clash = [parseJson(`{"name": "a.b", "description": "", "parameters": {"type": "dict", "properties": {}}}`), parseJson(`{"name": "a_b", "description": "", "parameters": {"type": "dict", "properties": {}}}`)];
    expect(() => fromBfclFunctions(clash, { underscoreNames: true })).toThrow(/"a_b" and "a.b"|"a.b" and "a_b"/);
  });

  it("gives OpenAI tools without annotations", () => {
    const fn = toOpenAIFunction(fromBfclFunction(parseJson(DOC)));
    const p = (fn.parameters as { properties: Record<string, unknown> }).properties;
    expect(p.point).toEqual({ type: "array", items: { type: "number" } });
    expect(p.extra).toEqual({ description: "Anything." });
  });

  // BFCL live_simple_71-35-0's `metrics`: an enum of strings on the array itself, which no array matches.
  const ARRAY_ENUM = `{"name": "extract", "description": "Extracts.", "parameters": {"type": "dict", "required": ["metrics"], "properties": {"metrics": {"type": "array", "items": {"type": "string"}, "description": "Metrics.", "enum": ["trust", "buzz"]}, "k": {"type": "array", "items": {"type": "integer", "description": "n"}, "enum": [1, 2.0]}}}}`;

  it("moves a scalar enum on an array into its items, and back exactly", () => {
    const raw = parseJson(ARRAY_ENUM);
    const tool = fromBfclFunction(raw);
    const p = tool.parameters.properties as Record<string, Record<string, unknown>>;
    expect(p.metrics).toEqual({ type: "array", items: { type: "string", enum: ["trust", "buzz"] }, description: "Metrics.", [ANNOTATION.bfclArrayEnum]: true });
    expect(Object.keys(p.metrics as object)).toEqual(["type", "items", "description", ANNOTATION.bfclArrayEnum]);
    expect(p.k).toEqual({ type: "array", items: { type: "integer", description: "n", enum: [1, 2] }, [ANNOTATION.bfclArrayEnum]: true });
    expect(pyJsonDumps(toBfclFunction(tool))).toBe(pyJsonDumps(raw)); // 2.0 stays 2.0
    expect(toOpenAIFunction(tool).parameters).toMatchObject({ properties: { metrics: { type: "array", items: { type: "string", enum: ["trust", "buzz"] } } } });
    const valid = compileSchema(tool.parameters, "extract");
    expect(valid({ metrics: ["trust"] })).toBe(true);
    expect(valid({ metrics: ["view"] })).toBe(false);
  });

  it("compiles the moved enum into the grammar without widening", () => {
    const source = parseJson(ARRAY_ENUM) as { parameters: { properties: Record<string, unknown> } };
    const syntax = { kind: "json-list", open: "```\n", close: "\n```" } as const;
    const g = compileToolGrammar({ syntax, tools: [fromBfclFunction(source)], choice: "required", parallel: true });
    expect(g?.warnings).toEqual([]);
    expect(g?.gbnf).toContain("trust");
  });

  it.each([
    ["items with an enum of their own", `{"type": "array", "items": {"type": "string", "enum": ["a"]}, "enum": ["b"]}`],
    ["a value that does not fit the items' type", `{"type": "array", "items": {"type": "integer"}, "enum": [1, "b"]}`],
    ["items without a type", `{"type": "array", "items": {}, "enum": ["b"]}`],
    ["no items", `{"type": "array", "enum": ["b"]}`],
    ["an enum of arrays", `{"type": "array", "items": {"type": "string"}, "enum": [["b"]]}`],
  ])("leaves an array enum alone with %s", (_, prop) => {
    const raw = parseJson(`{"name": "f", "description": "", "parameters": {"type": "dict", "properties": {"a": ${prop}}}}`);
    const tool = fromBfclFunction(raw);
    expect(Object.keys(tool.parameters.properties?.a as object)).not.toContain(ANNOTATION.bfclArrayEnum);
    expect(pyJsonDumps(toBfclFunction(tool))).toBe(pyJsonDumps(raw));
  });

  it.each<[string, string, RegExp]>([
    [`{"name": "f", "parameters": {"type": "dict", "properties": {}}}`, "f/description", /description must be a string, got undefined/],
    [`{"name": "f", "description": "", "parameters": {"type": "string"}}`, "f/parameters/type", /parameters must have type "dict"/],
    [`{"name": "f", "description": "", "parameters": {"type": "dict", "properties": {"a": 1}}}`, "f/parameters/properties/a", /property schema must be an object/],
    [`{"name": "f", "description": "", "parameters": {"type": "dict", "properties": {"a": {}}, "required": ["z"]}}`, "f/parameters/required/0", /"z"/],
  ])("rejects %s", (text, location, msg) => {
    let err: unknown;
    try {
      fromBfclFunction(parseJson(text));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ToolSchemaError);
    expect((err as ToolSchemaError).location).toBe(location);
    expect((err as ToolSchemaError).message).toMatch(msg);
  });
});

/** Every function doc of the shared BFCL v3 files: question files (not multi-turn: they carry no docs) and the multi-turn func docs. */
function sharedBfclDocs(): Array<{ file: string; doc: unknown }> {
  const dir = sharedPath("bfcl_v3");
  const out: Array<{ file: string; doc: unknown }> = [];
  const files = readdirSync(dir).filter((f) => /^BFCL_v3_.*\.json$/.test(f) && !f.includes("multi_turn")).map((f) => `${dir}/${f}`);
  files.push(...readdirSync(`${dir}/multi_turn_func_doc`).map((f) => `${dir}/multi_turn_func_doc/${f}`));
  for (const file of files) {
    for (const line of readFileSync(file, "utf8").split("\n")) {
      if (line.trim() === "") continue;
      const entry = parseJson(line, { source: file }) as { function?: unknown[] };
      for (const doc of entry.function ?? [entry]) out.push({ file, doc });
    }
  }
  return out;
}

describe.skipIf(!HAS_SHARED_DATA)(`BFCL v3 shared data${HAS_SHARED_DATA ? "" : ` (skipped: ${SKIP_SHARED_REASON})`}`, () => {
  // ajv code generation costs ~1 ms a schema: every doc is checked against the meta-schema, every 8th compiled.
  it("every function doc converts, is valid JSON Schema, and round-trips byte for byte", () => {
    const docs = sharedBfclDocs();
    expect(docs.length).toBeGreaterThan(4000);
    const seen = new Set<string>();
    let unique = 0;
    for (const { file, doc } of docs) {
      const key = JSON.stringify(doc);
      if (seen.has(key)) continue; // live files repeat docs
      seen.add(key);
      const text = pyJsonDumps(doc);
      unique++;
      const tool = fromBfclFunction(doc);
      expect(pyJsonDumps(toBfclFunction(tool)), `${file}: ${(doc as { name: string }).name}`).toBe(text);
      checkJsonSchema(tool.parameters, tool.name, "/parameters");
      if (unique % 8 === 0) assertValidTools([tool]);
      toHammerTool(tool);
    }
    expect(unique).toBeGreaterThan(1000);
  });
});
