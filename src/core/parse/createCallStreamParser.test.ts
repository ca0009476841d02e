import { describe, expect, it } from "vitest";
import { HammerError, OutputParseError } from "../errors.js";
import type { CallSyntax } from "../formats/types.js";
import { createCallStreamParser, type CallStreamEvent } from "./createCallStreamParser.js";
import { parseToolCalls } from "./parseToolCalls.js";

const HAMMER: CallSyntax = { kind: "json-list", open: "```\n", close: "\n```" };
const XLAM: CallSyntax = { kind: "json-list", open: "", close: "", wrapperKey: "tool_calls" };
const QWEN: CallSyntax = { kind: "tagged", callOpen: "<tool_call>", callClose: "</tool_call>", separator: "\n" };

interface Collected {
  events: CallStreamEvent[];
  text: string;
  calls: Array<{ name: string; args: string; ended: boolean }>;
  error: OutputParseError | null;
}

/** Feed `chunks`, check the event-order invariants, and reassemble what the events say. */
function collect(syntax: CallSyntax, chunks: readonly string[]): Collected {
  const p = createCallStreamParser(syntax);
  const events: CallStreamEvent[] = [];
  let error: OutputParseError | null = null;
  for (const c of chunks) events.push(...p.push(c));
  try {
    events.push(...p.end());
  } catch (e) {
    if (!(e instanceof OutputParseError)) throw e;
    error = e;
  }
  let text = "";
  const calls: Collected["calls"] = [];
  // Plain checks: `expect` per event is slow over the 100k-call stream.
  const check = (ok: boolean, what: string): void => {
    if (!ok) throw new Error(`event order violated: ${what}`);
  };
  for (const e of events) {
    if (e.type === "text") {
      check(e.delta !== "", "empty text delta");
      text += e.delta;
    } else if (e.type === "call_start") {
      check(e.index === calls.length, "call indexes count up from 0");
      calls.push({ name: e.name, args: "", ended: false });
    } else {
      const call = calls[e.index];
      check(call !== undefined && !call.ended, `${e.type} only between call_start and call_end`);
      if (call && e.type === "arguments") {
        check(e.delta !== "", "empty arguments delta");
        call.args += e.delta;
      } else if (call) call.ended = true;
    }
  }
  return { events, text, calls, error };
}

