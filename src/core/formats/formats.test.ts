import { describe, expect, it } from "vitest";
import { HammerError } from "../errors.js";
import { markFloat } from "../json/index.js";
import type { ChatMessage, ToolCall, ToolDef } from "../types.js";
import { FORMAT_NAMES, flattenHammerQuery, getFormat, hammerTrainPrompt } from "./index.js";

/** The formats that need nothing of the model (`template` is the model's own; test/core/templateFormat.test.ts covers it). */
const FIXED_FORMATS = FORMAT_NAMES.filter((n) => n !== "template");

// The sample every format renders: system, user, assistant with a call, tool result, user.
const weather: ToolDef = {
  name: "get_weather",
  description: "Current weather — temperature and sky",
  parameters: {
    type: "object",
    properties: {
      city: { type: "string", description: "City name" },
      unit: { type: "string", description: "Temperature unit", enum: ["celsius", "fahrenheit"], default: "celsius" },
    },
    required: ["city"],
  },
};
const conversation: ChatMessage[] = [
  { role: "system", content: "Answer briefly." },
  { role: "user", content: "What's the weather in Paris?" },
  { role: "assistant", content: null, toolCalls: [{ id: "call_1", name: "get_weather", arguments: { city: "Paris" } }] },
  { role: "tool", toolCallId: "call_1", content: '{"temp_c": 21}' },
  { role: "user", content: "And in Tokyo, in fahrenheit?" },
];

// Hammer's texts, written out here (not imported) so a change to them fails these tests.
const TASK =
  "You are a tool calling assistant. In order to complete the user's request, you need to select one or more appropriate tools from the following tools and fill in the correct values for the tool parameters. Your specific tasks are:\n" +
  "1. Make one or more function/tool calls to meet the request based on the question.\n" +
  "2. If none of the function can be used, point it out and refuse to answer.\n" +
  "3. If the given question lacks the parameters required by the function, also point it out.";
const CHARACTERS =
  "The following are characters that may interact with you\n" +
  "1. user: Provides query or additional information.\n" +
  "2. tool: Returns the results of the tool calling.\n";
const FORMAT =
  "The output MUST strictly adhere to the following JSON format, and NO other text MUST be included.\n" +
  "The example format is as follows. Please make sure the parameter type is correct. If no function call is needed, please directly output an empty list '[]'\n" +
  "```\n" +
  "[\n" +
  '    {"name": "func_name1", "arguments": {"argument1": "value1", "argument2": "value2"}},\n' +
  "    ... (more tool calls as required)\n" +
  "]\n" +
  "```";
// convert_to_format_tool + json.dumps (checked against Python): required flag, default text, \u escapes.
const HAMMER_TOOLS =
  '[{"name": "get_weather", "description": "Current weather \\u2014 temperature and sky", "parameters": ' +
  '{"city": {"type": "string", "description": "City name", "required": true}, ' +
  '"unit": {"type": "string", "description": "Temperature unitdefault is \'celsius\'", "enum": ["celsius", "fahrenheit"], "default": "celsius"}}}]';
const CALL_LIST = '[{"name": "get_weather", "arguments": {"city": "Paris"}}]';

