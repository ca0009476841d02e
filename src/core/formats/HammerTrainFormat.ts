import type { ChatMessage, ToolDef } from "../types.js";
import { chatmlTurn, withGenerationPrompt } from "./chatmlTurn.js";
import { HammerFormatBase } from "./HammerFormatBase.js";
import { DEFAULT_SYSTEM } from "./hammerText.js";
import { renderHammerTrain } from "./renderHammerTrain.js";
import { toHammerQuery } from "./toHammerQuery.js";
import type { RenderOptions } from "./types.js";

/**
 * `hammer-train`: the Hammer 1.0/2.0 training prompt (data_processing.py, with the blank lines
 * inside TASK and FORMAT) in the ChatML LLaMA-Factory's `qwen` template built around it.
 * Conversations and system messages are handled as in `hammer`.
 */
export class HammerTrainFormat extends HammerFormatBase {
  readonly name = "hammer-train" as const;

  render(messages: readonly ChatMessage[], tools: readonly ToolDef[], options: RenderOptions = {}): string {
    if (tools.length === 0) return this.renderPlainChat(messages, options);
    const { query, system } = toHammerQuery(messages);
    const prompt = renderHammerTrain(this.toolsJson(tools), query, system === undefined ? {} : { system });
    return withGenerationPrompt(chatmlTurn("system", DEFAULT_SYSTEM) + chatmlTurn("user", prompt), options);
  }
}
