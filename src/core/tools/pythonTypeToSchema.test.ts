import { describe, expect, it } from "vitest";
import { ToolSchemaError } from "../errors.js";
import type { JsonSchema } from "../types.js";
import { pythonTypeToSchema } from "./pythonTypeToSchema.js";
import { schemaToPythonType } from "./schemaToPythonType.js";

const conv = (t: string) => pythonTypeToSchema(t, "tool", "/parameters/p/type");

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
    ["Tuple[float, float]", { type: "array", items: { type: "number" } }, false],
    ["Tuple[int, ...]", { type: "array", items: { type: "integer" } }, false],
    ["Tuple[int, str]", { type: "array" }, false],
    ["Set[str]", { type: "array", items: { type: "string" } }, false],
    ["Optional[str]", { type: ["string", "null"] }, true],
    ["Optional[List[int]]", { type: ["array", "null"], items: { type: "integer" } }, true],
    ["Union[int, str]", { type: ["integer", "string"] }, false],
    ["Union[int, float]", { type: "number" }, false],
    ["Union[str, None]", { type: ["string", "null"] }, true],
    ["int | None", { type: ["integer", "null"] }, true],
    ["Union[List[int], List[str]]", { type: "array" }, false],
    ["Union[List[dict], dict]", { type: ["array", "object"], items: { type: "object" } }, false],
    ["Callable", { type: "string" }, false],
    ["Callable[[float], float]", { type: "string" }, false],
    ["Any", {}, false],
    ["typing.List[typing.Any]", { type: "array" }, false],
    ["Literal['a', \"b\"]", { type: "string", enum: ["a", "b"] }, false],
    ["Literal[1, 2]", { type: "integer", enum: [1, 2] }, false],
    ["str, optional", { type: "string" }, true],
    ["int, optional", { type: "integer" }, true],
    ["bool, optional", { type: "boolean" }, true],
    ["int, default=100", { type: "integer" }, true],
    ["List[int], default=[1, 2]", { type: "array", items: { type: "integer" } }, true],
    ["str, optional, default='x, y'", { type: "string" }, true],
    ["list(str)", { type: "array", items: { type: "string" } }, false],
    ["str (optional)", { type: "string" }, true],
    ["list(str) (Optional)", { type: "array", items: { type: "string" } }, true],
    ["string", { type: "string" }, false],
    ["integer", { type: "integer" }, false],
    ["number", { type: "number" }, false],
    ["object", { type: "object" }, false],
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

  it("maps unknown names to any value when asked", () => {
    expect(pythonTypeToSchema("np.ndarray", "t", "", { unknownType: "any" })).toEqual({ schema: {}, optional: false });
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
