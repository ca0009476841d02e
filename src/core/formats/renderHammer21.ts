import { chatmlTurn } from "./chatmlTurn.js";
import { hammer21Instruction } from "./hammerText.js";
import type { RawTurn } from "./types.js";

/**
 * Hammer 2.1 conversation as stored in the `hammer2.1/` eval sets' `instruction`: the
 * instruction user turn, then one ChatML turn per message with its role as given. No system
 * turn and no generation prompt (LLaMA-Factory's `qwen_hammer` template adds those).
 */
export function renderHammer21(toolsJson: string, turns: readonly RawTurn[]): string {
  let out = chatmlTurn("user", hammer21Instruction(toolsJson));
  for (const turn of turns) out += chatmlTurn(turn.role, turn.content);
  return out;
}