function chunksOf(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

/** What parseToolCalls makes of the same text, in the collected shape. */
function expected(text: string, syntax: CallSyntax): { text: string; calls: Array<{ name: string; args: unknown }> } {
  const r = parseToolCalls(text, { syntax });
  return { text: r.content ?? "", calls: r.calls.map((c) => ({ name: c.name, args: c.arguments })) };
}

function reassembled(c: Collected): { text: string; calls: Array<{ name: string; args: unknown }> } {
  for (const call of c.calls) expect(call.ended).toBe(true);
  return { text: c.text, calls: c.calls.map((x) => ({ name: x.name, args: JSON.parse(x.args) as unknown })) };
}

const HAMMER_OUT =
  '```\n[{"name": "get_w\\u00e9ather", "arguments": {"city": "S\\"F\\"", "days": [1, 2.0], "nested": {"k": null, "t": true}}}, {"name": "f", "arguments": {}}]\n```';

describe("createCallStreamParser", () => {
  it("splits anywhere: every two-chunk split and one character at a time give the same result", () => {
    const want = expected(HAMMER_OUT, HAMMER);
    expect(want.calls).toHaveLength(2);
    for (let cut = 0; cut <= HAMMER_OUT.length; cut++) {
      const c = collect(HAMMER, [HAMMER_OUT.slice(0, cut), HAMMER_OUT.slice(cut)]);
      expect(c.error).toBeNull();
      expect(reassembled(c)).toEqual(want);
    }
    const single = collect(HAMMER, [...HAMMER_OUT]);
    expect(reassembled(single)).toEqual(want);
  });

  it("emits a name only once complete (decoded), and arguments as raw text", () => {
    const c = collect(HAMMER, [...HAMMER_OUT]);
    const starts = c.events.filter((e) => e.type === "call_start");
    expect(starts).toEqual([
      { type: "call_start", index: 0, name: "get_wéather" },
      { type: "call_start", index: 1, name: "f" },
    ]);
    expect(c.calls[0]?.args).toBe('{"city": "S\\"F\\"", "days": [1, 2.0], "nested": {"k": null, "t": true}}');
    expect(c.calls[1]?.args).toBe("{}");
  });

  it("streams argument deltas as they arrive, not only at the end", () => {
    const p = createCallStreamParser(HAMMER);
    expect(p.push('```\n[{"name": "f", "argu')).toEqual([{ type: "call_start", index: 0, name: "f" }]);
    expect(p.push('ments": {"a": "hel')).toEqual([{ type: "arguments", index: 0, delta: '{"a": "hel' }]);
    expect(p.push('lo"}}]\n```')).toEqual([
      { type: "arguments", index: 0, delta: 'lo"}' },
      { type: "call_end", index: 0 },
    ]);
    expect(p.end()).toEqual([]);
  });

  it("holds arguments that arrive before the name until the name is complete", () => {
    const c = collect(HAMMER, chunksOf('[{"arguments": {"x": 1}, "name": "late"}]', 3));
    expect(c.events[0]).toEqual({ type: "call_start", index: 0, name: "late" });
    expect(c.calls[0]?.args).toBe('{"x": 1}');
  });

  it("handles the xLAM wrapper and OpenAI-style entries with string arguments", () => {
    const xlam = '{"tool_calls": [{"name": "f", "arguments": {"a": 1}}, {"name": "g", "arguments": {}}]}';
    expect(reassembled(collect(XLAM, chunksOf(xlam, 2)))).toEqual(expected(xlam, XLAM));
    const openai = '{"tool_calls": [{"id": "c1", "type": "function", "function": {"name": "f", "arguments": "{\\"a\\": \\"x\\\\ny\\"}"}}]}';
    const c = collect(XLAM, chunksOf(openai, 1));
    expect(c.calls).toEqual([{ name: "f", args: '{"a": "x\\ny"}', ended: true }]);
    expect(reassembled(c)).toEqual(expected(openai, XLAM));
  });

  it("handles hermes blocks with prose, giving the same text as parseToolCalls' content", () => {
    const out = 'Let me check.\n\n<tool_call>\n{"name": "f", "arguments": {"a": 1}}\n</tool_call>\n<tool_call>\n{"name": "g", "arguments": {}}\n</tool_call>\nDone <b>now</b>.';
    for (const size of [1, 2, 5, 1000]) {
      const c = collect(QWEN, chunksOf(out, size));
      expect(c.error).toBeNull();
      expect(reassembled(c)).toEqual(expected(out, QWEN));
    }
    expect(collect(QWEN, [out]).text).toBe("Let me check.\nDone <b>now</b>.");
  });

  it("passes plain text through, holding back only possible marker starts", () => {
    const p = createCallStreamParser(QWEN);
    expect(p.push("a <")).toEqual([{ type: "text", delta: "a" }]);
    expect(p.push("b and <tool_")).toEqual([{ type: "text", delta: " <b and" }]);
    expect(p.push("x>")).toEqual([{ type: "text", delta: " <tool_x>" }]);
    expect(p.end()).toEqual([]);
  });

  it("accepts fence variants and reverts a non-JSON fence to text", () => {
    for (const out of ['```json\n[{"name": "f", "arguments": {}}]\n```', '```[{"name": "f", "arguments": {}}]```', '[{"name": "f", "arguments": {}}]']) {
      expect(reassembled(collect(HAMMER, chunksOf(out, 2)))).toEqual({ text: "", calls: [{ name: "f", args: {} }] });
    }
    const c = collect(HAMMER, chunksOf("See ```python\nx = 1\n``` ok", 3));
    expect(c.error).toBeNull();
    expect(c.text).toBe("See ```python\nx = 1\n``` ok");
    expect(c.calls).toEqual([]);
  });

  it("never splits a surrogate pair across deltas", () => {
    const out = '😀 hi 😀\n```\n[{"name": "f", "arguments": {"e": "😀😀"}}]\n```';
    const chunks = [...out].flatMap((ch) => (ch.length === 2 ? [ch.charAt(0), ch.charAt(1)] : [ch]));
    const c = collect(HAMMER, chunks);
    for (const e of c.events) {
      if (e.type === "text" || e.type === "arguments") expect(/[\ud800-\udbff]$/.test(e.delta)).toBe(false);
    }
    expect(c.text).toBe("😀 hi 😀");
    expect(c.calls[0]?.args).toBe('{"e": "😀😀"}');
  });

  const errors: Array<[string, CallSyntax, string, RegExp, number]> = [
    ["cut off inside the block", HAMMER, '```\n[{"name": "f", "arguments": {"a": 1', /unexpected end of input inside the call block/, 39],
    ["name not a string", QWEN, '<tool_call>{"name": 5}</tool_call>', /function name must be a string/, 20],
    ["list item not an object", HAMMER, "[1]", /call list item must be an object/, 1],
    ["arguments not an object", HAMMER, '[{"name": "f", "arguments": [1]}]', /arguments must be an object/, 28],
    ["call without a name", HAMMER, '[{"arguments": {}}]', /call object has no "name"/, 17],
    ["text after the block instead of the close tag", QWEN, '<tool_call>{"name": "f", "arguments": {}} x</tool_call>', /expected <\/tool_call>/, 42],
    ["bad JSON", HAMMER, '[{"name" "f"}]', /expected ':'/, 9],
    ["bad escape", HAMMER, '[{"name": "\\q"}]', /invalid escape/, 11],
    ["nothing after the open tag", QWEN, "<tool_call>  ", /expected a call after <tool_call>/, 13],
  ];
  it.each(errors)("reports %s via end()", (_label, syntax, text, message, position) => {
    for (const size of [1, 4, 1000]) {
      const c = collect(syntax, chunksOf(text, size));
      expect(c.error?.message).toMatch(message);
      expect(c.error?.position).toBe(position);
    }
  });

  it("survives hostile input: 10 MB of '[', deep arguments, 100k calls", () => {
    const deep = collect(HAMMER, ["[".repeat(10_000_000)]);
    expect(deep.error?.message).toMatch(/call list item must be an object/);
    const nested = collect(HAMMER, ['[{"name": "f", "arguments": ' + "[".repeat(600)]);
    expect(nested.error?.message).toMatch(/arguments must be an object/);
    const nestedObj = collect(HAMMER, ['[{"name": "f", "arguments": ' + '{"a":'.repeat(600)]);
    expect(nestedObj.error?.message).toMatch(/nesting deeper than 512/);
    const many = "```\n" + JSON.stringify(Array.from({ length: 100_000 }, (_, i) => ({ name: `f${i}`, arguments: { i } }))) + "\n```";
    const c = collect(HAMMER, chunksOf(many, 4096));
    expect(c.error).toBeNull();
    expect(c.calls).toHaveLength(100_000);
    expect(c.calls[99_999]).toEqual({ name: "f99999", args: '{"i":99999}', ended: true });
  });

  it("rejects push() after end() and an empty tag marker", () => {
    const p = createCallStreamParser(HAMMER);
    p.end();
    expect(() => p.push("x")).toThrow(HammerError);
    expect(() => createCallStreamParser({ kind: "tagged", callOpen: " ", callClose: "", separator: "" })).toThrow(/non-empty callOpen/);
  });
});
