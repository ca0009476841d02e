import { describe, expect, it } from "vitest";
import { OutputParseError } from "../errors.js";
import type { CallSyntax } from "../formats/types.js";
import { isFloatAt } from "../json/index.js";
import { pyJsonDumps } from "../python/index.js";
import { parseToolCalls } from "./parseToolCalls.js";

const HAMMER: CallSyntax = { kind: "json-list", open: "```\n", close: "\n```" };
const XLAM: CallSyntax = { kind: "json-list", open: "", close: "", wrapperKey: "tool_calls" };
const QWEN: CallSyntax = { kind: "tagged", callOpen: "<tool_call>\n", callClose: "\n</tool_call>", separator: "\n" };

/** Calls rendered with float marks visible, so `5` vs `5.0` is checked too. */
function show(text: string, syntax?: CallSyntax): string {
  const r = parseToolCalls(text, syntax ? { syntax } : {});
  return `${pyJsonDumps(r.calls.map((c) => (c.id ? { id: c.id, name: c.name, arguments: c.arguments } : { name: c.name, arguments: c.arguments })))} | ${JSON.stringify(r.content)}`;
}

function failure(text: string, syntax?: CallSyntax): OutputParseError {
  try {
    parseToolCalls(text, syntax ? { syntax } : {});
  } catch (e) {
    if (e instanceof OutputParseError) return e;
    throw e;
  }
  throw new Error(`expected OutputParseError for ${JSON.stringify(text)}`);
}

const F = '{"name": "f", "arguments": {"a": 1, "b": 5.0}}';
const F_OUT = '{"name": "f", "arguments": {"a": 1, "b": 5.0}}';

describe("parseToolCalls: JSON shapes", () => {
  const cases: Array<[string, string, string]> = [
    ["Hammer fenced list", "```\n[" + F + "]\n```", `[${F_OUT}] | null`],
    ["fence without newlines (Hammer 2.1 eval data)", "```[" + F + "]```", `[${F_OUT}] | null`],
    ["```json fence", "```json\n[" + F + "]\n```", `[${F_OUT}] | null`],
    ["```json touching the bracket", "```json[" + F + "]```", `[${F_OUT}] | null`],
    ["other language tag", "```tool_code\n[" + F + "]\n```", `[${F_OUT}] | null`],
    ["bare list", "[" + F + "]", `[${F_OUT}] | null`],
    ["single object", F, `[${F_OUT}] | null`],
    ["single object in a fence (README example)", "```\n" + F + "\n```", `[${F_OUT}] | null`],
    ["empty list = no call", "[]", "[] | null"],
    ["fenced empty list", "```\n[]\n```", "[] | null"],
    ["xLAM wrapper", '{"tool_calls": [' + F + "]}", `[${F_OUT}] | null`],
    ["xLAM wrapper, null", '{"tool_calls": null}', "[] | null"],
    [
      "OpenAI-style entries with string arguments",
      '{"tool_calls": [{"id": "call_1", "type": "function", "function": {"name": "f", "arguments": "{\\"a\\": 1, \\"b\\": 5.0}"}}]}',
      `[{"id": "call_1", "name": "f", "arguments": {"a": 1, "b": 5.0}}] | null`,
    ],
    ["{name, parameters}", '[{"name": "f", "parameters": {"x": 2.5}}]', '[{"name": "f", "arguments": {"x": 2.5}}] | null'],
    ["Seal-Tools {tool, parameters}", '[{"tool": "calc", "parameters": {"x": "40.7"}}]', '[{"name": "calc", "arguments": {"x": "40.7"}}] | null'],
    ["BFCL {func: {args}}", '[{"math.factorial": {"number": 5}}]', '[{"name": "math.factorial", "arguments": {"number": 5}}] | null'],
    ["arguments as a JSON string", '[{"name": "f", "arguments": "{\\"k\\": [1.0]}"}]', '[{"name": "f", "arguments": {"k": [1.0]}}] | null'],
    ["arguments as a Python-literal string (glaive)", `[{"name": "f", "arguments": "{'k': True}"}]`, '[{"name": "f", "arguments": {"k": true}}] | null'],
    ["empty arguments string", '[{"name": "f", "arguments": ""}]', '[{"name": "f", "arguments": {}}] | null'],
    ["missing arguments", '[{"name": "f"}]', '[{"name": "f", "arguments": {}}] | null'],
    ["several objects in a row", F + "\n" + F, `[${F_OUT}, ${F_OUT}] | null`],
    ["``` inside a JSON string does not end the fence", '```\n[{"name": "f", "arguments": {"code": "```py```"}}]\n```', '[{"name": "f", "arguments": {"code": "```py```"}}] | null'],
    ["fence left open at the end (cut at a stop string)", "```\n[" + F + "]", `[${F_OUT}] | null`],
  ];
  it.each(cases)("%s", (_label, text, want) => expect(show(text)).toBe(want));

  it("keeps Python's int/float distinction through parseJson", () => {
    const r = parseToolCalls('```\n[{"name": "f", "arguments": {"i": 5, "f": 5.0, "e": 1e3, "l": [2, 2.0]}}]\n```');
    const args = r.calls[0]?.arguments as Record<string, unknown>;
    expect(isFloatAt(args, "i")).toBe(false);
    expect(isFloatAt(args, "f")).toBe(true);
    expect(isFloatAt(args, "e")).toBe(true);
    expect(isFloatAt(args.l as object, 1)).toBe(true);
  });
});

