import { describe, expect, it } from "vitest";
import { ToolSchemaError } from "../errors.js";
import type { JsonSchema } from "../types.js";
import { TOOL_LIMITS } from "./limits.js";
import { pythonTypeToSchema } from "./pythonTypeToSchema.js";
import { schemaToPythonType } from "./schemaToPythonType.js";

const conv = (t: string) => pythonTypeToSchema(t, "tool", "/parameters/p/type");
/** As the grammar compiler reads raw tools. */
function lenient(t: string): { schema: JsonSchema; optional: boolean; unknown: string[] } {
  const unknown: string[] = [];
  const r = pythonTypeToSchema(t, "tool", "/p", { unknownType: "any", malformed: "any", onUnknown: (u) => unknown.push(u) });
  return { ...r, unknown };
}

describe("pythonTypeToSchema", () => {
  it.each<[string, object, boolean]>([
    ["str", { type: "string" }, false],
    ["int", { type: "integer" }, false],
    ["float", { type: "number" }, false],
    ["bool", { type: "boolean" }, false],
    ["list", { type: "array" }, false],
    ["dict", { type: "object" }, false],
    ["List[int]", { type: "array", items: { type: "integer" } }, false],
    ["List[str]", { type: "array", items: { type: "string" } }, false],
    ["List[Dict[str, Any]]", { type: "array", items: { type: "object" } }, false],
    ["List[List[float]]", { type: "array", items: { type: "array", items: { type: "number" } } }, false],
    ["Dict[str, Any]", { type: "object" }, false],
    ["Dict[str, int]", { type: "object", additionalProperties: { type: "integer" } }, false],
    ["Tuple[float, float]", { type: "array", items: { type: "number" }, minItems: 2, maxItems: 2 }, false],
    ["Tuple[int, ...]", { type: "array", items: { type: "integer" } }, false],
    ["Tuple[int, str]", { type: "array", prefixItems: [{ type: "integer" }, { type: "string" }], minItems: 2, maxItems: 2 }, false],
    ["Tuple[Any, Any]", { type: "array", minItems: 2, maxItems: 2 }, false],
    ["Tuple[int]", { type: "array", items: { type: "integer" } }, false],
    ["tuple", { type: "array" }, false],
    ["Set[str]", { type: "array", items: { type: "string" } }, false],
    ["Optional[str]", { type: ["string", "null"] }, true],
    ["Optional[List[int]]", { type: ["array", "null"], items: { type: "integer" } }, true],
    ["Union[int, str]", { type: ["integer", "string"] }, false],
    ["Union[int, float]", { type: "number" }, false],
    ["Union[str, None]", { type: ["string", "null"] }, true],
    ["int | None", { type: ["integer", "null"] }, true],
    ["Union[List[int], List[str]]", { anyOf: [{ type: "array", items: { type: "integer" } }, { type: "array", items: { type: "string" } }] }, false],
    ["Union[List[int], list]", { type: "array" }, false],
    ["Union[Dict[str, int], Dict[str, str]]", { anyOf: [{ type: "object", additionalProperties: { type: "integer" } }, { type: "object", additionalProperties: { type: "string" } }] }, false],
    ["Union[List[dict], dict]", { type: ["array", "object"], items: { type: "object" } }, false],
    ["Callable", { type: "string" }, false],
    ["Callable[[float], float]", { type: "string" }, false],
    ["Any", {}, false],
    ["any", {}, false],
    ["typing.List[typing.Any]", { type: "array" }, false],
    ["typing.List[float]", { type: "array", items: { type: "number" } }, false],
    ["Literal['a', \"b\"]", { type: "string", enum: ["a", "b"] }, false],
    ["Literal[1, 2]", { type: "integer", enum: [1, 2] }, false],
    ["Literal[True]", { type: "boolean", enum: [true] }, false],
    ["Literal['a', None]", { type: ["string", "null"], enum: ["a", null] }, true],
    ["Optional[Literal['asc', 'desc']]", { type: ["string", "null"], enum: ["asc", "desc", null] }, true],
    ["Union[Literal['a'], int]", { anyOf: [{ type: "string", enum: ["a"] }, { type: "integer" }] }, false],
    ["Union[Literal['a'], str]", { type: "string" }, false],
    ["str, optional", { type: "string" }, true],
    ["int, optional", { type: "integer" }, true],
    ["bool, optional", { type: "boolean" }, true],
    ["int, default=100", { type: "integer" }, true],
    ["List[int], default=[1, 2]", { type: "array", items: { type: "integer" } }, true],
    ["str, optional, default='x, y'", { type: "string" }, true],
    ["list(str)", { type: "array", items: { type: "string" } }, false],
    ["str (optional)", { type: "string" }, true],
    ["float (default: 1.0)", { type: "number" }, true],
    ["Optional[str] = None", { type: ["string", "null"] }, true],
    ["int=5", { type: "integer" }, true],
    ["list(str) (Optional)", { type: "array", items: { type: "string" } }, true],
    ["string", { type: "string" }, false],
    ["integer", { type: "integer" }, false],
    ["number", { type: "number" }, false],
    ["object", { type: "object" }, false],
    // BFCL's Java/JS names (any case, any dotted prefix)
    ["String", { type: "string" }, false],
    ["long", { type: "integer" }, false],
    ["short", { type: "integer" }, false],
    ["Bigint", { type: "integer" }, false],
    ["double", { type: "number" }, false],
    ["char", { type: "string" }, false],
    ["Boolean", { type: "boolean" }, false],
    ["HashMap", { type: "object" }, false],
    ["Hashtable", { type: "object" }, false],
    ["java.util.HashMap", { type: "object" }, false],
    ["ArrayList", { type: "array" }, false],
    ["Array", { type: "array" }, false],
    ["java.lang.String", { type: "string" }, false],
    ["nil", { type: "null" }, true],
  ])("%s", (t, schema, optional) => {
    expect(conv(t)).toEqual({ schema, optional });
  });

  it.each([
    ["Foo", /unknown type name "Foo"/],
    ["constructor", /unknown type name "constructor"/],
    ["List[", /unexpected end/],
    ["List[int", /expected "\]"/],
    ["str, whatever", /unexpected "whatever" after the type/],
    ["", /empty type/],
    ["int]", /unexpected "\]"/],
    ["'a'", /unexpected "'"/],
    ["Literal[x]", /unknown type name "x"/],
    ["List[" .repeat(40) + "int" + "]".repeat(40), /nested too deeply/],
    ["x".repeat(2000), /longer than 1000/],
  ])("rejects %j with a ToolSchemaError naming the tool and path", (t, msg) => {
    let err: unknown;
    try {
      conv(t);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ToolSchemaError);
    expect((err as ToolSchemaError).message).toMatch(msg);
    expect((err as ToolSchemaError).location).toBe("tool/parameters/p/type");
  });

  it("maps unknown names to any value when asked, and reports them", () => {
    expect(pythonTypeToSchema("np.ndarray", "t", "", { unknownType: "any" })).toEqual({ schema: {}, optional: false });
    expect(lenient("np.ndarray")).toEqual({ schema: {}, optional: false, unknown: ["np.ndarray"] });
    expect(lenient("List[Foo]")).toEqual({ schema: { type: "array" }, optional: false, unknown: ["Foo"] });
    expect(lenient("Union[Foo, int], optional")).toEqual({ schema: {}, optional: true, unknown: ["Foo"] });
    expect(lenient("constructor")).toEqual({ schema: {}, optional: false, unknown: ["constructor"] });
    expect(lenient("__proto__")).toEqual({ schema: {}, optional: false, unknown: ["__proto__"] });
    expect(lenient("Dict[str, int]")).toEqual({ schema: { type: "object", additionalProperties: { type: "integer" } }, optional: false, unknown: [] });
  });

  it("reads bare names in Literal as strings when unknown names are allowed", () => {
    expect(lenient("Literal[asc, desc]")).toEqual({ schema: { type: "string", enum: ["asc", "desc"] }, optional: false, unknown: [] });
    expect(lenient("Literal[Color.RED, None]")).toEqual({ schema: { type: ["string", "null"], enum: ["Color.RED", null] }, optional: true, unknown: [] });
  });

  it("unknown names still fail when only malformed strings are allowed", () => {
    expect(() => pythonTypeToSchema("Foo", "t", "", { malformed: "any" })).toThrow(/unknown type name "Foo"/);
  });

  it("maps unreadable strings to any value when asked: never throws or loops, optional when the string says so", () => {
    for (const s of ["", " ", "[[[[", "]]]", "List[", "Dict[str,", "|||", "((()))", "'unterminated", "'a'", "5", "List[".repeat(200), "Foo Bar", "Union[]", "Literal[]", "$x"]) {
      expect(lenient(s), s).toEqual({ schema: {}, optional: false, unknown: [s.length > 80 ? `${s.slice(0, 80)}…` : s] });
    }
    for (const s of ["str optional", "Optional", "Optional[int, str]", "List[int] or None", "Union[int, nil", "Dict[str, None"]) {
      expect(lenient(s), s).toEqual({ schema: {}, optional: true, unknown: [s] });
    }
  });

  it("applies TOOL_LIMITS in lenient mode too: past them, any value, reported", () => {
    const long = "x".repeat(TOOL_LIMITS.maxTypeStringLength + 1);
    expect(lenient(long)).toEqual({ schema: {}, optional: false, unknown: [`${"x".repeat(80)}…`] });
    const deep = "List[".repeat(TOOL_LIMITS.maxSchemaDepth + 1) + "int" + "]".repeat(TOOL_LIMITS.maxSchemaDepth + 1);
    expect(lenient(deep).schema).toEqual({});
    const ok = "List[".repeat(TOOL_LIMITS.maxSchemaDepth - 1) + "int" + "]".repeat(TOOL_LIMITS.maxSchemaDepth - 1);
    expect(lenient(ok).unknown).toEqual([]);
  });
});

describe("schemaToPythonType", () => {
  it.each<[JsonSchema, string]>([
    [{ type: "string" }, "str"],
    [{ type: "integer" }, "int"],
    [{ type: "number" }, "float"],
    [{ type: "boolean" }, "bool"],
    [{ type: "array" }, "list"],
    [{ type: "array", items: { type: "integer" } }, "List[int]"],
    [{ type: "object" }, "dict"],
    [{ type: "object", additionalProperties: { type: "number" } }, "Dict[str, float]"],
    [{ type: ["string", "null"] }, "Optional[str]"],
    [{ type: ["string", "integer"] }, "Union[str, int]"],
    [{}, "Any"],
  ])("%j → %s, and back to the same schema", (schema, t) => {
    expect(schemaToPythonType(schema)).toBe(t);
    if (t !== "Union[str, int]") expect(conv(t).schema).toEqual(schema);
  });
});
