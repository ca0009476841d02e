import { describe, expect, it } from "vitest";
import { chooseFormat } from "./chooseFormat.js";

describe("chooseFormat", () => {
  it.each([
    [{ name: "Hammer2.1 1.5b", architecture: "qwen2" }, "hammer2.1"],
    [{ name: "hammer-2.1-7b", architecture: "qwen2" }, "hammer2.1"],
    [{ name: "Hammer2.0 7b", architecture: "qwen2" }, "hammer"],
    [{ name: "x", chatTemplate: "…[BEGIN OF AVAILABLE_TOOLS]…", architecture: "qwen2" }, "hammer2.1"],
    [{ name: "xLAM-1b-fc-r", architecture: "deepseek" }, "xlam"],
    [{ name: "Qwen2.5 1.5B Instruct", chatTemplate: "{{ '<tool_call>' }}", architecture: "qwen2" }, "qwen"],
    [{ name: "Qwen2.5 1.5B", chatTemplate: "{{ '<tool_call>' }}", architecture: "qwen2" }, "hammer2.1"],
    [{ name: "random-qwen2-tiny", chatTemplate: "<tool_call>", architecture: "qwen2" }, "hammer2.1"],
    [{ architecture: "llama" }, "hammer2.1"],
  ])("%o → %s", (summary, format) => {
    expect(chooseFormat(summary).format).toBe(format);
  });
});
