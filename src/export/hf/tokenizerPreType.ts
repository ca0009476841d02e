import type { JsonValue } from "../../core/json/index.js";

const QWEN2_SPLIT = String.raw`(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+`;
const LLAMA3_SPLIT = String.raw`(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+`;

/** The pre-tokenizers we recognise, by the name llama.cpp knows them under (`tokenizer.ggml.pre`). */
export const KNOWN_PRE_TOKENIZERS = ["qwen2", "llama-bpe", "smollm", "gpt-2"] as const;

type Obj = { [key: string]: JsonValue };
const isObj = (v: JsonValue | undefined): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * llama.cpp's name for the pre-tokenizer of a `tokenizer.json`, read from its structure. (llama.cpp's
 * converter hashes the token ids of a probe text instead, which needs the tokenizer running in Python; the
 * structure decides the same thing for the families we export, and anything else is refused rather than
 * guessed.) Returns undefined when the structure is not one we know.
 */
export function tokenizerPreType(preTokenizer: JsonValue | undefined): (typeof KNOWN_PRE_TOKENIZERS)[number] | undefined {
  if (!isObj(preTokenizer)) return undefined;
  const steps = preTokenizer.type === "Sequence" && Array.isArray(preTokenizer.pretokenizers) ? preTokenizer.pretokenizers : [preTokenizer];
  const [first, second] = steps;
  if (steps.length === 1 && isByteLevel(first, true)) return "gpt-2";
  if (steps.length !== 2 || !isObj(first)) return undefined;
  if (first.type === "Digits" && first.individual_digits === true && isByteLevel(second, true)) return "smollm";
  if (first.type === "Split" && isObj(first.pattern) && first.invert !== true && first.behavior === "Isolated" && isByteLevel(second, false)) {
    if (first.pattern.Regex === QWEN2_SPLIT) return "qwen2";
    if (first.pattern.Regex === LLAMA3_SPLIT) return "llama-bpe";
  }
  return undefined;
}

function isByteLevel(step: JsonValue | undefined, useRegex: boolean): boolean {
  return isObj(step) && step.type === "ByteLevel" && step.add_prefix_space !== true && (step.use_regex ?? true) === useRegex;
}

/** A short description of a pre-tokenizer for error messages. */
export function describePreTokenizer(preTokenizer: JsonValue | undefined): string {
  if (!isObj(preTokenizer)) return JSON.stringify(preTokenizer ?? null);
  if (preTokenizer.type === "Sequence" && Array.isArray(preTokenizer.pretokenizers)) {
    return `Sequence[${preTokenizer.pretokenizers.map((p) => (isObj(p) ? String(p.type) : "?")).join(", ")}]`;
  }
  return String(preTokenizer.type);
}
