import { pyJsonDumps } from "../python/index.js";
import { parseToolCalls } from "../parse/index.js";
import { toXlamTools } from "../tools/toXlamTool.js";
import type { ChatMessage, ToolCall, ToolDef } from "../types.js";
import { hammerBlocks } from "./hammerText.js";
import { toNameArguments } from "./renderCallList.js";
import type { CallSyntax, ParsedOutput, PromptFormat, RenderOptions } from "./types.js";

// Texts of Salesforce's xLAM-1b/7b-fc-r (DeepSeek-Coder based). System text as in the GGUF
// model card's prompt template (sic: no space after "calling."); task and format texts as in
// the model card's usage code (note the trailing spaces on the task lines).
export const XLAM_SYSTEM =
  "You are an AI assistant for function calling.For politically sensitive questions, security and privacy issues, and other non-computer science questions, you will refuse to answer\n";
export const XLAM_TASK =
  "You are an expert in composing functions. You are given a question and a set of possible functions. \n" +
  "Based on the question, you will need to make one or more function/tool calls to achieve the purpose. \n" +
  "If none of the functions can be used, point it out and refuse to answer. \n" +
  "If the given question lacks the parameters required by the function, also point it out.";
export const XLAM_FORMAT =
  "The output MUST strictly adhere to the following JSON format, and NO other text MUST be included.\n" +
  "The example format is as follows. Please make sure the parameter type is correct. If no function call is needed, please make tool_calls an empty list '[]'.\n" +
  "```\n{\n" +
  '    "tool_calls": [\n' +
  '    {"name": "func_name1", "arguments": {"argument1": "value1", "argument2": "value2"}},\n' +
  "    ... (more tool calls as required)\n" +
  "    ]\n}\n```";
const EOT = "<|EOT|>";
const INSTRUCTION = "### Instruction:\n";
// The template's generation prompt is "### Response:"; the trained turns continue with a newline
// before the JSON, so the prompt ends with it and the output starts at `{`.
const RESPONSE = "### Response:\n";

/** xLAM's output: one JSON object `{"tool_calls": [...]}`, nothing around it. */
export const XLAM_CALL_SYNTAX: CallSyntax = Object.freeze({ kind: "json-list", open: "", close: "", wrapperKey: "tool_calls" });

/**
 * `xlam`: Salesforce xLAM-1b/7b-fc-r. With tools, one `### Instruction:` turn holding the four
 * blocks: xLAM's task/format texts, the tools in xLAM's flat form (`{name, description,
 * parameters: {p: {type: "str, optional", …}}}`, as in xlam-function-calling-60k), and the last
 * user message as the query. System messages open the instruction; with more than one turn, all
 * turns follow in a `[BEGIN OF HISTORY STEPS]` block as Salesforce's xLAM client writes them
 * (minus its double-wrapped `tool_calls`). Without tools, a plain DeepSeek-Coder chat.
 */
export class XlamFormat implements PromptFormat {
  readonly name = "xlam" as const;
  readonly callSyntax = XLAM_CALL_SYNTAX;
  readonly stopStrings: readonly string[] = Object.freeze([EOT, "<｜end▁of▁sentence｜>"]);

  render(messages: readonly ChatMessage[], tools: readonly ToolDef[], options: RenderOptions = {}): string {
    const addGen = options.addGenerationPrompt !== false;
    if (tools.length === 0) return renderPlainChat(messages, addGen);
    const system = messages.filter((m) => m.role === "system").map((m) => m.content);
    const turns = messages.filter((m) => m.role !== "system");
    const query = [...turns].reverse().find((m) => m.role === "user")?.content ?? "";
    const toolsJson = pyJsonDumps(toXlamTools(tools));
    let content = system.length > 0 ? `${system.join("\n")}\n\n` : "";
    content += hammerBlocks(XLAM_TASK, toolsJson, XLAM_FORMAT, query);
    if (turns.length > 1) content += `\n[BEGIN OF HISTORY STEPS]\n${pyJsonDumps(historySteps(turns))}\n[END OF HISTORY STEPS]\n`;
    return `${XLAM_SYSTEM}${INSTRUCTION}${content}\n${addGen ? RESPONSE : ""}`;
  }

  parse(output: string): ParsedOutput {
    return parseToolCalls(output, { syntax: this.callSyntax });
  }

  renderCalls(calls: readonly ToolCall[]): string {
    return pyJsonDumps({ tool_calls: calls.map(toNameArguments) });
  }
}

interface HistoryStep {
  step_id: number;
  thought: string;
  tool_calls: Array<{ name: string; arguments: Record<string, unknown> }>;
  next_observation: string;
  user_input: string;
}

/** The xLAM client's history: one step per message, a tool result filling the step before it. */
function historySteps(turns: readonly ChatMessage[]): HistoryStep[] {
  const steps: HistoryStep[] = [];
  for (const m of turns) {
    const last = steps[steps.length - 1];
    if (m.role === "tool" && last) {
      last.next_observation = m.content;
      continue;
    }
    steps.push({
      step_id: steps.length + 1,
      thought: m.role === "tool" ? "" : (m.content ?? ""),
      tool_calls: m.role === "assistant" ? (m.toolCalls ?? []).map(toNameArguments) : [],
      next_observation: m.role === "tool" ? m.content : "",
      user_input: m.role === "user" ? m.content : "",
    });
  }
  return steps;
}

function assistantText(content: string | null, calls: readonly ToolCall[]): string {
  return calls.length > 0 ? pyJsonDumps({ tool_calls: calls.map(toNameArguments) }) : (content ?? "");
}

/** DeepSeek-Coder's chat layout; tool results are shown as instructions (input to the model). */
function renderPlainChat(messages: readonly ChatMessage[], addGen: boolean): string {
  const hasSystem = messages.some((m) => m.role === "system");
  let out = hasSystem ? "" : XLAM_SYSTEM;
  for (const m of messages) {
    if (m.role === "system") out += m.content;
    else if (m.role === "assistant") out += `${RESPONSE}${assistantText(m.content, m.toolCalls ?? [])}\n${EOT}\n`;
    else out += `${INSTRUCTION}${m.content}\n`;
  }
  return addGen ? out + RESPONSE : out;
}
