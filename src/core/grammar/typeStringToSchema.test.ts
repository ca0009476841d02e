import { describe, expect, it } from "vitest";
import { typeStringToSchema } from "./typeStringToSchema.js";

describe("typeStringToSchema", () => {
  it.each([
    ["str", { type: "string" }, false],
    ["int", { type: "integer" }, false],
    ["float", { type: "number" }, false],
    ["bool", { type: "boolean" }, false],
    ["dict", { type: "object" }, false],
    ["tuple", { type: "array" }, false],
    ["any", {}, false],
    ["String", { type: "string" }, false],
    ["HashMap", { type: "object" }, false],
    ["long", { type: "integer" }, false],
    ["List[int]", { type: "array", items: { type: "integer" } }, false],
    ["list(str)", { type: "array", items: { type: "string" } }, false],
    ["typing.List[float]", { type: "array", items: { type: "number" } }, false],
    ["List[List[int]]", { type: "array", items: { type: "array", items: { type: "integer" } } }, false],
    ["Dict[str, int]", { type: "object", additionalProperties: { type: "integer" } }, false],
    ["Dict[str, Any]", { type: "object" }, false],
    ["Tuple[int, str]", { type: "array", prefixItems: [{ type: "integer" }, { type: "string" }], minItems: 2, maxItems: 2 }, false],
    ["Tuple[int, ...]", { type: "array", items: { type: "integer" } }, false],
    ["Optional[str]", { type: ["string", "null"] }, true],
    ["Union[int, str]", { type: ["integer", "string"] }, false],
    ["int | None", { type: ["integer", "null"] }, true],
    ["Union[List[dict], dict]", { anyOf: [{ type: "array", items: { type: "object" } }, { type: "object" }] }, false],
    ["Literal['a', 'b']", { enum: ["a", "b"] }, false],
    ["str, optional", { type: "string" }, true],
    ["int, default=100", { type: "integer" }, true],
    ["Callable[[float], float]", { type: "string" }, false],
    ["", {}, false],
  ])("%j", (text, schema, optional) => {
    const r = typeStringToSchema(text);
    expect(r.schema).toEqual(schema);
    expect(r.optional).toBe(optional);
    expect(r.unknown).toEqual([]);
  });

  it("reports unknown names and maps them to any value", () => {
    expect(typeStringToSchema("np.ndarray")).toEqual({ schema: {}, optional: false, unknown: ["np.ndarray"] });
    expect(typeStringToSchema("List[Foo]")).toEqual({ schema: { type: "array" }, optional: false, unknown: ["Foo"] });
  });

  it("never loops or throws on garbage", () => {
    for (const s of ["[[[[", "]]]", "List[", "Dict[str,", "|||", "((()))", "'unterminated", "List[" .repeat(200)]) {
      expect(() => typeStringToSchema(s)).not.toThrow();
    }
  });
});
