import { BYTE_ORDER, BYTE_TO_CHAR } from "./byteLevel.js";

/** llama.cpp token types (`tokenizer.ggml.token_type`). */
export const TOKEN_TYPE = { NORMAL: 1, UNKNOWN: 2, CONTROL: 3, USER_DEFINED: 4, UNUSED: 5, BYTE: 6 } as const;

/** ChatML control tokens and Qwen's tool tags (plain added tokens, so they are USER_DEFINED as in Qwen's files). */
export const CHATML_SPECIAL_TOKENS: ReadonlyArray<readonly [string, number]> = [
  ["<|endoftext|>", TOKEN_TYPE.CONTROL],
  ["<|im_start|>", TOKEN_TYPE.CONTROL],
  ["<|im_end|>", TOKEN_TYPE.CONTROL],
  ["<tool_call>", TOKEN_TYPE.USER_DEFINED],
  ["</tool_call>", TOKEN_TYPE.USER_DEFINED],
  ["<tool_response>", TOKEN_TYPE.USER_DEFINED],
  ["</tool_response>", TOKEN_TYPE.USER_DEFINED],
];

export interface ByteLevelVocab {
  tokens: string[];
  tokenTypes: number[];
  /** GGUF merge strings, `"left right"`, in rank order. */
  merges: string[];
  /** Id of each special token by text. */
  specialIds: Record<string, number>;
  /** Ids below this are byte and merged tokens; padding starts after the special tokens. */
  normalCount: number;
}

/**
 * A byte-level BPE vocabulary: the 256 byte tokens (GPT-2 order), one token per merge result, the ChatML
 * special tokens, then `[PAD<id>]` tokens of type UNUSED up to `size` (what llama.cpp's converter writes
 * for vocabulary slots the tokenizer does not use; UNUSED keeps them out of special-token matching).
 * `size` defaults to the used tokens rounded up to a multiple of 128.
 */
export function buildByteLevelVocab(merges: ReadonlyArray<readonly [string, string]>, size?: number): ByteLevelVocab {
  const tokens: string[] = [];
  const tokenTypes: number[] = [];
  const ids = new Map<string, number>();
  const add = (text: string, type: number): void => {
    if (ids.has(text)) return;
    ids.set(text, tokens.length);
    tokens.push(text);
    tokenTypes.push(type);
  };
  for (const b of BYTE_ORDER) add(BYTE_TO_CHAR[b] as string, TOKEN_TYPE.NORMAL);
  for (const [a, b] of merges) add(a + b, TOKEN_TYPE.NORMAL);
  const normalCount = tokens.length;
  const specialIds: Record<string, number> = {};
  for (const [text, type] of CHATML_SPECIAL_TOKENS) {
    add(text, type);
    specialIds[text] = ids.get(text) as number;
  }
  const target = size ?? Math.ceil(tokens.length / 128) * 128;
  if (target < tokens.length) throw new RangeError(`vocabulary size ${target} is smaller than the ${tokens.length} tokens it must hold`);
  for (let id = tokens.length; id < target; id++) add(`[PAD${id}]`, TOKEN_TYPE.UNUSED);
  return { tokens, tokenTypes, merges: merges.map(([a, b]) => `${a} ${b}`), specialIds, normalCount };
}
