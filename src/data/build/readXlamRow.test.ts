import { describe, expect, it } from "vitest";
import { isFloatAt } from "../../core/json/index.js";
import { pyJsonDumps } from "../../core/python/index.js";
import { readXlamRow, RowRejectedError, type RejectReason } from "./readXlamRow.js";

const TOOLS = '[{"name": "f", "description": "d", "parameters": {"x": {"description": "x", "type": "float", "default": 1.0}}}]';

function reason(rec: unknown, depth: "checked" | "validated" = "checked"): RejectReason | "ok" {
  try {
    readXlamRow(typeof rec === "string" ? rec : JSON.stringify(rec), depth);
    return "ok";
  } catch (e) {
    if (e instanceof RowRejectedError) return e.reason;
    throw e;
  }
}

describe("readXlamRow", () => {
  it("reads xLAM strings as stored and parses them losslessly", () => {
    const row = readXlamRow(JSON.stringify({ id: 7, query: "q", tools: TOOLS, answers: '[{"name": "f", "arguments": {"x": 2.0}}]' }), "checked");
    expect(row.toolsText).toBe(TOOLS);
    expect(row.id).toBe(7);
    const arg = (row.answers?.[0] as { arguments: object }).arguments;
    expect(isFloatAt(arg, "x")).toBe(true);
  });

  it("accepts already-parsed arrays and stores them as Python json.dumps text", () => {
    const text = '{"query": "q", "tools": [{"name": "f", "description": "caf\\u00e9", "parameters": {"x": {"default": 1.0}}}], "answers": []}';
    const row = readXlamRow(text, "texts");
    expect(row.toolsText).toBe('[{"name": "f", "description": "caf\\u00e9", "parameters": {"x": {"default": 1.0}}}]');
    expect(row.answersText).toBe("[]");
  });

  it("names the reason of every kind of bad row", () => {
    const ok = { query: "q", tools: TOOLS, answers: "[]" };
    expect(reason(ok)).toBe("ok");
    expect(reason("{nope")).toBe("invalid_json");
    expect(reason("[1]")).toBe("not_an_object");
    expect(reason({ query: "q", tools: TOOLS })).toBe("missing_field");
    expect(reason({ ...ok, query: 5 })).toBe("invalid_field");
    expect(reason({ ...ok, tools: 5 })).toBe("invalid_field");
    expect(reason({ ...ok, tools: "[{" })).toBe("tools_unparseable");
    expect(reason({ ...ok, answers: "nope" })).toBe("answers_unparseable");
    expect(reason({ ...ok, tools: "{}" })).toBe("tools_not_a_list");
    expect(reason({ ...ok, answers: "{}" })).toBe("answers_not_a_list");
    expect(reason({ ...ok, tools: "[]" })).toBe("empty_tools");
    expect(reason({ ...ok, tools: "[1]" })).toBe("invalid_tool");
    expect(reason({ ...ok, tools: '[{"name": "f", "parameters": "x"}]' })).toBe("invalid_parameters");
    expect(reason({ ...ok, tools: '[{"name": "f", "parameters": {"a": 1}}]' })).toBe("invalid_parameters");
    expect(reason({ ...ok, tools: '[{"name": "f", "parameters": {"type": "object", "properties": {}}}]' })).toBe("invalid_parameters");
    expect(reason({ ...ok, answers: '[{"name": "f"}]' })).toBe("invalid_answer");
    expect(reason({ ...ok, answers: '[{"arguments": {}}]' })).toBe("invalid_answer");
    expect(reason({ ...ok, answers: '[{"name": "g", "arguments": {}}]' })).toBe("unknown_tool");
    expect(reason({ ...ok, tools: "[".repeat(600) + "]".repeat(600) })).toBe("tools_unparseable");
    const many = JSON.stringify(Array.from({ length: 1025 }, (_, i) => ({ name: `t${i}`, parameters: {} })));
    expect(reason({ ...ok, tools: many })).toBe("row_too_large");
    expect(reason({ ...ok, query: "x".repeat(200_001) })).toBe("row_too_large");
  });

  it("validated: the same checks as checked (every reason above), without float marks", () => {
    const ok = { query: "q", tools: TOOLS, answers: '[{"name": "f", "arguments": {"x": 2.0}}]' };
    const bad = [
      "{nope", "[1]", { ...ok, tools: "[{" }, { ...ok, answers: "nope" }, { ...ok, tools: "{}" }, { ...ok, tools: "[]" },
      { ...ok, tools: '[{"name": "f", "parameters": {"a": 1}}]' }, { ...ok, answers: '[{"name": "g", "arguments": {}}]' },
      { ...ok, tools: "[".repeat(600) + "1.0" + "]".repeat(600) }, { ...ok, tools: "[".repeat(600) + "]".repeat(600) },
    ];
    for (const rec of [ok, ...bad]) expect(reason(rec, "validated")).toBe(reason(rec, "checked"));
    const row = readXlamRow(JSON.stringify(ok), "validated");
    expect(row.toolsText).toBe(TOOLS);
    expect(isFloatAt((row.answers?.[0] as { arguments: object }).arguments, "x")).toBe(false);
  });

  it("hints from an earlier read give the same row, float marks included, and report the float tests", () => {
    const recs = [
      { query: "q", tools: TOOLS, answers: '[{"name": "f", "arguments": {"x": 2.0}}]' },
      { query: "q", tools: TOOLS.replace("1.0", "1"), answers: '[{"name": "f", "arguments": {"x": 2}}]' },
      { query: "q", tools: TOOLS, answers: "[]" },
    ].map((r) => JSON.stringify(r));
    for (const text of recs) {
      const first = readXlamRow(text, "checked");
      expect(first.toolsFloats).toBe(/\d\.0/.test(JSON.parse(text).tools));
      expect(first.answersFloats).toBe(/\d\.0/.test(JSON.parse(text).answers));
      const hints = { accepted: true, toolsFloats: first.toolsFloats, answersFloats: first.answersFloats };
      const again = readXlamRow(text, "parsed", hints);
      expect(pyJsonDumps([again.tools, again.answers])).toBe(pyJsonDumps([first.tools, first.answers]));
      // the stored texts are in json.dumps layout: the lossless parse prints them back
      const { tools, answers } = JSON.parse(text) as { tools: string; answers: string };
      expect(pyJsonDumps([again.tools, again.answers])).toBe(`[${tools}, ${answers}]`);
    }
    // a validated read does not test for floats: nothing to pass on
    const v = readXlamRow(recs[0] as string, "validated");
    expect(v.toolsFloats).toBeUndefined();
    expect(v.answersFloats).toBeUndefined();
  });

  it("keeps the record's id on a rejection", () => {
    try {
      readXlamRow(JSON.stringify({ id: "row-9", query: "q", tools: "[]", answers: "[]" }), "checked");
      expect.unreachable();
    } catch (e) {
      expect((e as RowRejectedError).id).toBe("row-9");
      expect((e as RowRejectedError).message).toBe("empty_tools: the tool list is empty");
    }
  });
});
