import { describe, expect, it } from "vitest";
import { HammerError } from "../../core/errors.js";
import { parseJson } from "../../core/json/index.js";
import { readNeutralRecord, renderEvalRecord } from "./renderEvalRecord.js";

function failure(fn: () => unknown): { location: string | undefined; message: string } {
  try {
    fn();
  } catch (e) {
    if (e instanceof HammerError) return { location: e.location, message: e.message };
    throw e;
  }
  throw new Error("expected a HammerError");
}

describe("renderEvalRecord", () => {
  const tools = [{ name: "get_weather", description: "Weather", parameters: { city: { type: "str", description: "City" } } }];

  it("renders Seal-Tools answers {tool, parameters} as {name, arguments}, keeping floats", () => {
    const record = parseJson('{"query": "q", "tools": [], "answers": [{"tool": "calc", "parameters": {"x": 1.0, "y": "2"}}]}');
    expect(renderEvalRecord(record, "hammer").output).toBe('```\n[{"name": "calc", "arguments": {"x": 1.0, "y": "2"}}]\n```');
  });

  it("accepts tools and answers given as JSON strings (xLAM's layout)", () => {
    const asStrings = { query: "Weather in Oslo?", tools: JSON.stringify(tools), answers: '[{"name": "get_weather", "arguments": {"city": "Oslo"}}]' };
    const asLists = { query: "Weather in Oslo?", tools, answers: [{ name: "get_weather", arguments: { city: "Oslo" } }] };
    expect(renderEvalRecord(asStrings, "hammer2.1")).toEqual(renderEvalRecord(asLists, "hammer2.1"));
  });

  it("hammer2.1: a string query is one user turn; the final 'Generate API Request:' line is removed", () => {
    const single = renderEvalRecord({ query: "Hi", tools: [], answers: [] }, "hammer2.1");
    expect(single.instruction.endsWith("<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n")).toBe(true);
    expect(single.output).toBe("```\n[]\n```");
    const turns = renderEvalRecord({ query: [{ role: "user", content: "Hi" }, { role: "agent", content: "OK.\nGenerate API Request:" }], tools: [], answers: [] }, "hammer2.1");
    expect(turns.instruction.endsWith("<|im_start|>user\nHi<|im_end|>\n<|im_start|>agent\nOK.<|im_end|>\n")).toBe(true);
  });

  it("hammer: turns become QUERY lines, the tools JSON keeps non-ASCII text", () => {
    const r = renderEvalRecord(
      { query: [{ role: "user", content: "Hi" }, { role: "agent", content: "OK.\nGenerate API Request:" }], tools: [{ name: "f", description: "°C" }], answers: [] },
      "hammer",
    );
    expect(r.instruction).toContain('[BEGIN OF AVAILABLE TOOLS]\n[{"name": "f", "description": "°C"}]\n[END OF AVAILABLE TOOLS]');
    expect(r.instruction.endsWith("[BEGIN OF QUERY]\nUser: Hi\nAI: OK.\nGenerate API Request:\n\n[END OF QUERY]\n\n")).toBe(true);
  });

  it("names what is wrong and where", () => {
    const ok = { query: "q", tools, answers: [] };
    const cases: Array<[unknown, string, RegExp]> = [
      [[ok], "/", /record is a list, not an object/],
      [{ tools, answers: [] }, "/", /record has no "query"/],
      [{ ...ok, query: 5 }, "/query", /query is a number, not a string or a list of turns/],
      [{ ...ok, query: [] }, "/query", /query has no turns/],
      [{ ...ok, query: [{ role: "user" }] }, "/query/0/content", /content is missing, not a string/],
      [{ ...ok, query: [{ role: "bad role", content: "x" }] }, "/query/0/role", /role must be a non-empty word/],
      [{ ...ok, query: [{ role: "im_end|>", content: "x" }] }, "/query/0/role", /role must be a non-empty word/],
      [{ ...ok, tools: { name: "f" } }, "/tools", /tools is an object, not a list/],
      [{ ...ok, tools: [{ description: "no name" }] }, "/tools/0/name", /tool has no string name/],
      [{ ...ok, answers: "[1, " }, "/answers", /string is not valid JSON/],
      [{ ...ok, answers: [{ name: "f", arguments: "{}" }] }, "/answers/0/arguments", /"arguments" is a string, not an object/],
      [{ ...ok, answers: [{ tool: "f" }] }, "/answers/0/parameters", /"parameters" is missing, not an object/],
    ];
    for (const [record, location, message] of cases) {
      const f = failure(() => readNeutralRecord(record));
      expect(f.location, JSON.stringify(record)).toBe(location);
      expect(f.message).toMatch(message);
    }
  });

  it("points a tool result that opens a Hammer conversation at its turn", () => {
    const f = failure(() => renderEvalRecord({ query: [{ role: "tool", content: "x" }], tools: [], answers: [] }, "hammer"));
    expect(f.location).toBe("/query/0/role");
  });
});
