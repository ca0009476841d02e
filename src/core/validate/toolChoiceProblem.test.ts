import { describe, expect, it } from "vitest";
import { ToolChoiceError } from "../grammar/errors.js";
import { assertToolChoice } from "./assertToolChoice.js";
import { toolChoiceProblem } from "./toolChoiceProblem.js";

const tools = [{ name: "get_weather" }, { name: "add" }];
const named = (name: string) => ({ type: "function", function: { name } });

describe("toolChoiceProblem: the one tool_choice check", () => {
  it("accepts auto and none with or without tools, required and a named tool that is offered", () => {
    for (const choice of ["auto", "none"]) {
      expect(toolChoiceProblem(choice, tools)).toBeNull();
      expect(toolChoiceProblem(choice, [])).toBeNull();
    }
    expect(toolChoiceProblem("required", tools)).toBeNull();
    expect(toolChoiceProblem(named("add"), tools)).toBeNull();
  });

  it.each([
    ["sometimes", tools, "malformed", /tool_choice must be "auto", "none", "required" or \{type: "function", function: \{name\}\}, got "sometimes"/],
    [{ type: "function" }, tools, "malformed", /got \{"type":"function"\}/],
    [{ type: "function", function: "add" }, tools, "malformed", /must be/],
    [null, tools, "malformed", /got null/],
    [undefined, tools, "malformed", /got undefined/],
    ["required", [], "needs_tools", /tool_choice "required" needs at least one tool/],
    [named("add"), [], "needs_tools", /needs at least one tool/],
    [named("nope"), tools, "unknown_function", /tool_choice names "nope", which is not among the tools \(get_weather, add\)/],
  ])("%o with %o tools: %s", (choice, offered, reason, message) => {
    const problem = toolChoiceProblem(choice, offered);
    expect(problem?.reason).toBe(reason);
    expect(problem?.message).toMatch(message);
    expect(() => assertToolChoice(choice, offered)).toThrow(ToolChoiceError);
  });

  it("names the tool asked for, lists at most ten offered, and tolerates broken tool entries", () => {
    const many = Array.from({ length: 12 }, (_, i) => ({ name: `t${i}` }));
    expect(toolChoiceProblem(named("x"), many)).toMatchObject({ toolName: "x", message: expect.stringMatching(/t9, … \(12 tools\)\)$/) });
    expect(toolChoiceProblem(named("x"), [null, undefined, { name: 5 }])?.reason).toBe("unknown_function");
    const cyclic: Record<string, unknown> = { type: "tool" };
    cyclic.self = cyclic;
    expect(toolChoiceProblem(cyclic, many)?.message).toMatch(/got \[object Object\]$/);
    expect(toolChoiceProblem(named("y".repeat(10_000)), many)?.message.length).toBeLessThan(400);
  });
});
