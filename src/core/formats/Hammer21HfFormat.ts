import { pyRepr } from "../python/index.js";
import { toOpenAIFunction } from "../tools/toOpenAITool.js";
import type { ChatMessage, ToolDef } from "../types.js";
import { HammerFormatBase } from "./HammerFormatBase.js";
import { renderHammer21Hf } from "./renderHammer21Hf.js";
import { toChatTurns } from "./toChatTurns.js";
import type { RenderOptions } from "./types.js";

/**
 * `hammer2.1-hf`: what `apply_chat_template(messages, tools=…)` makes with the chat template
 * shipped with Hammer2.1 (see renderHammer21Hf). The tools are the OpenAI function objects
 * (`{name, description, parameters}`, as in Hammer's README) printed by jinja's `|string`, i.e. Python `repr`. The
 * template reads calls only from `content`, so an assistant's calls are rendered there as in
 * `hammer2.1`. No tools renders like the template with `tools=None` (no instruction turn).
 */
export class Hammer21HfFormat extends HammerFormatBase {
  readonly name = "hammer2.1-hf" as const;

  render(messages: readonly ChatMessage[], tools: readonly ToolDef[], options: RenderOptions = {}): string {
    const toolsText = tools.length === 0 ? null : pyRepr(tools.map((t) => toOpenAIFunction(t)));
    return renderHammer21Hf(toolsText, toChatTurns(messages), options.addGenerationPrompt !== false);
  }
}
