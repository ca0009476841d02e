import { describe, expect, it } from "vitest";
import { ToolSchemaError } from "../errors.js";
import { parseJson } from "../json/index.js";
import { pyJsonDumps } from "../python/index.js";
import { ANNOTATION } from "./annotations.js";
import { fromXlamTool } from "./fromXlamTool.js";
import { toXlamTool } from "./toXlamTool.js";

/** Round trip through the canonical model, compared as Python's json.dumps text (key order and 5.0 vs 5 count). */
function roundTrip(text: string): void {
  const raw = parseJson(text);
  expect(pyJsonDumps(toXlamTool(fromXlamTool(raw)))).toBe(pyJsonDumps(raw));
}

const LIVE_GIVEAWAYS = `{"name": "live_giveaways_by_type", "description": "Retrieve live giveaways from the GamerPower API based on the specified type.", "parameters": {"type": {"description": "The type of giveaways to retrieve (e.g., game, loot, beta).", "type": "str", "default": "game"}}}`;

describe("fromXlamTool (xLAM)", () => {
  it("maps types, keeps key order and default, annotates the source type in its slot", () => {
    const tool = fromXlamTool(
      parseJson(`{"name": "f", "description": "d", "parameters": {
        "ids": {"description": "IDs.", "type": "List[int]", "default": [1, 2]},
        "limit": {"description": "Max.", "type": "int, optional", "default": 10},
        "q": {"type": "str", "description": "Query."}}}`),
    );
    expect(tool.parameters.properties.ids).toEqual({
      description: "IDs.",
      [ANNOTATION.pythonType]: "List[int]",
      type: "array",
      items: { type: "integer" },
      [ANNOTATION.derived]: ["items"],
      default: [1, 2],
    });
    expect(Object.keys(tool.parameters.properties.ids as object)).toEqual(["description", ANNOTATION.pythonType, "type", "items", ANNOTATION.derived, "default"]);
    expect(tool.parameters.properties.limit).toEqual({ description: "Max.", [ANNOTATION.pythonType]: "int, optional", type: "integer", default: 10 });
    expect(tool.parameters.required).toEqual(["ids", "q"]);
    expect(tool.extra).toBeUndefined();
  });

  it("derives required from the type string only: a default key (xLAM's example value) does not make a parameter optional", () => {
    const tool = fromXlamTool(parseJson(LIVE_GIVEAWAYS));
    expect(tool.parameters.required).toEqual(["type"]);
    const t2 = fromXlamTool(
      parseJson(`{"name": "g", "description": "", "parameters": {
        "a": {"type": "int, default=100"}, "b": {"type": "Optional[str]"}, "c": {"type": "str", "default": ""}, "d": {"type": "float, optional"}}}`),
    );
    expect(t2.parameters.required).toEqual(["c"]);
  });

  it("round-trips exactly (key order, default, floats written as 5.0)", () => {
    roundTrip(LIVE_GIVEAWAYS);
    roundTrip(`{"name": "hWY9epd1OAn8XVN", "description": "Fetches incidents.", "parameters": {"oUGVK": {"description": "The ID.", "type": "int", "default": 9945302}}}`);
    roundTrip(`{"name": "w", "description": "x", "parameters": {"lat": {"description": "Latitude.", "type": "int", "default": 46.95828}, "scale": {"type": "float, optional", "default": 1.0, "description": "s"}}}`);
    roundTrip(`{"name": "x", "description": "y", "parameters": {"m": {"description": "M.", "type": "Dict[str, List[int]]"}, "f": {"description": "F.", "type": "Callable[[float], float]"}, "t": {"description": "T.", "type": "Tuple[int, int], optional", "default": [0, 0]}}}`);
    roundTrip(`{"name": "e", "description": "no params", "parameters": {}}`);
    roundTrip(`{"description": "order differs", "name": "o", "parameters": {"a": {"type": "bool, optional", "default": true, "description": "A."}}}`);
  });

  it("does not mutate its input", () => {
    const raw = parseJson(LIVE_GIVEAWAYS);
    const before = pyJsonDumps(raw);
    const tool = fromXlamTool(raw);
    (tool.parameters.properties.type as Record<string, unknown>).description = "changed";
    expect(pyJsonDumps(raw)).toBe(before);
  });

  it("writes a type string for tools that did not come from xLAM", () => {
    const out = toXlamTool({
      name: "t",
      description: "d",
      parameters: {
        type: "object",
        properties: {
          unit: { type: "string", enum: ["c", "f"], description: "Unit." },
          ids: { type: "array", items: { type: "integer" }, description: "IDs." },
          deep: { type: "array", items: { type: "object", properties: { a: { type: "string" } } } },
        },
        required: ["ids"],
      },
    });
    expect(out).toEqual({
      name: "t",
      description: "d",
      parameters: {
        unit: { type: "str, optional", enum: ["c", "f"], description: "Unit." },
        ids: { type: "List[int]", description: "IDs." },
        // the nested structure cannot be said in the string: kept beside it
        deep: { type: "List[dict], optional", items: { type: "object", properties: { a: { type: "string" } } } },
      },
    });
  });

  it.each<[string, string, RegExp]>([
    [`{"description": "d", "parameters": {}}`, "<unnamed tool>/name", /missing tool name/],
    [`{"name": 5, "description": "d", "parameters": {}}`, "<unnamed tool>/name", /tool name must be a string, got number/],
    [`{"name": "", "description": "d", "parameters": {}}`, "<unnamed tool>/name", /tool name is empty/],
    [`{"name": "f", "description": 3, "parameters": {}}`, "f/description", /description must be a string/],
    [`{"name": "f", "description": "d", "parameters": [1]}`, "f/parameters", /parameters must be an object, got array/],
    [`{"name": "f", "description": "d", "parameters": {"a": "str"}}`, "f/parameters/a", /property schema must be an object, got string/],
    [`{"name": "f", "description": "d", "parameters": {"a": {"type": "Foo"}}}`, "f/parameters/a/type", /unknown type name "Foo"/],
    [`{"name": "f", "description": "d", "parameters": {"a": {"type": ["str"]}}}`, "f/parameters/a/type", /type must be a string, got array/],
    [`{"name": "f", "description": "d", "parameters": {"a/b": {"type": "Foo"}}}`, "f/parameters/a~1b/type", /unknown type name/],
    [`{"name": "f", "description": "d", "parameters": {"a": {"type": "str"}}, "required": ["b"]}`, "f/required/0", /required names "b", which is not a parameter/],
  ])("rejects %s", (text, location, msg) => {
    let err: unknown;
    try {
      fromXlamTool(parseJson(text));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ToolSchemaError);
    expect((err as ToolSchemaError).location).toBe(location);
    expect((err as ToolSchemaError).message).toMatch(msg);
  });
});

