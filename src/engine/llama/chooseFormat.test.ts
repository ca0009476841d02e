import { describe, expect, it } from "vitest";
import { chooseFormat, MEASURED_GENERIC_FORMAT } from "./chooseFormat.js";

/** A minimal Qwen2.5-style template: lists tools, writes calls as <tool_call> blocks. */
const TOOLS_TEMPLATE = [
  "{%- if tools %}{{- '<tools>' }}{%- for t in tools %}{{- t | tojson }}{%- endfor %}{{- '</tools>' }}{%- endif %}",
  "{%- for m in messages %}{{- '<|im_start|>' + m.role + '\\n' }}{%- if m.content %}{{- m.content }}{%- endif %}",
  "{%- if m.tool_calls %}{%- for c in m.tool_calls %}{{- '<tool_call>\\n{\"name\": \"' + c.function.name + '\", \"arguments\": ' + (c.function.arguments | tojson) + '}\\n</tool_call>' }}{%- endfor %}{%- endif %}",
  "{{- '<|im_end|>\\n' }}{%- endfor %}{%- if add_generation_prompt %}{{- '<|im_start|>assistant\\n' }}{%- endif %}",
].join("");
const SMOLLM2_TEMPLATE = "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

describe("chooseFormat", () => {
  it.each([
    [{ name: "Hammer2.1 1.5b", architecture: "qwen2" }, "hammer2.1"],
    [{ name: "hammer-2.1-7b", architecture: "qwen2" }, "hammer2.1"],
    [{ name: "Hammer2.0 7b", architecture: "qwen2" }, "hammer"],
    [{ name: "Hammer2.1 1.5b", chatTemplate: TOOLS_TEMPLATE, architecture: "qwen2" }, "hammer2.1"],
    [{ name: "x", chatTemplate: "…[BEGIN OF AVAILABLE_TOOLS]…", architecture: "qwen2" }, "hammer2.1"],
    [{ name: "xLAM-1b-fc-r", architecture: "deepseek" }, "xlam"],
    [{ name: "Qwen2.5 1.5B Instruct", chatTemplate: "{{ '<tool_call>' }}", architecture: "qwen2" }, "qwen"],
    [{ name: "Qwen2.5 1.5B Instruct", chatTemplate: TOOLS_TEMPLATE, architecture: "qwen2" }, "template"],
    [{ name: "some-chat-model", chatTemplate: TOOLS_TEMPLATE, architecture: "llama" }, "template"],
    [{ name: "random-qwen2-tiny", chatTemplate: TOOLS_TEMPLATE, architecture: "qwen2" }, "hammer2.1"],
    [{ name: "SmolLM2 135M", chatTemplate: SMOLLM2_TEMPLATE, architecture: "llama" }, MEASURED_GENERIC_FORMAT.format],
    [{ name: "broken", chatTemplate: "{% if tools %}{{ oops", architecture: "llama" }, MEASURED_GENERIC_FORMAT.format],
    [{ architecture: "llama" }, MEASURED_GENERIC_FORMAT.format],
  ])("%o → %s", (summary, format) => {
    expect(chooseFormat(summary).format).toBe(format);
  });

  it("names the measurement when it falls back to the generic format", () => {
    expect(chooseFormat({ name: "SmolLM2 135M", chatTemplate: SMOLLM2_TEMPLATE, architecture: "llama" }).reason).toContain(MEASURED_GENERIC_FORMAT.measurement);
  });
});
