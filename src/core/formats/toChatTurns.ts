import type { ChatMessage } from "../types.js";
import { renderFencedCalls } from "./renderCallList.js";
import type { RawTurn } from "./types.js";

/**
 * Messages as ChatML turns for the Hammer formats: roles kept, an assistant's calls rendered as
 * its fenced JSON list after any text (Hammer writes calls into the turn's text), null → "".
 */
export function toChatTurns(messages: readonly ChatMessage[]): RawTurn[] {
  return messages.map((m) => ({ role: m.role, content: m.role === "assistant" ? assistantText(m) : m.content }));
}

function assistantText(m: Extract<ChatMessage, { role: "assistant" }>): string {
  const parts: string[] = [];
  if (m.content) parts.push(m.content);
  if (m.toolCalls && m.toolCalls.length > 0) parts.push(renderFencedCalls(m.toolCalls));
  return parts.join("\n");
}

/** Leading system messages' text (joined by newlines) and the messages after them. */
export function splitLeadingSystem(messages: readonly ChatMessage[]): { system: string | undefined; rest: ChatMessage[] } {
  let i = 0;
  while (messages[i]?.role === "system") i++;
  const system = i === 0 ? undefined : messages.slice(0, i).map((m) => m.content ?? "").join("\n");
  return { system, rest: messages.slice(i) };
}
