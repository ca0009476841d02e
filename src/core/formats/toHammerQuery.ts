import type { ChatMessage } from "../types.js";
import { flattenHammerQuery } from "./flattenHammerQuery.js";
import { GENERATE_REQUEST_LINE } from "./hammerText.js";
import { renderCallList } from "./renderCallList.js";
import type { RawTurn } from "./types.js";

/**
 * A conversation as Hammer 1.0/2.0's QUERY text plus its system text. A lone user message is
 * the query itself (as in the single-turn eval sets); anything longer is flattened into the
 * eval sets' `User:`/`AI:`/`API-Request:` lines, ending with `Generate API Request:`. Earlier
 * calls are written `API-Request: ```[…]```` as in API-Bank. System messages, wherever they
 * are, are returned apart (the formats append them to the TASK text).
 */
export function toHammerQuery(messages: readonly ChatMessage[]): { query: string; system: string | undefined } {
  const system: string[] = [];
  const turns: RawTurn[] = [];
  for (const m of messages) {
    if (m.role === "system") system.push(m.content);
    else if (m.role === "assistant") {
      if (m.content) turns.push({ role: "agent", content: m.content });
      if (m.toolCalls && m.toolCalls.length > 0) turns.push({ role: "assistant", content: "```" + renderCallList(m.toolCalls) + "```" });
    } else turns.push({ role: m.role, content: m.content });
  }
  let query: string;
  if (turns.length === 0) query = "";
  else if (turns.length === 1 && turns[0]?.role === "user") query = turns[0].content;
  else query = flattenHammerQuery(turns) + `${GENERATE_REQUEST_LINE}\n`;
  return { query, system: system.length > 0 ? system.join("\n") : undefined };
}
