import type { ChatMessage, ToolCall } from "../../core/types.js";
import { invalidRequest, limitExceeded } from "../errors/ApiError.js";
import type { RequestMessage, RequestToolCall } from "../protocol/chatCompletionRequest.js";
import type { ServerLimits } from "../ServerLimits.js";
import { contentText } from "./contentText.js";
import { parseCallArguments } from "./parseCallArguments.js";

/**
 * OpenAI messages → the engine's ChatMessage list. `developer` is a system message; the legacy
 * `function` role is a tool result. Echoed assistant messages may carry `refusal`,
 * `function_call: null`, `name`, … which are ignored. Tool results get their function's name
 * from the assistant call they answer (Hammer renders results by name).
 */
export function toChatMessages(messages: readonly RequestMessage[], limits: Pick<ServerLimits, "maxMessages">): ChatMessage[] {
  if (messages.length > limits.maxMessages) {
    throw limitExceeded(`Too many messages: ${messages.length} (the server's limit is ${limits.maxMessages}).`, "messages");
  }
  const callNames = new Map<string, string>();
  return messages.map((m, i): ChatMessage => {
    const at = `messages[${i}]`;
    switch (m.role) {
      case "system":
      case "developer":
      case "user": {
        const text = contentText(m.content, `${at}.content`);
        if (text === null) throw invalidRequest(`A ${m.role} message needs content.`, `${at}.content`, "missing_required_parameter");
        return { role: m.role === "user" ? "user" : "system", content: text };
      }
      case "assistant": {
        const toolCalls: ToolCall[] = [];
        (m.tool_calls ?? []).forEach((c, j) => toolCalls.push(toToolCall(c, `${at}.tool_calls[${j}]`)));
        if (m.function_call) toolCalls.push(toToolCall({ function: m.function_call }, `${at}.function_call`));
        for (const c of toolCalls) if (c.id !== undefined) callNames.set(c.id, c.name);
        const content = contentText(m.content, `${at}.content`);
        return toolCalls.length > 0 ? { role: "assistant", content, toolCalls } : { role: "assistant", content: content ?? "" };
      }
      case "tool":
      case "function": {
        const text = contentText(m.content, `${at}.content`);
        if (text === null) throw invalidRequest(`A ${m.role} message needs content.`, `${at}.content`, "missing_required_parameter");
        const id = m.tool_call_id ?? undefined;
        const name = m.name ?? (id !== undefined ? callNames.get(id) : undefined);
        if (m.role === "function" && name === undefined) throw invalidRequest("A function message needs a name.", `${at}.name`, "missing_required_parameter");
        return { role: "tool", content: text, ...(id !== undefined ? { toolCallId: id } : {}), ...(name !== undefined ? { name } : {}) };
      }
    }
  });
}

function toToolCall(c: RequestToolCall, at: string): ToolCall {
  if (c.type !== undefined && c.type !== "function") {
    throw invalidRequest(`Tool call type ${JSON.stringify(c.type)} is not supported (only "function").`, `${at}.type`);
  }
  const args = parseCallArguments(c.function.arguments, `${at}.function.arguments`);
  return { name: c.function.name, arguments: args, ...(c.id !== undefined ? { id: c.id } : {}) };
}