describe("parseToolCalls: prose around the block", () => {
  const cases: Array<[string, string, string]> = [
    ["before and after a fence", "Sure, calling it now.\n```json\n[" + F + "]\n```\nDone!", `[${F_OUT}] | "Sure, calling it now.\\nDone!"`],
    ["before a bare list", "Here you go: [" + F + "]", `[${F_OUT}] | "Here you go:"`],
    ["brackets in prose before the block", "Note [1] and {see below}: [f(a=1)] ok", '[{"name": "f", "arguments": {"a": 1}}] | "Note [1] and {see below}:\\nok"'],
    ["a JSON list that is data, then the calls", "Data: [1, 2] then " + F, `[${F_OUT}] | "Data: [1, 2] then"`],
    ["a non-JSON code fence is prose", "```python\nprint(1)\n```\n[" + F + "]", `[${F_OUT}] | "\`\`\`python\\nprint(1)\\n\`\`\`"`],
    ["a fence with text after its list falls back to the bare list", "```\n[]\nsome text\n```", '[] | "```\\nsome text\\n```"'],
    ["two fences with calls", "A\n```[" + F + "]```\nB\n```[" + F + "]```", `[${F_OUT}, ${F_OUT}] | "A\\nB"`],
  ];
  it.each(cases)("%s", (_label, text, want) => expect(show(text)).toBe(want));
});

