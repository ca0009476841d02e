import { HammerError, isHammerError } from "../../core/errors.js";
import { HAMMER_CALL_SYNTAX } from "../../core/formats/index.js";
import { parseToolCalls } from "../../core/parse/index.js";
import type { ChatMessage, ToolCall } from "../../core/types.js";

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => x !== null && typeof x === "object" && !Array.isArray(x);

/**
 * The `query` of a Hammer eval sample as chat messages. A string is one user message. A list is
 * API-Bank's dialogue, mapped turn by turn:
 * - `user` → a user message;
 * - `agent` (the AI's words) → an assistant message with that text;
 * - `assistant` (an API request, "```[{name, arguments}]```") → an assistant message whose
 *   `toolCalls` are the parsed calls, with ids `call_<turn>_<n>` (text that holds no call list
 *   stays assistant text);
 * - `tool` (an API result) → a tool message answering the latest call.
 * Turns are not merged, so an `agent` line followed by an API request stays two assistant
 * messages, as in the data. Any other role, or a turn that is not `{role, content: string}`, is
 * an INPUT_INVALID error naming the turn.
 */
export function hammerMessages(id: string, query: string | unknown[]): ChatMessage[] {
  if (typeof query === "string") return [{ role: "user", content: query }];
  const out: ChatMessage[] = [];
  let lastCallId: string | undefined;
  query.forEach((turn, i) => {
    const where = `${id}/query/${i}`;
    if (!isObj(turn) || typeof turn.content !== "string") throw new HammerError("INPUT_INVALID", `${where}: expected {role, content} with text content`, { location: where });
    const content = turn.content;
    switch (turn.role) {
      case "user":
        out.push({ role: "user", content });
        break;
      case "agent":
        out.push({ role: "assistant", content });
        break;
      case "assistant": {
        const calls = apiRequestCalls(content, i);
        if (calls.length === 0) out.push({ role: "assistant", content });
        else {
          out.push({ role: "assistant", content: null, toolCalls: calls });
          lastCallId = calls[calls.length - 1]?.id;
        }
        break;
      }
      case "tool":
        out.push(lastCallId === undefined ? { role: "tool", content } : { role: "tool", content, toolCallId: lastCallId });
        break;
      default:
        throw new HammerError("INPUT_INVALID", `${where}: unsupported role ${JSON.stringify(turn.role)} (expected user, agent, assistant or tool)`, { location: `${where}/role` });
    }
  });
  if (!out.some((m) => m.role === "user")) throw new HammerError("INPUT_INVALID", `${id}: the dialogue has no user turn`, { location: `${id}/query` });
  return out;
}

function apiRequestCalls(text: string, turn: number): ToolCall[] {
  try {
    return parseToolCalls(text, { syntax: HAMMER_CALL_SYNTAX }).calls.map((c, n) => ({ name: c.name, arguments: c.arguments, id: `call_${turn}_${n}` }));
  } catch (e) {
    if (!isHammerError(e)) throw e;
    return [];
  }
}
