/**
 * Qwen2's pre-tokenizer split (llama.cpp `tokenizer.ggml.pre = "qwen2"`): contractions, letter runs with
 * one leading non-letter, single digits, punctuation runs, newlines, whitespace. JavaScript lacks the
 * inline `(?i:…)` group, so the case-insensitive contractions are spelled out.
 */
export const QWEN2_PRETOKENIZE_PATTERN =
  /'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD]|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+/gu;

/** Split text into the pieces BPE merges never cross. */
export function pretokenize(text: string): string[] {
  return text.match(new RegExp(QWEN2_PRETOKENIZE_PATTERN)) ?? [];
}
