import { Template } from "@huggingface/jinja";
import { HammerError } from "../../errors.js";
import { toOpenAITool } from "../../tools/toOpenAITool.js";
import type { ChatMessage, ToolDef } from "../../types.js";

/** What a chat template is rendered with, as transformers' `apply_chat_template` passes it. */
export interface JinjaContext {
  messages: readonly ChatMessage[];
  tools: readonly ToolDef[];
  addGenerationPrompt: boolean;
  bosToken: string;
  eosToken: string;
}

/** A parsed chat template, rendered with messages in Hugging Face's shape (tool calls with object arguments). */
export class JinjaChatTemplate {
  private readonly template: Template;

  constructor(readonly source: string) {
    try {
      this.template = new Template(source);
    } catch (e) {
      throw new HammerError("MODEL_INVALID", `the model's chat template cannot be parsed: ${e instanceof Error ? e.message : String(e)}`, { location: "tokenizer.chat_template", cause: e });
    }
  }

  render(ctx: JinjaContext): string {
    try {
      return this.template.render({
        messages: ctx.messages.map(toHfMessage),
        ...(ctx.tools.length > 0 ? { tools: ctx.tools.map((t) => toOpenAITool(t)) } : {}),
        add_generation_prompt: ctx.addGenerationPrompt,
        bos_token: ctx.bosToken,
        eos_token: ctx.eosToken,
      });
    } catch (e) {
      throw new HammerError("INPUT_INVALID", `the model's chat template refused the conversation: ${e instanceof Error ? e.message : String(e)}`, { location: "tokenizer.chat_template", cause: e });
    }
  }
}

function toHfMessage(m: ChatMessage): Record<string, unknown> {
  if (m.role === "assistant") {
    const calls = m.toolCalls ?? [];
    return {
      role: "assistant",
      content: m.content ?? "",
      ...(calls.length > 0
        ? { tool_calls: calls.map((c, i) => ({ id: c.id ?? `call_${i}`, type: "function", function: { name: c.name, arguments: c.arguments } })) }
        : {}),
    };
  }
  if (m.role === "tool") return { role: "tool", content: m.content, ...(m.toolCallId ? { tool_call_id: m.toolCallId } : {}), ...(m.name ? { name: m.name } : {}) };
  return { role: m.role, content: m.content };
}
