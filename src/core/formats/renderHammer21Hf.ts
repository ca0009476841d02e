import { chatmlTurn, CHATML_GENERATION_PROMPT } from "./chatmlTurn.js";
import { DEFAULT_SYSTEM, hammer21HfInstruction } from "./hammerText.js";
import type { RawTurn } from "./types.js";

/**
 * What Hammer2.1's HF chat template produces (transformers' jinja settings):
 * - system turn: the first message's content when it is a system message, else the default; a
 *   second leading system message is dropped (the template captures it but never prints it);
 * - with tools (`toolsText` non-null): a blank line, then the instruction user turn;
 * - every remaining message as `<|im_start|>{role}\n{content}<|im_end|>\n`;
 * - then the generation prompt (the template always adds it; pass false to leave it off).
 */
export function renderHammer21Hf(toolsText: string | null, messages: readonly RawTurn[], addGenerationPrompt = true): string {
  let system = DEFAULT_SYSTEM;
  let rest = messages;
  if (messages[0]?.role === "system") {
    system = messages[0].content;
    rest = messages.slice(messages[1]?.role === "system" ? 2 : 1);
  }
  let out = chatmlTurn("system", system);
  if (toolsText !== null) out += `\n${chatmlTurn("user", hammer21HfInstruction(toolsText))}`;
  for (const m of rest) out += chatmlTurn(m.role, m.content);
  return addGenerationPrompt ? out + CHATML_GENERATION_PROMPT : out;
}
