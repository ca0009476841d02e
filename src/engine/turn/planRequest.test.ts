import { describe, expect, it } from "vitest";
import type { ToolDef } from "../../core/types.js";
import type { GenerateRequest } from "../types.js";
import { planRequest, REQUEST_LIMITS } from "./planRequest.js";

const weather: ToolDef = { name: "get_weather", description: "", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } };
const msgs: GenerateRequest["messages"] = [{ role: "user", content: "hi" }];
const plan = (r: Partial<GenerateRequest>) => planRequest({ messages: msgs, ...r }, { temperature: 0 });

describe("planRequest", () => {
  it("defaults tool_choice to auto with tools and none without, parallel calls on", () => {
    expect(plan({ tools: [weather] })).toMatchObject({ choice: "auto", toolsActive: true, parallel: true, textFallback: false, json: null });
    expect(plan({})).toMatchObject({ choice: "none", toolsActive: false });
    expect(plan({ tools: [weather], toolChoice: "none" }).toolsActive).toBe(false);
    expect(plan({}).sampling).toEqual({ temperature: 0, topP: 1, seed: undefined, maxTokens: undefined });
  });

  it("decodes under the grammar unless asked for free decoding", () => {
    expect(plan({}).free).toBe(false);
    expect(plan({ decoding: "constrained" }).free).toBe(false);
    expect(plan({ decoding: "free" }).free).toBe(true);
  });

  it("maps response formats to a schema", () => {
    expect(plan({ responseFormat: { type: "json_object" } }).json).toEqual({ kind: "json_object", schema: { type: "object" }, name: "json_object" });
    expect(plan({ responseFormat: { type: "json_schema", schema: { type: "integer" }, name: "n" } }).json).toMatchObject({ kind: "json_schema", name: "n" });
    expect(plan({ responseFormat: { type: "text" } }).json).toBeNull();
  });

  it.each([
    [{ messages: [] }, /messages: must be a non-empty array/],
    [{ messages: [{ role: "robot", content: "x" }] }, /messages\/0\/role/],
    [{ messages: [{ role: "user", content: 5 }] }, /messages\/0\/content/],
    [{ tools: [weather], toolChoice: { type: "function", function: { name: "nope" } } }, /not among the tools/],
    [{ toolChoice: "required" }, /needs at least one tool/],
    [{ tools: [weather], toolChoice: "sometimes" }, /tool_choice must be/],
    [{ temperature: -1 }, /temperature/],
    [{ topP: 0 }, /topP/],
    [{ maxTokens: 0 }, /maxTokens/],
    [{ seed: 1.5 }, /seed/],
    [{ stop: "x" }, /stop: must be an array/],
    [{ responseFormat: { type: "xml" } }, /responseFormat\/type/],
    [{ decoding: "loose" }, /decoding: must be constrained or free/],
    [{ tools: [{ name: "bad", description: "", parameters: { type: "object", properties: { a: { type: "strng" } } } }] }, /bad/],
  ])("rejects %o", (r, message) => {
    expect(() => planRequest({ messages: msgs, ...(r as Partial<GenerateRequest>) }, { temperature: 0 })).toThrow(message);
  });

  it("caps stop strings", () => {
    expect(() => plan({ stop: Array.from({ length: REQUEST_LIMITS.maxStops + 1 }, (_, i) => `s${i}`) })).toThrow(expect.objectContaining({ code: "LIMIT_EXCEEDED" }));
    expect(() => plan({ stop: ["x".repeat(REQUEST_LIMITS.maxStopLength + 1)] })).toThrow(expect.objectContaining({ code: "LIMIT_EXCEEDED" }));
  });
});