describe("prompt formats render the sample conversation", () => {
  it("hammer: eval prompt, conversation flattened into the QUERY block, system text after TASK", () => {
    expect(getFormat("hammer").render(conversation, [weather])).toBe(
      "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n" +
        "<|im_start|>user\n" +
        `[BEGIN OF TASK INSTRUCTION]\n${TASK}\nAnswer briefly.\n[END OF TASK INSTRUCTION]\n\n` +
        `[BEGIN OF AVAILABLE TOOLS]\n${HAMMER_TOOLS}\n[END OF AVAILABLE TOOLS]\n\n` +
        `[BEGIN OF FORMAT INSTRUCTION]\n${FORMAT}\n[END OF FORMAT INSTRUCTION]\n\n` +
        "[BEGIN OF QUERY]\n" +
        "User: What's the weather in Paris?\n" +
        `API-Request: \`\`\`${CALL_LIST}\`\`\`->{"temp_c": 21}\n` +
        "User: And in Tokyo, in fahrenheit?\n" +
        "Generate API Request:\n" +
        "\n[END OF QUERY]\n\n" +
        "<|im_end|>\n" +
        "<|im_start|>assistant\n",
    );
  });

  it("hammer-train: training prompt with its blank lines inside TASK and FORMAT", () => {
    expect(getFormat("hammer-train").render(conversation, [weather])).toBe(
      "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n" +
        "<|im_start|>user\n" +
        `[BEGIN OF TASK INSTRUCTION]\n${TASK}\nAnswer briefly.\n\n[END OF TASK INSTRUCTION]\n\n` +
        `[BEGIN OF AVAILABLE TOOLS]\n${HAMMER_TOOLS}\n[END OF AVAILABLE TOOLS]\n\n` +
        `[BEGIN OF FORMAT INSTRUCTION]\n\n${FORMAT}\n\n[END OF FORMAT INSTRUCTION]\n\n` +
        "[BEGIN OF QUERY]\n" +
        "User: What's the weather in Paris?\n" +
        `API-Request: \`\`\`${CALL_LIST}\`\`\`->{"temp_c": 21}\n` +
        "User: And in Tokyo, in fahrenheit?\n" +
        "Generate API Request:\n" +
        "\n[END OF QUERY]\n\n" +
        "<|im_end|>\n" +
        "<|im_start|>assistant\n",
    );
  });

  it("hammer2.1: instruction turn, then one ChatML turn per message", () => {
    expect(getFormat("hammer2.1").render(conversation, [weather])).toBe(
      "<|im_start|>system\nAnswer briefly.<|im_end|>\n" +
        "<|im_start|>user\n" +
        `[BEGIN OF TASK INSTRUCTION]\n${TASK}\n\n${CHARACTERS}\n[END OF TASK INSTRUCTION]\n\n` +
        `[BEGIN OF AVAILABLE TOOLS]\n${HAMMER_TOOLS}\n[END OF AVAILABLE TOOLS]\n\n` +
        `[BEGIN OF FORMAT INSTRUCTION]\n\n${FORMAT}\n\n[END OF FORMAT INSTRUCTION]\n\n` +
        "<|im_end|>\n" +
        "<|im_start|>user\nWhat's the weather in Paris?<|im_end|>\n" +
        `<|im_start|>assistant\n\`\`\`\n${CALL_LIST}\n\`\`\`<|im_end|>\n` +
        '<|im_start|>tool\n{"temp_c": 21}<|im_end|>\n' +
        "<|im_start|>user\nAnd in Tokyo, in fahrenheit?<|im_end|>\n" +
        "<|im_start|>assistant\n",
    );
  });

  it("hammer2.1-hf: what transformers renders with Hammer2.1's chat template (checked with jinja2)", () => {
    expect(getFormat("hammer2.1-hf").render(conversation, [weather])).toBe(
      "<|im_start|>system\nAnswer briefly.<|im_end|>\n" +
        "\n" +
        "<|im_start|>user\n" +
        `[BEGIN OF TASK INSTRUCTION]\n${TASK}\n\n${CHARACTERS}\n[END OF TASK INSTRUCTION]\n\n` +
        "[BEGIN OF AVAILABLE_TOOLS]\n" +
        "[{'name': 'get_weather', 'description': 'Current weather — temperature and sky', 'parameters': {'type': 'object', 'properties': " +
        "{'city': {'type': 'string', 'description': 'City name'}, 'unit': {'type': 'string', 'description': 'Temperature unit', " +
        "'enum': ['celsius', 'fahrenheit'], 'default': 'celsius'}}, 'required': ['city']}}]\n" +
        "[END OF AVAILABLE_TOOLS]\n\n" +
        `\n[BEGIN OF TASK INSTRUCTION]\n${FORMAT}\n\n[END OF TASK INSTRUCTION]\n\n` +
        "<|im_end|>\n" +
        "<|im_start|>user\nWhat's the weather in Paris?<|im_end|>\n" +
        `<|im_start|>assistant\n\`\`\`\n${CALL_LIST}\n\`\`\`<|im_end|>\n` +
        '<|im_start|>tool\n{"temp_c": 21}<|im_end|>\n' +
        "<|im_start|>user\nAnd in Tokyo, in fahrenheit?<|im_end|>\n" +
        "<|im_start|>assistant\n",
    );
  });

  it("qwen: Qwen2.5's chat template with tools (checked with jinja2)", () => {
    expect(getFormat("qwen").render(conversation, [weather])).toBe(
      "<|im_start|>system\nAnswer briefly.\n\n" +
        "# Tools\n\n" +
        "You may call one or more functions to assist with the user query.\n\n" +
        "You are provided with function signatures within <tools></tools> XML tags:\n" +
        "<tools>\n" +
        '{"type": "function", "function": {"name": "get_weather", "description": "Current weather — temperature and sky", "parameters": ' +
        '{"type": "object", "properties": {"city": {"type": "string", "description": "City name"}, "unit": {"type": "string", ' +
        '"description": "Temperature unit", "enum": ["celsius", "fahrenheit"], "default": "celsius"}}, "required": ["city"]}}}\n' +
        "</tools>\n\n" +
        "For each function call, return a json object with function name and arguments within <tool_call></tool_call> XML tags:\n" +
        "<tool_call>\n" +
        '{"name": <function-name>, "arguments": <args-json-object>}\n' +
        "</tool_call><|im_end|>\n" +
        "<|im_start|>user\nWhat's the weather in Paris?<|im_end|>\n" +
        "<|im_start|>assistant\n" +
        "<tool_call>\n" +
        '{"name": "get_weather", "arguments": {"city": "Paris"}}\n' +
        "</tool_call><|im_end|>\n" +
        "<|im_start|>user\n" +
        "<tool_response>\n" +
        '{"temp_c": 21}\n' +
        "</tool_response><|im_end|>\n" +
        "<|im_start|>user\nAnd in Tokyo, in fahrenheit?<|im_end|>\n" +
        "<|im_start|>assistant\n",
    );
  });

  it("xlam: one instruction with xLAM's texts, the last user message as query, earlier turns as history steps", () => {
    expect(getFormat("xlam").render(conversation, [weather])).toBe(
      "You are an AI assistant for function calling.For politically sensitive questions, security and privacy issues, and other non-computer science questions, you will refuse to answer\n" +
        "### Instruction:\n" +
        "Answer briefly.\n\n" +
        "[BEGIN OF TASK INSTRUCTION]\n" +
        "You are an expert in composing functions. You are given a question and a set of possible functions. \n" +
        "Based on the question, you will need to make one or more function/tool calls to achieve the purpose. \n" +
        "If none of the functions can be used, point it out and refuse to answer. \n" +
        "If the given question lacks the parameters required by the function, also point it out.\n" +
        "[END OF TASK INSTRUCTION]\n\n" +
        "[BEGIN OF AVAILABLE TOOLS]\n" +
        '[{"name": "get_weather", "description": "Current weather \\u2014 temperature and sky", "parameters": {"city": {"type": "str", "description": "City name"}, ' +
        '"unit": {"type": "str, optional", "description": "Temperature unit", "enum": ["celsius", "fahrenheit"], "default": "celsius"}}}]\n' +
        "[END OF AVAILABLE TOOLS]\n\n" +
        "[BEGIN OF FORMAT INSTRUCTION]\n" +
        "The output MUST strictly adhere to the following JSON format, and NO other text MUST be included.\n" +
        "The example format is as follows. Please make sure the parameter type is correct. If no function call is needed, please make tool_calls an empty list '[]'.\n" +
        "```\n" +
        "{\n" +
        '    "tool_calls": [\n' +
        '    {"name": "func_name1", "arguments": {"argument1": "value1", "argument2": "value2"}},\n' +
        "    ... (more tool calls as required)\n" +
        "    ]\n" +
        "}\n" +
        "```\n" +
        "[END OF FORMAT INSTRUCTION]\n\n" +
        "[BEGIN OF QUERY]\nAnd in Tokyo, in fahrenheit?\n[END OF QUERY]\n\n" +
        "\n[BEGIN OF HISTORY STEPS]\n" +
        '[{"step_id": 1, "thought": "What\'s the weather in Paris?", "tool_calls": [], "next_observation": "", "user_input": "What\'s the weather in Paris?"}, ' +
        '{"step_id": 2, "thought": "", "tool_calls": [{"name": "get_weather", "arguments": {"city": "Paris"}}], "next_observation": "{\\"temp_c\\": 21}", "user_input": ""}, ' +
        '{"step_id": 3, "thought": "And in Tokyo, in fahrenheit?", "tool_calls": [], "next_observation": "", "user_input": "And in Tokyo, in fahrenheit?"}]\n' +
        "[END OF HISTORY STEPS]\n" +
        "\n### Response:\n",
    );
  });
});

