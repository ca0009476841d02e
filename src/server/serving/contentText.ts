import type { MessageContent } from "../protocol/chatCompletionRequest.js";
import { invalidRequest } from "../errors/ApiError.js";

/**
 * Text of a message's content: a string, or the text parts of an array joined by newlines.
 * Non-text parts (images, audio, files) are refused: the models served are text-only.
 */
export function contentText(content: MessageContent | undefined, param: string): string | null {
  if (content === undefined || content === null) return null;
  if (typeof content === "string") return content;
  const texts: string[] = [];
  content.forEach((part, i) => {
    if (part.type !== "text") {
      throw invalidRequest(`Content part type ${JSON.stringify(part.type)} is not supported: this server serves a text-only model.`, `${param}[${i}].type`, "unsupported_content");
    }
    if (typeof part.text !== "string") throw invalidRequest(`A text content part needs a string 'text'.`, `${param}[${i}].text`, "missing_required_parameter");
    texts.push(part.text);
  });
  return texts.join("\n");
}
