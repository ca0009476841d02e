import { pyJsonDumps } from "../python/index.js";
import { parseToolCalls } from "../parse/index.js";
import { toOpenAITool } from "../tools/toOpenAITool.js";
import type { ChatMessage, ToolCall, ToolDef } from "../types.js";
import { CHATML_STOP_STRINGS, IM_END, IM_START, chatmlTurn, withGenerationPrompt } from "./chatmlTurn.js";
import { toNameArguments } from "./renderCallList.js";
import type { CallSyntax, ParsedOutput, PromptFormat, RenderOptions } from "./types.js";

/** Qwen2.5-Instruct's default system text. */
export const QWEN_DEFAULT_SYSTEM = "You are Qwen, created by Alibaba Cloud. You are a helpful assistant.";

/** The tools section of the Qwen2.5 chat template's system turn (hermes style), around the tool list. */
export const QWEN_TOOLS_HEAD =
  "\n\n# Tools\n\nYou may call one or more functions to assist with the user query.\n\n" +
  "You are provided with function signatures within <tools></tools> XML tags:\n<tools>";
export const QWEN_TOOLS_TAIL =
  "\n</tools>\n\nFor each function call, return a json object with function name and arguments within <tool_call></tool_call> XML tags:\n" +
  '<tool_call>\n{"name": <function-name>, "arguments": <args-json-object>}\n</tool_call>';

/** Qwen's call syntax: each call is `<tool_call>\n{json}\n</tool_call>`, calls on separate lines. */
export const QWEN_CALL_SYNTAX: CallSyntax = Object.freeze({ kind: "tagged", callOpen: "<tool_call>\n", callClose: "\n</tool_call>", separator: "\n" });

/**
 * `qwen`: Qwen2.5-Instruct's native tool calling, laid out as its tokenizer's chat template does:
 * - system turn: the first message if it is a system message, else the Qwen default; with tools,
 *   followed by the `# Tools` section listing each tool as `{"type": "function", "function": …}`
 *   JSON (jinja `tojson`: Python separators, non-ASCII kept);
 * - assistant calls as `<tool_call>` blocks after the text; consecutive tool results share one
 *   user turn, each in `<tool_response>` tags; later system messages stay system turns.
 */
export class QwenFormat implements PromptFormat {
  readonly name = "qwen" as const;
  readonly callSyntax = QWEN_CALL_SYNTAX;
  readonly stopStrings = CHATML_STOP_STRINGS;

  render(messages: readonly ChatMessage[], tools: readonly ToolDef[], options: RenderOptions = {}): string {
    const first = messages[0];
    const system = first?.role === "system" ? first.content : QWEN_DEFAULT_SYSTEM;
    let out: string;
    if (tools.length > 0) {
      const list = tools.map((t) => `\n${pyJsonDumps(toOpenAITool(t), { ensureAscii: false })}`);
      out = `${IM_START}system\n${system}${QWEN_TOOLS_HEAD}${list.join("")}${QWEN_TOOLS_TAIL}${IM_END}\n`;
    } else out = chatmlTurn("system", system);

    messages.forEach((m, i) => {
      if (m.role === "system") {
        if (i > 0) out += chatmlTurn("system", m.content);
      } else if (m.role === "user") out += chatmlTurn("user", m.content);
      else if (m.role === "assistant") out += this.assistantTurn(m.content, m.toolCalls ?? []);
      else {
        // Consecutive tool results share one user turn.
        if (messages[i - 1]?.role !== "tool") out += `${IM_START}user`;
        out += `\n<tool_response>\n${m.content}\n</tool_response>`;
        if (messages[i + 1]?.role !== "tool") out += `${IM_END}\n`;
      }
    });
    return withGenerationPrompt(out, options);
  }

  parse(output: string): ParsedOutput {
    return parseToolCalls(output, { syntax: this.callSyntax });
  }

  renderCalls(calls: readonly ToolCall[]): string {
    return calls.map((c) => `<tool_call>\n${callJson(c)}\n</tool_call>`).join("\n");
  }

  private assistantTurn(content: string | null, calls: readonly ToolCall[]): string {
    if (calls.length === 0) return chatmlTurn("assistant", content ?? "");
    let out = `${IM_START}assistant`;
    if (content) out += `\n${content}`;
    for (const c of calls) out += `\n<tool_call>\n${callJson(c)}\n</tool_call>`;
    return `${out}${IM_END}\n`;
  }
}

/** `{"name": …, "arguments": …}` as the template writes it (jinja `tojson` of the arguments). */
function callJson(call: ToolCall): string {
  return pyJsonDumps(toNameArguments(call), { ensureAscii: false });
}