describe("prompt formats: special cases", () => {
  const single: ChatMessage[] = [{ role: "user", content: "Weather in Oslo?" }];

  it("hammer puts a lone user message into the QUERY block as is (like the single-turn eval sets)", () => {
    const prompt = getFormat("hammer").render(single, [weather]);
    expect(prompt).toContain("[BEGIN OF QUERY]\nWeather in Oslo?\n[END OF QUERY]\n\n<|im_end|>\n");
    expect(prompt).toContain(`3. If the given question lacks the parameters required by the function, also point it out.\n[END OF TASK INSTRUCTION]`);
  });

  it("hammer writes an assistant's text as an AI line and its calls as an API-Request line", () => {
    const prompt = getFormat("hammer").render(
      [
        { role: "user", content: "Hi" },
        { role: "assistant", content: "Checking.", toolCalls: [{ name: "get_weather", arguments: { city: "Rome" } }] },
        { role: "tool", content: "sunny" },
      ],
      [weather],
    );
    expect(prompt).toContain(
      '[BEGIN OF QUERY]\nUser: Hi\nAI: Checking.\nAPI-Request: ```[{"name": "get_weather", "arguments": {"city": "Rome"}}]```->sunny\nGenerate API Request:\n\n[END OF QUERY]',
    );
  });

  it("a conversation that starts with a tool result is refused by the flattened Hammer prompt", () => {
    expect(() => getFormat("hammer").render([{ role: "tool", content: "x" }], [weather])).toThrow(HammerError);
  });

  it("flattenHammerQuery knows only API-Bank's roles (not even inherited object keys)", () => {
    for (const role of ["system", "constructor", "__proto__"]) {
      expect(() => flattenHammerQuery([{ role, content: "x" }])).toThrow(/has no Hammer query line/);
    }
    expect(flattenHammerQuery([])).toBe("");
  });

  it("hammer-train on a single user message is exactly the (tested) training prompt", () => {
    const prompt = getFormat("hammer-train").render(single, [weather], { addGenerationPrompt: false });
    expect(prompt).toBe(
      "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n" + `<|im_start|>user\n${hammerTrainPrompt(HAMMER_TOOLS, "Weather in Oslo?")}<|im_end|>\n`,
    );
  });

  it("without tools the Hammer formats render a plain ChatML chat", () => {
    const expected = "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\nWeather in Oslo?<|im_end|>\n<|im_start|>assistant\n";
    for (const name of ["hammer", "hammer-train", "hammer2.1", "hammer2.1-hf"] as const) expect(getFormat(name).render(single, [])).toBe(expected);
    expect(getFormat("qwen").render(single, [])).toBe(
      "<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\n<|im_start|>user\nWeather in Oslo?<|im_end|>\n<|im_start|>assistant\n",
    );
    expect(getFormat("xlam").render(single, [])).toBe(
      "You are an AI assistant for function calling.For politically sensitive questions, security and privacy issues, and other non-computer science questions, you will refuse to answer\n" +
        "### Instruction:\nWeather in Oslo?\n### Response:\n",
    );
  });

  it("addGenerationPrompt: false leaves the assistant header off", () => {
    for (const name of FIXED_FORMATS) {
      const format = getFormat(name);
      const open = format.render(single, [weather]);
      const closed = format.render(single, [weather], { addGenerationPrompt: false });
      expect(open.startsWith(closed), name).toBe(true);
      expect(open.length - closed.length, name).toBe(name === "xlam" ? "### Response:\n".length : "<|im_start|>assistant\n".length);
    }
  });

  it("hammer2.1-hf drops a second leading system message, as the template does", () => {
    const prompt = getFormat("hammer2.1-hf").render(
      [
        { role: "system", content: "First." },
        { role: "system", content: "Second." },
        { role: "user", content: "Hi" },
      ],
      [],
    );
    expect(prompt).toBe("<|im_start|>system\nFirst.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n");
  });

  it("qwen puts consecutive tool results into one user turn and keeps an assistant's text before its calls", () => {
    const prompt = getFormat("qwen").render(
      [
        { role: "user", content: "Two cities" },
        {
          role: "assistant",
          content: "Looking up both.",
          toolCalls: [
            { name: "get_weather", arguments: { city: "Oslo" } },
            { name: "get_weather", arguments: { city: "Lima" } },
          ],
        },
        { role: "tool", content: "cold" },
        { role: "tool", content: "warm" },
      ],
      [weather],
      { addGenerationPrompt: false },
    );
    expect(prompt.slice(prompt.indexOf("<|im_start|>user\nTwo"))).toBe(
      "<|im_start|>user\nTwo cities<|im_end|>\n" +
        "<|im_start|>assistant\nLooking up both.\n" +
        '<tool_call>\n{"name": "get_weather", "arguments": {"city": "Oslo"}}\n</tool_call>\n' +
        '<tool_call>\n{"name": "get_weather", "arguments": {"city": "Lima"}}\n</tool_call><|im_end|>\n' +
        "<|im_start|>user\n<tool_response>\ncold\n</tool_response>\n<tool_response>\nwarm\n</tool_response><|im_end|>\n",
    );
  });
});

