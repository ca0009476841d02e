import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { HAS_SHARED_DATA, SKIP_SHARED_REASON, sharedPath } from "../../../test/support/sharedData.js";
import { cloneJson, isFloatAt, parseJson } from "../json/index.js";
import { pyJsonDumps } from "../python/index.js";
import type { ToolDef } from "../types.js";
import { fromBfclFunction } from "./fromBfclFunction.js";
import { fromOpenAITool } from "./fromOpenAITool.js";
import { fromXlamTool } from "./fromXlamTool.js";
import { convertToFormatTool, toBfclHammerTool, toHammerTool, toHammerTools } from "./toHammerTool.js";
import { toOpenAIFunction } from "./toOpenAITool.js";

const tool = (text: string): ToolDef => fromOpenAITool(parseJson(text));

describe("toHammerTool", () => {
  it("gives {name, description, parameters: properties} with required flags and default text", () => {
    const t = tool(`{"name": "get_weather", "description": "Weather.", "parameters": {"type": "object", "properties": {
      "city": {"type": "string", "description": "City."},
      "unit": {"type": "string", "description": "The unit.", "enum": ["celsius", "fahrenheit"], "default": "celsius"}},
      "required": ["city"]}}`);
    expect(pyJsonDumps(toHammerTool(t))).toBe(
      '{"name": "get_weather", "description": "Weather.", "parameters": {"city": {"type": "string", "description": "City.", "required": true}, ' +
        '"unit": {"type": "string", "description": "The unit.default is \'celsius\'", "enum": ["celsius", "fahrenheit"], "default": "celsius"}}}',
    );
  });

  it.each<[string, string]>([
    ["true", "True"],
    ["false", "False"],
    ["null", "None"],
    ["1.0", "1.0"],
    ["5", "5"],
    ["2.5e-05", "2.5e-05"],
    ['["a", 1, 2.0, null]', "['a', 1, 2.0, None]"],
    ['{"k": "v", "n": 1.0}', "{'k': 'v', 'n': 1.0}"],
    ['"it\'s"', "it's"],
    ['""', ""],
  ])("appends Python str() of default %s", (json, shown) => {
    const t = tool(`{"name": "f", "description": "", "parameters": {"type": "object", "properties": {"p": {"type": "string", "description": "D.", "default": ${json}}}}}`);
    const p = (toHammerTool(t).parameters as Record<string, { description: string }>).p;
    expect(p?.description).toBe(`D.default is '${shown}'`);
  });

  it("flattens nested objects as upstream does, including its required:true on the flattened map", () => {
    const t = tool(`{"name": "f", "description": "", "parameters": {"type": "object", "properties": {
      "loc": {"type": "object", "description": "Where.", "properties": {"lat": {"type": "number"}, "lon": {"type": "number", "default": 0.0}}, "required": ["lat"]},
      "free": {"type": "object", "description": "No properties: kept."}},
      "required": ["loc"]}}`);
    expect(pyJsonDumps(toHammerTool(t))).toBe(
      '{"name": "f", "description": "", "parameters": {"loc": {"lat": {"type": "number", "required": true}, "lon": {"type": "number", "default": 0.0}, "required": true}, ' +
        '"free": {"type": "object", "description": "No properties: kept."}}}',
    );
  });

  it("does not mutate its input (upstream does)", () => {
    const t = tool(`{"name": "f", "description": "", "parameters": {"type": "object", "properties": {"a": {"type": "object", "properties": {"x": {"type": "integer", "default": 1.0}}, "required": ["x"]}, "b": {"type": "number", "description": "B", "default": 2.0}}, "required": ["a", "b"]}}`);
    const before = pyJsonDumps(t);
    const copy = cloneJson(t);
    toHammerTool(t);
    toHammerTools([t, t]);
    expect(pyJsonDumps(t)).toBe(before);
    expect(t).toEqual(copy);
    expect(isFloatAt((t.parameters.properties.b as object), "default")).toBe(true);
  });

  it("adds a description when a property with a default has none (upstream would raise KeyError)", () => {
    const t = tool(`{"name": "f", "description": "", "parameters": {"type": "object", "properties": {"p": {"type": "integer", "default": 3}}}}`);
    expect(toHammerTool(t).parameters).toEqual({ p: { type: "integer", default: 3, description: "default is '3'" } });
  });

  it("shows no annotations; toBfclHammerTool shows BFCL type names", () => {
    const x = fromXlamTool(parseJson(`{"name": "x", "description": "X.", "parameters": {"ids": {"description": "IDs.", "type": "List[int]", "default": [1]}, "q": {"description": "Q.", "type": "str, optional", "default": ""}}}`));
    expect(pyJsonDumps(toHammerTool(x))).toBe(
      '{"name": "x", "description": "X.", "parameters": {"ids": {"description": "IDs.default is \'[1]\'", "type": "array", "items": {"type": "integer"}, "default": [1], "required": true}, ' +
        '"q": {"description": "Q.default is \'\'", "type": "string", "default": ""}}}',
    );
    const b = fromBfclFunction(parseJson(`{"name": "m.f", "description": "", "parameters": {"type": "dict", "properties": {"r": {"type": "float", "description": "R."}, "o": {"type": "dict", "properties": {"k": {"type": "tuple"}}}}, "required": ["r"]}}`));
    expect(pyJsonDumps(toBfclHammerTool(b))).toBe('{"name": "m.f", "description": "", "parameters": {"r": {"type": "float", "description": "R.", "required": true}, "o": {"k": {"type": "tuple"}}}}');
    expect(pyJsonDumps(toHammerTool(b))).toBe('{"name": "m.f", "description": "", "parameters": {"r": {"type": "number", "description": "R.", "required": true}, "o": {"k": {"type": "array"}}}}');
  });

  it("convertToFormatTool works on a raw doc without mutating it", () => {
    const doc = parseJson(`{"name": "f", "description": "d", "parameters": {"type": "dict", "properties": {"a": {"type": "string", "description": "A", "default": "x"}}, "required": ["a"]}}`) as { name: string; description: string };
    const before = pyJsonDumps(doc);
    expect(pyJsonDumps(convertToFormatTool(doc))).toBe('{"name": "f", "description": "d", "parameters": {"a": {"type": "string", "description": "Adefault is \'x\'", "default": "x", "required": true}}}');
    expect(pyJsonDumps(doc)).toBe(before);
  });
});

