import type { ChatMessage, ToolDef } from "../types.js";
import { chatmlTurn, withGenerationPrompt } from "./chatmlTurn.js";
import { HammerFormatBase } from "./HammerFormatBase.js";
import { DEFAULT_SYSTEM } from "./hammerText.js";
import { renderHammer21 } from "./renderHammer21.js";
import { splitLeadingSystem, toChatTurns } from "./toChatTurns.js";
import type { RenderOptions } from "./types.js";

/**
 * `hammer2.1`: Hammer 2.1 multi-turn ChatML as its authors' client and eval sets build it:
 * system turn, the instruction user turn (TASK_21, tools JSON, FORMAT), then one turn per
 * message — assistant calls as their fenced JSON list (the client's "```\n…\n```"), tool results
 * as `tool` turns — and the generation prompt. Leading system messages become the system turn
 * (the client drops them; we keep the caller's instructions); later ones stay `system` turns.
 */
export class Hammer21Format extends HammerFormatBase {
  readonly name = "hammer2.1" as const;

  render(messages: readonly ChatMessage[], tools: readonly ToolDef[], options: RenderOptions = {}): string {
    if (tools.length === 0) return this.renderPlainChat(messages, options);
    const { system, rest } = splitLeadingSystem(messages);
    const body = renderHammer21(this.toolsJson(tools), toChatTurns(rest));
    return withGenerationPrompt(chatmlTurn("system", system ?? DEFAULT_SYSTEM) + body, options);
  }
}