describe("parseToolCalls: hermes <tool_call> blocks", () => {
  const qwenOut =
    'Let me look that up.\n<tool_call>\n{"name": "get_weather", "arguments": {"city": "Paris", "days": 3.0}}\n</tool_call>\n<tool_call>\n{"name": "get_time", "arguments": {}}\n</tool_call>';
  const want = '[{"name": "get_weather", "arguments": {"city": "Paris", "days": 3.0}}, {"name": "get_time", "arguments": {}}] | "Let me look that up."';

  it("parses several blocks with prose, with and without the syntax", () => {
    expect(show(qwenOut, QWEN)).toBe(want);
    expect(show(qwenOut)).toBe(want);
  });

  it("lets the first marker decide when no syntax is given", () => {
    const hammerWithTag = '```\n[{"name": "f", "arguments": {"s": "<tool_call>"}}]\n```';
    expect(show(hammerWithTag)).toBe('[{"name": "f", "arguments": {"s": "<tool_call>"}}] | null');
    const hermesWithFence = '<tool_call>\n{"name": "f", "arguments": {"code": "```[]```"}}\n</tool_call>';
    expect(show(hermesWithFence)).toBe('[{"name": "f", "arguments": {"code": "```[]```"}}] | null');
  });

  it("falls back to hermes blocks under the Hammer syntax, without leaving tags in the content", () => {
    expect(show(qwenOut, HAMMER)).toBe(want);
  });

  it("tolerates a missing close tag at the very end", () => {
    expect(show('<tool_call>\n{"name": "f", "arguments": {}}', QWEN)).toBe('[{"name": "f", "arguments": {}}] | null');
  });

  it("treats text without the tag as a plain answer under the tagged syntax", () => {
    expect(show("The capital of France is Paris.", QWEN)).toBe('[] | "The capital of France is Paris."');
    expect(show("Use [1, 2] as input.", QWEN)).toBe('[] | "Use [1, 2] as input."');
    expect(show("", QWEN)).toBe("[] | null");
    // …but a bare call block that is the whole text is still a call.
    expect(show(F, QWEN)).toBe(`[${F_OUT}] | null`);
  });

  it("reports a broken block precisely", () => {
    const e = failure('Hi <tool_call>\n{"name": "f", "arguments": {"a": }}\n</tool_call>', QWEN);
    expect(e.message).toMatch(/in the <tool_call> block opened at offset 3/);
    expect(e.position).toBe(48);
    const e2 = failure('<tool_call>{"name": "f", "arguments": {}} oops</tool_call>', QWEN);
    expect(e2.message).toMatch(/expected <\/tool_call>/);
    expect(e2.position).toBe(42);
    const e3 = failure("<tool_call>\n</tool_call>", QWEN);
    expect(e3.message).toMatch(/empty <tool_call> block/);
  });
});

describe("parseToolCalls: Python call syntax", () => {
  const cases: Array<[string, string, string]> = [
    ["list of calls", '[f(a=1, b="x"), g()]', '[{"name": "f", "arguments": {"a": 1, "b": "x"}}, {"name": "g", "arguments": {}}] | null'],
    ["single call", "f(a=1)", '[{"name": "f", "arguments": {"a": 1}}] | null'],
    ["dotted name", "math.factorial(number=5)", '[{"name": "math.factorial", "arguments": {"number": 5}}] | null'],
    [
      "every literal kind",
      `[f(s='it\\'s', d="q\\"", t='''multi
line''', r=r'\\d', i=-3, x=0x10, fl=1e-3, ng=-2.5, one=1.0, b=True, c=False, n=None, l=[1, 'a'], tu=(1, 2), di={'k': {'n': 1.5}}, se={1})]`,
      `[{"name": "f", "arguments": {"s": "it's", "d": "q\\"", "t": "multi\\nline", "r": "\\\\d", "i": -3, "x": 16, "fl": 0.001, "ng": -2.5, "one": 1.0, "b": true, "c": false, "n": null, "l": [1, "a"], "tu": [1, 2], "di": {"k": {"n": 1.5}}, "se": [1]}}] | null`,
    ],
    ["in a tool_code fence", "```tool_code\nf(a=1)\n```", '[{"name": "f", "arguments": {"a": 1}}] | null'],
    ["with prose", "I will call get_weather(city='Paris') for you.", '[{"name": "get_weather", "arguments": {"city": "Paris"}}] | "I will call\\nfor you."'],
    ["calls separated by newlines", "f(a=1)\ng(b=2)", '[{"name": "f", "arguments": {"a": 1}}, {"name": "g", "arguments": {"b": 2}}] | null'],
    ["Python-repr'd call objects (Seal-Tools originals)", "[{'tool': 'calc', 'parameters': {'x': 0.29, 'y': None}}]", '[{"name": "calc", "arguments": {"x": 0.29, "y": null}}] | null'],
  ];
  it.each(cases)("%s", (_label, text, want) => expect(show(text)).toBe(want));
});