/** A Python rendering of convert_to_format_tool (hammer.md §5.5), as the byte-level reference. */
const PY_CONVERT = `
import json, sys
def conv(t):
    ft = {"name": t["name"], "description": t["description"], "parameters": t["parameters"].get("properties", {})}
    ps = ft["parameters"]
    for p in ps.keys():
        if "properties" in ps[p] and isinstance(ps[p]["properties"], dict):
            req = ps[p].get("required", [])
            ps[p] = ps[p]["properties"]
            for r in req:
                ps[p][r]["required"] = True
    for p in t["parameters"].get("required", []):
        ps[p]["required"] = True
    for p in ps.keys():
        if "default" in ps[p]:
            d = ps[p]["default"]
            ps[p]["description"] += f"default is '{d}'"
    return ft
out = []
for d in json.load(sys.stdin):
    try:
        out.append(json.dumps(conv(d)))
    except Exception:
        out.append(None)
print(json.dumps(out))
`;

function pythonAvailable(): boolean {
  try {
    execFileSync("python3", ["-c", "pass"]);
    return true;
  } catch {
    return false;
  }
}

describe.skipIf(!HAS_SHARED_DATA || !pythonAvailable())(
  `toHammerTool against Python on BFCL docs${HAS_SHARED_DATA ? "" : ` (skipped: ${SKIP_SHARED_REASON})`}`,
  () => {
    it("matches Python byte for byte, with BFCL and with JSON Schema type names", () => {
      const files = ["BFCL_v3_simple.json", "BFCL_v3_multiple.json", "BFCL_v3_parallel_multiple.json", "BFCL_v3_live_simple.json", "BFCL_v3_java.json", "BFCL_v3_javascript.json"];
      const docs: unknown[] = [];
      for (const f of files) {
        for (const line of readFileSync(sharedPath("bfcl_v3", f), "utf8").split("\n")) if (line.trim()) docs.push(...((parseJson(line) as { function: unknown[] }).function));
      }
      const tools = docs.map((d) => fromBfclFunction(d));
      const plain = tools.map((t) => toOpenAIFunction(t));
      const run = (input: unknown[]): Array<string | null> =>
        JSON.parse(execFileSync("python3", ["-c", PY_CONVERT], { input: pyJsonDumps(input), maxBuffer: 64 << 20 }).toString()) as Array<string | null>;
      const pyBfcl = run(docs);
      const pyPlain = run(plain);
      let compared = 0;
      tools.forEach((t, i) => {
        if (pyBfcl[i] != null) {
          expect(pyJsonDumps(toBfclHammerTool(t))).toBe(pyBfcl[i]);
          compared++;
        }
        if (pyPlain[i] != null) expect(pyJsonDumps(toHammerTool(t))).toBe(pyPlain[i]);
      });
      expect(compared).toBeGreaterThan(1000);
    });
  },
);