describe("renderCalls → parse round trip", () => {
  const args: Record<string, unknown> = { city: "Zürich", days: 3, ratio: 2.0, tags: ["a", "b"], nested: { ok: true, none: null } };
  markFloat(args, "ratio"); // Python's 2.0 must survive as a float
  const calls: ToolCall[] = [
    { name: "get_weather", arguments: args },
    { name: "noop", arguments: {} },
  ];

  for (const name of FIXED_FORMATS) {
    it(`${name}: parses its own call rendering back, byte for byte`, () => {
      const format = getFormat(name);
      const text = format.renderCalls(calls);
      const parsed = format.parse(text);
      expect(parsed.calls.map((c) => ({ name: c.name, arguments: c.arguments }))).toEqual(calls);
      expect(format.renderCalls(parsed.calls)).toBe(text);
      expect(parsed.content ?? "").toBe("");
    });
  }

  it("Hammer formats write no call as an empty fenced list, and parse it as no call", () => {
    const format = getFormat("hammer2.1");
    expect(format.renderCalls([])).toBe("```\n[]\n```");
    expect(format.parse("```\n[]\n```").calls).toEqual([]);
  });

  it("call syntaxes carry the exact bytes the grammar compiler forces", () => {
    expect(getFormat("hammer").callSyntax).toEqual({ kind: "json-list", open: "```\n", close: "\n```" });
    expect(getFormat("xlam").callSyntax).toEqual({ kind: "json-list", open: "", close: "", wrapperKey: "tool_calls" });
    expect(getFormat("qwen").callSyntax).toEqual({ kind: "tagged", callOpen: "<tool_call>\n", callClose: "\n</tool_call>", separator: "\n" });
    expect(getFormat("hammer2.1").renderCalls(calls.slice(1))).toBe('```\n[{"name": "noop", "arguments": {}}]\n```');
    expect(getFormat("xlam").renderCalls(calls.slice(1))).toBe('{"tool_calls": [{"name": "noop", "arguments": {}}]}');
  });
});

describe("format registry", () => {
  it("has one format per name, each with ChatML or xLAM stop strings", () => {
    expect([...FORMAT_NAMES].sort()).toEqual(["hammer", "hammer-train", "hammer2.1", "hammer2.1-hf", "qwen", "template", "xlam"]);
    expect(() => getFormat("template")).toThrow(/the model's own chat template/);
    for (const name of FIXED_FORMATS) {
      const format = getFormat(name);
      expect(format.name).toBe(name);
      expect(format.stopStrings).toContain(name === "xlam" ? "<|EOT|>" : "<|im_end|>");
    }
  });

  it("refuses an unknown name with a typed error", () => {
    expect(() => getFormat("llama3" as never)).toThrow(/unknown prompt format "llama3"/);
  });
});