describe("fromXlamTool (Hammer eval-set variants)", () => {
  it("API-Bank: Python types, return and desc_for_search kept in extra and back in place", () => {
    const text = `{"name": "GetUserToken", "description": "Get the user token.", "desc_for_search": "get user tokenGet the user token.", "parameters": {"username": {"type": "str", "description": "The username of the user."}, "tags": {"type": "list(str)", "description": "Tags."}}, "return": {"token": {"type": "str", "description": "The token of the user."}}}`;
    const tool = fromXlamTool(parseJson(text));
    expect(tool.extra).toEqual({ desc_for_search: "get user tokenGet the user token.", return: { token: { type: "str", description: "The token of the user." } } });
    expect(tool.parameters.required).toEqual(["username", "tags"]);
    expect(tool.parameters.properties.tags).toMatchObject({ type: "array", items: { type: "string" } });
    roundTrip(text);
  });

  it("Seal-Tools: per-parameter flags and a top-level list; non-schema keys kept valid", () => {
    const text = `{"name": "getTherapySession", "description": "Get a session", "parameters": {"therapy_type": {"type": "str", "description": "The type", "examples": "music therapy, dance therapy", "required": true}, "duration": {"type": "int", "description": "Minutes", "unit": "min"}, "mode": {"type": "str", "description": "M", "choices": ["a", "b"], "required": true}}, "required": ["therapy_type", "mode"]}`;
    const tool = fromXlamTool(parseJson(text));
    expect(tool.parameters.required).toEqual(["therapy_type", "mode"]);
    // "required": true and "examples": "<string>" would make the schema invalid: kept under x-hammer-orig-*
    expect(tool.parameters.properties.therapy_type).toEqual({
      [ANNOTATION.pythonType]: "str",
      type: "string",
      description: "The type",
      [`${ANNOTATION.originalPrefix}examples`]: "music therapy, dance therapy",
      [`${ANNOTATION.originalPrefix}required`]: true,
    });
    expect(tool.parameters.properties.duration).toMatchObject({ unit: "min" });
    roundTrip(text);
  });

  it("ToolAlpaca: per-parameter required flags and JSON Schema type names", () => {
    const text = `{"name": "PublicHolidayIsTodayPublicHoliday", "description": "Is today a public holiday", "parameters": {"countryCode": {"type": "string", "description": "Code.", "required": true}, "offset": {"type": "integer", "description": "utc timezone offset."}}}`;
    const tool = fromXlamTool(parseJson(text));
    expect(tool.parameters.required).toEqual(["countryCode"]);
    expect(tool.parameters.properties.offset).toMatchObject({ type: "integer" });
    roundTrip(text);
  });

  it("requiredRule overrides the detection", () => {
    const raw = parseJson(`{"name": "f", "description": "", "parameters": {"a": {"type": "string"}, "b": {"type": "str, optional", "required": true}}}`);
    expect(fromXlamTool(raw).parameters.required).toEqual(["b"]);
    expect(fromXlamTool(raw, { requiredRule: "type" }).parameters.required).toEqual(["a"]);
    expect(fromXlamTool(raw, { requiredRule: "none" }).parameters.required).toEqual([]);
    expect(() => fromXlamTool(raw, { requiredRule: "list" })).toThrow(/no top-level required array/);
  });
});
