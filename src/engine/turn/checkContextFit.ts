import { HammerError } from "../../core/errors.js";

export interface ContextFit {
  /** Tokens of the prompt; null when the backend cannot count them exactly (remote). */
  promptTokens: number | null;
  /** The request's max_tokens; undefined when it set none (then at least one token must fit). */
  maxTokens: number | undefined;
  /** Tokens per sequence, prompt and output together. */
  contextSize: number;
  /** The request field holding the prompt (`messages`, `prompt`). */
  where: string;
}

/**
 * Refuse, before any generation, a request whose prompt plus max_tokens cannot fit the context:
 * CONTEXT_LENGTH_EXCEEDED (OpenAI's 400 `context_length_exceeded`), naming the prompt tokens,
 * max_tokens and the context size as OpenAI's message does.
 */
export function checkContextFit({ promptTokens, maxTokens, contextSize, where }: ContextFit): void {
  const wanted = maxTokens ?? 1;
  if ((promptTokens ?? 1) + wanted <= contextSize) return;
  const completion = maxTokens === undefined ? "no max_tokens, at least 1 to generate" : `${maxTokens} max_tokens for the completion`;
  const message =
    promptTokens === null
      ? `this model's maximum context length is ${contextSize} tokens, and max_tokens is ${wanted}: no room is left for the ${where}. Lower max_tokens.`
      : `this model's maximum context length is ${contextSize} tokens. However, you requested ${promptTokens + wanted} tokens (${promptTokens} in the ${where}, ${completion}). ` +
        `Please reduce the length of the ${where}${maxTokens === undefined ? "" : " or max_tokens"}.`;
  throw new HammerError("CONTEXT_LENGTH_EXCEEDED", message, { location: where });
}
