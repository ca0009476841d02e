import { describe, expect, it } from "vitest";
// Cross-stage: the random models' Qwen2.5-style template (export stage) drives the core template format.
import { QWEN_STYLE_CHAT_TEMPLATE } from "../../src/export/tokenizer/index.js";
import type { ChatMessage, ToolDef } from "../../src/core/types.js";
import { QWEN_CALL_SYNTAX, QwenFormat } from "../../src/core/formats/QwenFormat.js";
import { TemplateFormat } from "../../src/core/formats/index.js";

const SMOLLM2_TEMPLATE =
  "{% for message in messages %}{% if loop.first and messages[0]['role'] != 'system' %}{{ '<|im_start|>system\\nYou are a helpful AI assistant named SmolLM, trained by Hugging Face<|im_end|>\\n' }}{% endif %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

const weather: ToolDef = {
  name: "get_weather",
  description: "Weather for a city",
  parameters: { type: "object", properties: { city: { type: "string" }, unit: { type: "string", enum: ["c", "f"] } }, required: ["city"] },
};
const conversation: ChatMessage[] = [
  { role: "system", content: "Be brief." },
  { role: "user", content: "Weather in Paris and Rome?" },
  { role: "assistant", content: null, toolCalls: [{ name: "get_weather", arguments: { city: "Paris" } }, { name: "get_weather", arguments: { city: "Rome", unit: "c" } }] },
  { role: "tool", content: "18 C" },
  { role: "tool", content: "21 C" },
  { role: "user", content: "Thanks" },
];

describe("TemplateFormat, native mode (a template that lists tools and writes <tool_call> blocks)", () => {
  const format = new TemplateFormat({ template: QWEN_STYLE_CHAT_TEMPLATE, eosToken: "<|endoftext|>" });

  it("probes the template's call markers: the same syntax as Qwen's", () => {
    expect(format.mode).toBe("native");
    expect(format.probe.toolsAware).toBe(true);
    expect(format.callSyntax).toEqual(QWEN_CALL_SYNTAX);
    expect(format.stopStrings).toEqual(["<|im_end|>", "<|endoftext|>"]);
  });

  it("renders a whole tool conversation exactly as the hand-written qwen format does", () => {
    expect(format.render(conversation, [weather])).toBe(new QwenFormat().render(conversation, [weather]));
  });

  it("parses its own call rendering back", () => {
    const calls = [{ name: "get_weather", arguments: { city: "Oslo" } }];
    expect(format.parse(format.renderCalls(calls)).calls).toEqual(calls);
  });
});

describe("TemplateFormat, generic mode (SmolLM2's template knows no tools)", () => {
  const format = new TemplateFormat({ template: SMOLLM2_TEMPLATE, bosToken: "<|im_start|>", eosToken: "<|im_end|>" });

  it("falls back to hermes tool instructions in the system turn, with a reason", () => {
    expect(format.mode).toBe("generic");
    expect(format.probe).toMatchObject({ toolsAware: false, reason: "the chat template does not list tools" });
    expect(format.callSyntax).toEqual(QWEN_CALL_SYNTAX);
    expect(format.stopStrings).toEqual(["<|im_end|>"]);
  });

  it("renders tools, calls and grouped results through the model's own turn layout", () => {
    const text = format.render(conversation, [weather]);
    expect(text.startsWith("<|im_start|>system\nBe brief.\n\n# Tools\n")).toBe(true);
    expect(text).toContain('<tools>\n{"type": "function", "function": {"name": "get_weather"');
    expect(text).toContain('<|im_start|>assistant\n<tool_call>\n{"name": "get_weather", "arguments": {"city": "Paris"}}\n</tool_call>\n<tool_call>\n{"name": "get_weather", "arguments": {"city": "Rome", "unit": "c"}}\n</tool_call><|im_end|>\n');
    expect(text).toContain("<|im_start|>user\n<tool_response>\n18 C\n</tool_response>\n<tool_response>\n21 C\n</tool_response><|im_end|>\n");
    expect(text.endsWith("<|im_start|>user\nThanks<|im_end|>\n<|im_start|>assistant\n")).toBe(true);
  });

  it("without tools, the model's own default system turn stays", () => {
    expect(format.render([{ role: "user", content: "hi" }], [])).toBe(
      "<|im_start|>system\nYou are a helpful AI assistant named SmolLM, trained by Hugging Face<|im_end|>\n<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\n",
    );
  });
});

describe("TemplateFormat on bad templates", () => {
  it("an unparseable template is MODEL_INVALID naming the metadata key", () => {
    expect(() => new TemplateFormat({ template: "{% for x in %}" })).toThrow(expect.objectContaining({ code: "MODEL_INVALID", location: "tokenizer.chat_template" }));
  });

  it("a template that raises on the conversation is INPUT_INVALID, not a crash", () => {
    const strict = new TemplateFormat({ template: "{% for m in messages %}{% if m.content == 'boom' %}{{ raise_exception('no boom here') }}{% endif %}{{ m.content }}{% endfor %}" });
    expect(() => strict.render([{ role: "user", content: "boom" }], [])).toThrow(expect.objectContaining({ code: "INPUT_INVALID" }));
  });

  it("a template whose calls have other keys (llama 3.1's 'parameters') is not native", () => {
    const llama31ish =
      "{% for m in messages %}{% if m.tool_calls %}{% for c in m.tool_calls %}<|python_tag|>{\"name\": \"{{ c.function.name }}\", \"parameters\": {{ c.function.arguments | tojson }}}{% endfor %}{% else %}{{ m.content }}{% endif %}{% endfor %}{% if tools %}{{ tools | tojson }}{% endif %}";
    const f = new TemplateFormat({ template: llama31ish });
    expect(f.probe.toolsAware).toBe(true);
    expect(f.mode).toBe("generic");
    expect(f.probe.reason).toMatch(/name.*arguments/);
  });
});
