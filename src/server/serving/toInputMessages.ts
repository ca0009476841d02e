import type { ChatMessage, ToolCall } from "../../core/types.js";
import { invalidRequest, limitExceeded } from "../errors/ApiError.js";
import type { InputContentPart, InputItem } from "../protocol/responsesRequest.js";
import type { ServerLimits } from "../ServerLimits.js";
import { parseCallArguments } from "./parseCallArguments.js";

/** Text content part types: what users send, and what an echoed assistant output carries. */
const TEXT_PARTS = new Set(["input_text", "output_text", "text"]);

/**
 * Responses `instructions` + `input` → the engine's ChatMessage list. `instructions` is a system
 * message first; a string input is one user message. Items: messages (`developer` is a system
 * message; an echoed assistant message with `output_text` parts is an assistant turn),
 * `function_call` (joined to the assistant turn before it, as one turn's text and calls are
 * separate output items), `function_call_output` (a tool result named after the call it answers,
 * which must be in the input). Echoed fields (`id`, `status`, `annotations`, …) are accepted;
 * item types this server cannot honour are a 400 naming the item.
 */
export function toInputMessages(instructions: string | null | undefined, input: string | InputItem[], limits: Pick<ServerLimits, "maxMessages">): ChatMessage[] {
  const messages: ChatMessage[] = [];
  if (instructions != null && instructions !== "") messages.push({ role: "system", content: instructions });
  if (typeof input === "string") {
    messages.push({ role: "user", content: input });
    return messages;
  }
  if (input.length === 0) throw invalidRequest("'input' is empty; send a string or at least one item.", "input", "empty_array");
  if (input.length > limits.maxMessages) throw limitExceeded(`Too many input items: ${input.length} (the server's limit is ${limits.maxMessages}).`, "input");
  const callNames = new Map<string, string>();
  input.forEach((item, i) => {
    const at = `input[${i}]`;
    const type = item.type ?? (item.role !== undefined ? "message" : undefined);
    switch (type) {
      case "message":
        messages.push(toMessage(item, at));
        return;
      case "function_call": {
        const callId = requiredString(item.call_id, `${at}.call_id`);
        const name = requiredString(item.name, `${at}.name`);
        const call: ToolCall = { id: callId, name, arguments: parseCallArguments(item.arguments, `${at}.arguments`) };
        callNames.set(callId, name);
        const last = messages.at(-1);
        if (last?.role === "assistant") last.toolCalls = [...(last.toolCalls ?? []), call];
        else messages.push({ role: "assistant", content: null, toolCalls: [call] });
        return;
      }
      case "function_call_output": {
        const callId = requiredString(item.call_id, `${at}.call_id`);
        const name = callNames.get(callId);
        if (name === undefined) {
          throw invalidRequest(`No function call with call_id ${JSON.stringify(callId)} comes before this output in 'input'.`, `${at}.call_id`, "unknown_call_id");
        }
        messages.push({ role: "tool", content: partsText(item.output, `${at}.output`), toolCallId: callId, name });
        return;
      }
      case undefined:
        throw invalidRequest("An input item needs a 'type' (or a 'role' for a message).", `${at}.type`, "missing_required_parameter");
      default:
        throw invalidRequest(
          `Input items of type ${JSON.stringify(type)} are not supported: this server takes messages, function_call and function_call_output items${
            type === "item_reference" ? " (it stores no items to refer to)" : ""
          }.`,
          `${at}.type`,
          "unsupported_input_item",
        );
    }
  });
  return messages;
}

function toMessage(item: InputItem, at: string): ChatMessage {
  const text = partsText(item.content, `${at}.content`);
  switch (item.role) {
    case "user":
      return { role: "user", content: text };
    case "system":
    case "developer":
      return { role: "system", content: text };
    case "assistant":
      return { role: "assistant", content: text };
    default:
      throw invalidRequest(`A message's role must be "user", "assistant", "system" or "developer", got ${JSON.stringify(item.role ?? null)}.`, `${at}.role`, "invalid_value");
  }
}

/** A string, or the text parts of a content list joined by newlines; image, file and audio parts are refused (text-only model). */
function partsText(content: string | InputContentPart[] | undefined, param: string): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) throw invalidRequest("Expected a string or a list of content parts.", param, content === undefined ? "missing_required_parameter" : "invalid_type");
  return content
    .map((part, j) => {
      const p = `${param}[${j}]`;
      if (part === null || typeof part !== "object") throw invalidRequest("A content part must be an object.", p, "invalid_type");
      if (part.type === "refusal" && typeof part.refusal === "string") return part.refusal;
      if (!TEXT_PARTS.has(part.type)) {
        throw invalidRequest(`Content part type ${JSON.stringify(part.type)} is not supported: this server serves a text-only model.`, `${p}.type`, "unsupported_content");
      }
      if (typeof part.text !== "string") throw invalidRequest("A text content part needs a string 'text'.", `${p}.text`, "missing_required_parameter");
      return part.text;
    })
    .join("\n");
}

function requiredString(value: unknown, param: string): string {
  if (typeof value === "string" && value !== "") return value;
  throw invalidRequest(`Missing required parameter: '${param}'.`, param, "missing_required_parameter");
}
