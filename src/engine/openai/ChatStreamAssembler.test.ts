import { describe, expect, it } from "vitest";
import type { ToolDef } from "../../core/types.js";
import type { EngineEvent } from "../types.js";
import { ChatStreamAssembler } from "./ChatStreamAssembler.js";
import { ToolNameMap } from "./ToolNameMap.js";

const tools: ToolDef[] = [{ name: "math.sqrt", description: "", parameters: { type: "object", properties: { x: { type: "number" } }, required: ["x"] } }];
const names = new ToolNameMap(tools.map((t) => t.name));

describe("ChatStreamAssembler", () => {
  it("turns OpenAI tool-call deltas into start/argument/end events and validated calls, mapping names back", () => {
    const events: EngineEvent[] = [];
    const a = new ChatStreamAssembler(tools, names, (e) => events.push(e));
    a.push({ content: "ok " });
    a.push({ tool_calls: [{ index: 0, id: "call_1", type: "function", function: { name: "math_sqrt", arguments: "" } }] });
    a.push({ tool_calls: [{ index: 0, function: { arguments: '{"x": ' } }] });
    a.push({ tool_calls: [{ index: 0, function: { arguments: "2.0}" } }] });
    a.push({ tool_calls: [{ index: 1, id: "call_2", function: { name: "math_sqrt", arguments: '{"x": 3}' } }] });
    const turn = a.end(true);
    expect(turn.content).toBe("ok ");
    expect(turn.toolCalls.map((c) => [c.id, c.name, c.argumentsText])).toEqual([
      ["call_1", "math.sqrt", '{"x": 2.0}'],
      ["call_2", "math.sqrt", '{"x": 3}'],
    ]);
    expect(events.map((e) => e.type)).toEqual([
      "text", "tool_call_start", "tool_call_arguments", "tool_call_arguments", "tool_call_end", "tool_call_start", "tool_call_arguments", "tool_call_end",
    ]);
  });

  it("rejects an upstream call that breaks its schema with CALL_INVALID", () => {
    const a = new ChatStreamAssembler(tools, names);
    a.push({ tool_calls: [{ index: 0, id: "c", function: { name: "math_sqrt", arguments: '{"x": "two"}' } }] });
    expect(() => a.end(true)).toThrow(expect.objectContaining({ code: "CALL_INVALID" }));
  });

  it("reports no calls for a cut stream", () => {
    const a = new ChatStreamAssembler(tools, names);
    a.push({ tool_calls: [{ index: 0, id: "c", function: { name: "math_sqrt", arguments: '{"x": ' } }] });
    expect(a.end(false).toolCalls).toEqual([]);
  });
});
