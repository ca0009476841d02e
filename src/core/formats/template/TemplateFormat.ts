import { pyJsonDumps } from "../../python/index.js";
import { parseToolCalls } from "../../parse/index.js";
import { toOpenAITool } from "../../tools/toOpenAITool.js";
import type { ChatMessage, ToolCall, ToolDef } from "../../types.js";
import { QWEN_CALL_SYNTAX, QWEN_TOOLS_HEAD, QWEN_TOOLS_TAIL } from "../QwenFormat.js";
import { toNameArguments } from "../renderCallList.js";
import type { CallSyntax, ParsedOutput, PromptFormat, RenderOptions } from "../types.js";
import { probeTemplate, type TemplateProbe } from "./probeTemplate.js";
import { JinjaChatTemplate } from "./renderJinja.js";

export interface TemplateFormatOptions {
  /** The Jinja chat template (GGUF `tokenizer.chat_template`). */
  template: string;
  /** Texts of the BOS/EOS tokens, passed to the template as `bos_token` / `eos_token`. */
  bosToken?: string;
  eosToken?: string;
}

/** The system text used with tools when the conversation brings none. */
const GENERIC_SYSTEM = "You are a helpful assistant.";

/**
 * `template`: the model's own chat template (Jinja, run by @huggingface/jinja), for chat models
 * that are not Hammer's.
 * - `native` mode, when the template lists tools and writes calls in a tagged shape (Qwen2.5,
 *   Hermes…): tools and calls are rendered by the template itself and the grammar follows the
 *   markers probed from it.
 * - `generic` mode otherwise (SmolLM2's template knows no tools): the template renders the turns;
 *   the tools go into the system turn as Qwen2.5's hermes section, calls are `<tool_call>` blocks
 *   in the assistant's text and tool results `<tool_response>` blocks in a user turn.
 */
export class TemplateFormat implements PromptFormat {
  readonly name = "template" as const;
  readonly callSyntax: CallSyntax;
  readonly stopStrings: readonly string[];
  readonly mode: "native" | "generic";
  readonly probe: TemplateProbe;
  private readonly jinja: JinjaChatTemplate;
  private readonly tokens: { bosToken: string; eosToken: string };

  constructor(options: TemplateFormatOptions) {
    this.jinja = new JinjaChatTemplate(options.template);
    this.tokens = { bosToken: options.bosToken ?? "", eosToken: options.eosToken ?? "" };
    this.probe = probeTemplate(this.jinja, this.tokens);
    this.mode = this.probe.callSyntax ? "native" : "generic";
    this.callSyntax = this.probe.callSyntax ?? QWEN_CALL_SYNTAX;
    const stops = [this.probe.endOfTurn, this.tokens.eosToken].filter((s): s is string => !!s);
    this.stopStrings = Object.freeze([...new Set(stops)]);
  }

  render(messages: readonly ChatMessage[], tools: readonly ToolDef[], options: RenderOptions = {}): string {
    const addGenerationPrompt = options.addGenerationPrompt !== false;
    if (this.mode === "native") return this.jinja.render({ messages, tools, addGenerationPrompt, ...this.tokens });
    return this.jinja.render({ messages: genericMessages(messages, tools), tools: [], addGenerationPrompt, ...this.tokens });
  }

  parse(output: string): ParsedOutput {
    return parseToolCalls(output, { syntax: this.callSyntax });
  }

  renderCalls(calls: readonly ToolCall[]): string {
    const syntax = this.callSyntax;
    if (syntax.kind !== "tagged") return "";
    return calls.map((c) => `${syntax.callOpen}${pyJsonDumps(toNameArguments(c), { ensureAscii: false })}${syntax.callClose}`).join(syntax.separator);
  }
}

/** Generic mode: tools into the system turn, calls and results into plain text turns. */
function genericMessages(messages: readonly ChatMessage[], tools: readonly ToolDef[]): ChatMessage[] {
  const out: ChatMessage[] = [];
  const first = messages[0];
  let rest = messages;
  if (tools.length > 0) {
    const system = first?.role === "system" ? first.content : GENERIC_SYSTEM;
    const list = tools.map((t) => `\n${pyJsonDumps(toOpenAITool(t), { ensureAscii: false })}`).join("");
    out.push({ role: "system", content: `${system}${QWEN_TOOLS_HEAD}${list}${QWEN_TOOLS_TAIL}` });
    if (first?.role === "system") rest = messages.slice(1);
  }
  for (const m of rest) {
    if (m.role === "assistant" && m.toolCalls && m.toolCalls.length > 0) {
      const calls = m.toolCalls.map((c) => `<tool_call>\n${pyJsonDumps(toNameArguments(c), { ensureAscii: false })}\n</tool_call>`);
      out.push({ role: "assistant", content: [m.content ?? "", ...calls].filter((s) => s !== "").join("\n") });
    } else if (m.role === "tool") {
      const block = `<tool_response>\n${m.content}\n</tool_response>`;
      const last = out[out.length - 1];
      // Consecutive tool results share one user turn, as Qwen's template groups them.
      if (last?.role === "user" && last.content.startsWith("<tool_response>")) last.content += `\n${block}`;
      else out.push({ role: "user", content: block });
    } else out.push({ ...m });
  }
  return out;
}