describe("parseToolCalls: errors name the offset and what was expected", () => {
  const cases: Array<[string, string, RegExp, number]> = [
    ["[f(a=]", "[f(a=]", /unexpected character "]": expected a value/, 5],
    ["list of non-objects", "[1, 2, 3]", /item 0 of the call list is a number, not a call object/, 1],
    ["non-object later in the list", '[{"name": "f", "arguments": {}}, "g"]', /item 1 of the call list is a string/, 33],
    ["bad JSON inside a fence", '```json\n[{"name": "f", "arguments": {"a": 1,, "b": 2}}]\n```', /invalid JSON: expected a string key/, 44],
    ["unterminated fence", '```\n[{"name": "f", "arguments": {"a": 1', /unexpected end of input.*code fence opened at offset 0, which is never closed/, 39],
    ["empty fence", "```\n```", /empty code fence/, 4],
    ["arguments not an object", '[{"name": "f", "arguments": [1]}]', /arguments of f must be an object, found a list/, 28],
    ["arguments string not JSON", '[{"name": "f", "arguments": "{oops"}]', /arguments of f are a string that is not JSON/, 28],
    ["object without a name", '[{"arguments": {}, "x": 1}]', /call object has no "name"/, 1],
    ["data object, not a call", '{"name": "Bob", "age": 3}', /call object has no "arguments"/, 0],
    ["empty name", '[{"name": "", "arguments": {}}]', /empty function name/, 10],
    ["wrapper of a non-list", '{"tool_calls": 3}', /expected a list of calls under "tool_calls"/, 15],
    ["positional Python argument", "[f(1)]", /positional argument in the call to f: expected name=value/, 3],
    ["unterminated Python string", "[f(a='x)]", /unterminated string literal/, 5],
    ["plain prose", "I cannot help with that.", /no tool call block found/, 0],
    ["empty output", "  \n", /empty output/, 3],
    ["a number", "42", /no tool call block found/, 0],
  ];
  it.each(cases)("%s", (_label, text, message, position) => {
    const e = failure(text, HAMMER);
    expect(e.message).toMatch(message);
    expect(e.position).toBe(position);
    expect(e.code).toBe("OUTPUT_PARSE");
  });

  it("reports prose with a failing candidate as 'no block found', with the candidate's offset", () => {
    const e = failure("I think the answer is [maybe] later");
    expect(e.message).toMatch(/no tool call block found in the text; the furthest candidate failed: unexpected name "maybe"/);
    expect(e.position).toBe(23);
  });
});

describe("parseToolCalls: syntax preference", () => {
  it("uses the wrapper key of an xLAM-like syntax", () => {
    const syntax: CallSyntax = { kind: "json-list", open: "", close: "", wrapperKey: "calls" };
    expect(show('{"calls": [' + F + "]}", syntax)).toBe(`[${F_OUT}] | null`);
    expect(show('{"tool_calls": [' + F + "]}", XLAM)).toBe(`[${F_OUT}] | null`);
  });

  it("prefers custom delimiters and reports their error, but falls back to other shapes", () => {
    const syntax: CallSyntax = { kind: "json-list", open: "<calls>", close: "</calls>" };
    expect(show("x <calls>[" + F + "]</calls> y", syntax)).toBe(`[${F_OUT}] | "x\\ny"`);
    expect(show("[" + F + "]", syntax)).toBe(`[${F_OUT}] | null`);
    const e = failure("<calls>[oops]</calls>", syntax);
    expect(e.message).toMatch(/in the <calls> block opened at offset 0/);
    expect(e.position).toBe(8);
  });

  it("parses the same Hammer output with and without the syntax", () => {
    const text = "```\n[" + F + "]\n```";
    expect(show(text, HAMMER)).toBe(show(text));
  });
});
