import type { ChatMessage, ToolDef } from "../types.js";
import { chatmlTurn, withGenerationPrompt } from "./chatmlTurn.js";
import { HammerFormatBase } from "./HammerFormatBase.js";
import { DEFAULT_SYSTEM } from "./hammerText.js";
import { renderHammerEval } from "./renderHammerEval.js";
import { toHammerQuery } from "./toHammerQuery.js";
import type { RenderOptions } from "./types.js";

/**
 * `hammer`: Hammer 1.0/2.0 as evaluated by its authors — the eval-set prompt (no blank lines in
 * TASK/FORMAT) as one user turn under the default system turn; the conversation is flattened
 * into the QUERY block (see toHammerQuery) and system messages are appended to the TASK text.
 */
export class HammerFormat extends HammerFormatBase {
  readonly name = "hammer" as const;

  render(messages: readonly ChatMessage[], tools: readonly ToolDef[], options: RenderOptions = {}): string {
    if (tools.length === 0) return this.renderPlainChat(messages, options);
    const { query, system } = toHammerQuery(messages);
    const prompt = renderHammerEval(this.toolsJson(tools), query, system === undefined ? {} : { system });
    return withGenerationPrompt(chatmlTurn("system", DEFAULT_SYSTEM) + chatmlTurn("user", prompt), options);
  }
}
