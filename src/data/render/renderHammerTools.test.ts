import { describe, expect, it } from "vitest";
import { HammerError } from "../../core/errors.js";
import { parseJson } from "../../core/json/index.js";
import { renderHammerTools } from "./renderHammerTools.js";

describe("renderHammerTools (the hammer/ eval sets' tool tweaks)", () => {
  it("Seal-Tools: drops the required list and flags, and says per parameter whether it is required", () => {
    const tools = [
      {
        name: "calc",
        description: "Net income",
        parameters: {
          revenue: { type: "float", description: "Revenue", required: true },
          note: { type: "str", description: "A note", example: "x" },
        },
        required: ["revenue"],
      },
    ];
    expect(renderHammerTools(tools)).toBe(
      '[{"name": "calc", "description": "Net income", "parameters": {' +
        '"revenue": {"type": "float", "description": "Revenue.Required is true."}, ' +
        '"note": {"type": "str", "description": "A note.Required is false.", "example": "x"}}}]',
    );
    // The input is left as it was.
    expect(tools[0]?.required).toEqual(["revenue"]);
    expect(tools[0]?.parameters.revenue.description).toBe("Revenue");
  });

  it("Seal-Tools: a name in the list is required even without its own flag", () => {
    const out = renderHammerTools([{ name: "f", parameters: { a: { description: "A" } }, required: ["a"] }]);
    expect(out).toBe('[{"name": "f", "parameters": {"a": {"description": "A.Required is true."}}}]');
  });

  it("Tool-Alpaca: keeps the flag and appends ' Required is true.' (also to an empty description)", () => {
    const out = renderHammerTools([{ name: "f", parameters: { y: { type: "integer", description: "", required: true }, o: { type: "string", description: "opt" } } }]);
    expect(out).toBe('[{"name": "f", "parameters": {"y": {"type": "integer", "description": " Required is true.", "required": true}, "o": {"type": "string", "description": "opt"}}}]');
  });

  it("API-Bank: escapes backticks in parameter descriptions and keeps `return`", () => {
    const out = renderHammerTools([{ name: "f", parameters: { token: { type: "str", description: "User`s token." } }, return: { s: { type: "str" } } }]);
    expect(out).toBe('[{"name": "f", "parameters": {"token": {"type": "str", "description": "User\\\\`s token."}}, "return": {"s": {"type": "str"}}}]');
  });

  it("keeps non-ASCII text and Python float spelling", () => {
    const tools = parseJson('[{"name": "f", "parameters": {"t": {"type": "float", "description": "°C", "default": 20.0}}}]') as unknown[];
    expect(renderHammerTools(tools)).toBe('[{"name": "f", "parameters": {"t": {"type": "float", "description": "°C", "default": 20.0}}}]');
  });

  it("refuses a parameter that is not an object, or a required flag on a non-string description", () => {
    expect(() => renderHammerTools([{ name: "f", parameters: { a: 5 }, required: [] }])).toThrow(HammerError);
    try {
      renderHammerTools([{ name: "f", parameters: { "a/b": { description: 3, required: true } } }]);
      expect.unreachable();
    } catch (e) {
      expect((e as HammerError).location).toBe("/tools/0/parameters/a~1b/description");
    }
  });
});
