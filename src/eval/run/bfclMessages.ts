import { HammerError } from "../../core/errors.js";
import type { ChatMessage } from "../../core/types.js";
import type { BfclSample } from "../bfcl/types.js";

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => x !== null && typeof x === "object" && !Array.isArray(x);

/**
 * A BFCL single-turn question as chat messages: the turns' messages in order (single-turn
 * entries have one turn; some live entries carry a system message or earlier user/assistant
 * exchanges). Roles `system`, `user`, `assistant` (text only) are kept; anything else is an
 * INPUT_INVALID error naming the message.
 */
export function bfclMessages(sample: BfclSample): ChatMessage[] {
  const out: ChatMessage[] = [];
  sample.question.forEach((turn, t) => {
    const messages = Array.isArray(turn) ? turn : [turn];
    messages.forEach((m, i) => {
      const where = `${sample.id}/question/${t}/${i}`;
      if (!isObj(m) || typeof m.content !== "string") throw new HammerError("INPUT_INVALID", `${where}: expected {role, content} with text content`, { location: where });
      if (m.role === "system" || m.role === "user") out.push({ role: m.role, content: m.content });
      else if (m.role === "assistant") out.push({ role: "assistant", content: m.content });
      else throw new HammerError("INPUT_INVALID", `${where}: unsupported role ${JSON.stringify(m.role)} (expected system, user or assistant)`, { location: `${where}/role` });
    });
  });
  if (!out.some((m) => m.role === "user")) throw new HammerError("INPUT_INVALID", `${sample.id}: the question has no user message`, { location: `${sample.id}/question` });
  return out;
}
