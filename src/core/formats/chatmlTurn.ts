import type { RenderOptions } from "./types.js";

/** Qwen ChatML pieces shared by the Hammer and Qwen formats (all Hammer models are Qwen-based). */
export const IM_START = "<|im_start|>";
export const IM_END = "<|im_end|>";
/** What ends a ChatML assistant turn; `<|endoftext|>` is Qwen's EOS when a model skips `<|im_end|>`. */
export const CHATML_STOP_STRINGS: readonly string[] = Object.freeze([IM_END, "<|endoftext|>"]);
/** The open assistant header a prompt ends with so the model continues as the assistant. */
export const CHATML_GENERATION_PROMPT = `${IM_START}assistant\n`;

/** One complete ChatML turn: `<|im_start|>{role}\n{content}<|im_end|>\n`. */
export function chatmlTurn(role: string, content: string): string {
  return `${IM_START}${role}\n${content}${IM_END}\n`;
}

/** The prompt followed by the generation prompt unless `addGenerationPrompt` is false. */
export function withGenerationPrompt(prompt: string, options: RenderOptions = {}): string {
  return options.addGenerationPrompt === false ? prompt : prompt + CHATML_GENERATION_PROMPT;
}
