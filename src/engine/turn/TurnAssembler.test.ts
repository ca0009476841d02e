import { describe, expect, it } from "vitest";
import { getFormat } from "../../core/formats/index.js";
import { isFloatAt } from "../../core/json/index.js";
import type { ToolDef } from "../../core/types.js";
import type { EngineEvent } from "../types.js";
import { InvalidCallError } from "./InvalidCallError.js";
import { TurnAssembler } from "./TurnAssembler.js";

const tools: ToolDef[] = [
  { name: "f", description: "", parameters: { type: "object", properties: { a: { type: "number" } }, required: ["a"] } },
  { name: "g", description: "", parameters: { type: "object", properties: {} } },
];
const hammer = getFormat("hammer2.1").callSyntax;
const qwen = getFormat("qwen").callSyntax;

function assemble(syntax: typeof hammer | null, text: string, reason: "stop" | "length" | "abort" = "stop", constraint: "grammar" | "none" = "grammar", warnings: string[] = []) {
  const events: EngineEvent[] = [];
  const a = new TurnAssembler({ syntax, tools, constraint, warnings, emit: (e) => events.push(e) });
  for (const ch of text) a.push(ch); // one character at a time: the worst split
  return { turn: a.end(reason), events };
}

describe("TurnAssembler", () => {
  it("reads calls incrementally, keeps the argument text as generated and ids the calls", () => {
    const { turn, events } = assemble(hammer, '```\n[{"name": "f", "arguments": {"a": 5.0}}, {"name": "g", "arguments": {}}]\n```');
    expect(turn.content).toBeNull();
    expect(turn.toolCalls.map((c) => [c.name, c.argumentsText])).toEqual([["f", '{"a": 5.0}'], ["g", "{}"]]);
    expect(turn.toolCalls[0]?.id).toMatch(/^call_[A-Za-z0-9]{24}$/);
    expect(isFloatAt(turn.toolCalls[0]?.arguments ?? {}, "a")).toBe(true);
    const starts = events.filter((e) => e.type === "tool_call_start");
    expect(starts.map((e) => (e as { id: string }).id)).toEqual(turn.toolCalls.map((c) => c.id));
    const args = events.filter((e) => e.type === "tool_call_arguments" && e.index === 0).map((e) => (e as { delta: string }).delta);
    expect(args.length).toBeGreaterThan(3); // fragments, not one blob at the end
    expect(args.join("")).toBe('{"a": 5.0}');
  });

  it("keeps prose around tagged calls as content", () => {
    const { turn, events } = assemble(qwen, 'Sure.\n<tool_call>\n{"name": "g", "arguments": {}}\n</tool_call>');
    expect(turn.content).toBe("Sure.");
    expect(events.filter((e) => e.type === "text").map((e) => (e as { delta: string }).delta).join("")).toBe("Sure.");
  });

  it("reports no calls when the pass was cut inside a call", () => {
    const { turn, events } = assemble(hammer, '```\n[{"name": "f", "arguments": {"a": 5', "length");
    expect(turn.toolCalls).toEqual([]);
    expect(events.some((e) => e.type === "tool_call_start")).toBe(true); // streamed events are provisional
  });

  it("an invalid call under our grammar is a bug (INTERNAL); with a warning for its tool, CALL_INVALID", () => {
    const bad = '```\n[{"name": "f", "arguments": {"a": "x"}}]\n```';
    expect(() => assemble(hammer, bad)).toThrow(expect.objectContaining({ code: "INTERNAL" }));
    try {
      assemble(hammer, bad, "stop", "grammar", ["f/parameters/properties/a: pattern ignored (widened)"]);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidCallError);
      expect((e as InvalidCallError).code).toBe("CALL_INVALID");
      expect((e as InvalidCallError).message).toMatch(/widened/);
    }
    expect(() => assemble(hammer, bad, "stop", "none")).toThrow(expect.objectContaining({ code: "CALL_INVALID" }));
  });

  it("unparseable output: a bug under our grammar, the answer text otherwise", () => {
    expect(() => assemble(hammer, "```\n[{")).toThrow(expect.objectContaining({ code: "INTERNAL" }));
    expect(assemble(hammer, " I cannot help. ", "stop", "none").turn).toEqual({ content: "I cannot help.", toolCalls: [] });
  });

  it("passes plain text through when no tools are offered", () => {
    const { turn } = assemble(null, "Hello, world");
    expect(turn).toEqual({ content: "Hello, world", toolCalls: [] });
    expect(assemble(null, "").turn.content).toBeNull();
  });

  describe("free decoding (validate: false)", () => {
    const free = (syntax: typeof hammer, text: string) => {
      const a = new TurnAssembler({ syntax, tools, constraint: "none", warnings: [], validate: false });
      for (const ch of text) a.push(ch);
      return a.end("stop");
    };

    it("returns a call that breaks its schema as written (no validation)", () => {
      const turn = free(hammer, '```\n[{"name": "f", "arguments": {"a": "x"}}]\n```');
      expect(turn.toolCalls.map((c) => [c.name, c.arguments])).toEqual([["f", { a: "x" }]]);
    });

    it("output that breaks the call syntax is the answer text, whole", () => {
      const broken = '```\n[{"name": "f", "arguments": {"a": 1}, oops]\n```';
      expect(free(hammer, broken)).toEqual({ content: broken, toolCalls: [] });
      const notObject = '<tool_call>\n{"name": "g", "arguments": [1]}\n</tool_call>';
      expect(free(qwen, notObject)).toEqual({ content: notObject, toolCalls: [] });
      expect(free(hammer, "I cannot help with that.")).toEqual({ content: "I cannot help with that.", toolCalls: [] });
    });
  });
});
