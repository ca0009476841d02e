import { pyJsonDumps } from "../python/index.js";
import { parseToolCalls } from "../parse/index.js";
import { toHammerTools } from "../tools/toHammerTool.js";
import type { ChatMessage, ToolCall, ToolDef } from "../types.js";
import { CHATML_STOP_STRINGS, chatmlTurn, withGenerationPrompt } from "./chatmlTurn.js";
import { DEFAULT_SYSTEM } from "./hammerText.js";
import { renderFencedCalls } from "./renderCallList.js";
import { splitLeadingSystem, toChatTurns } from "./toChatTurns.js";
import type { CallSyntax, FormatName, ParsedOutput, PromptFormat, RenderOptions } from "./types.js";

/**
 * Hammer's output syntax: a JSON list in a ``` fence with one newline inside each side, exactly
 * as in the training labels (`"```\n[…]\n```"`); the grammar compiler forces these bytes.
 */
export const HAMMER_CALL_SYNTAX: CallSyntax = Object.freeze({ kind: "json-list", open: "```\n", close: "\n```" });

/** What every Hammer format shares: output syntax, parsing, stop strings and call rendering. */
export abstract class HammerFormatBase implements PromptFormat {
  abstract readonly name: FormatName;
  readonly callSyntax: CallSyntax = HAMMER_CALL_SYNTAX;
  readonly stopStrings: readonly string[] = CHATML_STOP_STRINGS;

  abstract render(messages: readonly ChatMessage[], tools: readonly ToolDef[], options?: RenderOptions): string;

  parse(output: string): ParsedOutput {
    return parseToolCalls(output, { syntax: this.callSyntax });
  }

  renderCalls(calls: readonly ToolCall[]): string {
    return renderFencedCalls(calls);
  }

  /** Tools as Hammer's client sends them: converted with convert_to_format_tool, then `json.dumps`. */
  protected toolsJson(tools: readonly ToolDef[]): string {
    return pyJsonDumps(toHammerTools(tools));
  }

  /**
   * Without tools there is nothing to call: like Hammer's client (and the HF template without
   * tools) the conversation is rendered as a plain ChatML chat.
   */
  protected renderPlainChat(messages: readonly ChatMessage[], options: RenderOptions): string {
    const { system, rest } = splitLeadingSystem(messages);
    let out = chatmlTurn("system", system ?? DEFAULT_SYSTEM);
    for (const t of toChatTurns(rest)) out += chatmlTurn(t.role, t.content);
    return withGenerationPrompt(out, options);
  }
}
