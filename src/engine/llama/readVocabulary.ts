import type { GgufMetadata } from "../../core/gguf/index.js";
import { HammerError } from "../../core/errors.js";

/** llama.cpp's token types (`tokenizer.ggml.token_type`). */
export const TOKEN_TYPE = Object.freeze({ normal: 1, unknown: 2, control: 3, userDefined: 4, unused: 5, byte: 6 });

/** What each token id writes into the output, as bytes: llama.cpp's `token_to_piece` with special tokens rendered. */
export interface TokenVocabulary {
  /** Bytes of each token id (control and user-defined tokens: their text; unused and unknown: none). */
  readonly bytes: readonly Uint8Array[];
  /** `tokenizer.ggml.token_type` of each id (NORMAL when the file has none). */
  readonly types: readonly number[];
}

/**
 * Token bytes from GGUF metadata. The engine needs raw bytes, not node-llama-cpp's detokenized
 * strings, because a token may hold part of a UTF-8 sequence and a JS string cannot (it becomes
 * U+FFFD). Supports llama.cpp's `gpt2` (byte-level BPE: Qwen, Llama 3) and `llama` (SentencePiece)
 * tokenizers; others throw MODEL_INVALID.
 */
export function readVocabulary(metadata: GgufMetadata, source = "model"): TokenVocabulary {
  const model = metadata.string("tokenizer.ggml.model");
  const tokens = metadata.strings("tokenizer.ggml.tokens");
  if (!tokens) throw new HammerError("MODEL_INVALID", "GGUF has no tokenizer.ggml.tokens", { location: source });
  const typeArray = metadata.array("tokenizer.ggml.token_type");
  const types = tokens.map((_, i) => {
    const t = typeArray?.items[i];
    return typeof t === "number" ? t : TOKEN_TYPE.normal;
  });
  const encoder = new TextEncoder();
  let decodeNormal: (text: string) => Uint8Array;
  if (model === "gpt2") decodeNormal = byteLevelDecoder();
  else if (model === "llama") decodeNormal = (text) => encoder.encode(text.replaceAll("\u2581", " "));
  else {
    throw new HammerError("MODEL_INVALID", `tokenizer model ${JSON.stringify(model)} is not supported by the engine (gpt2 and llama are)`, {
      location: `${source}:tokenizer.ggml.model`,
    });
  }
  const bytes = tokens.map((text, i) => {
    const type = types[i];
    if (type === TOKEN_TYPE.normal) return decodeNormal(text);
    if (type === TOKEN_TYPE.byte) {
      const m = /^<0x([0-9A-Fa-f]{2})>$/.exec(text);
      return m ? Uint8Array.of(parseInt(m[1] as string, 16)) : encoder.encode(text);
    }
    // llama.cpp writes unused and unknown tokens as nothing, control and user-defined ones as their text.
    if (type === TOKEN_TYPE.unused || type === TOKEN_TYPE.unknown) return new Uint8Array(0);
    return encoder.encode(text);
  });
  return { bytes, types };
}

/** GPT-2's byte-level alphabet reversed: each of 256 code points stands for one byte. */
function byteLevelDecoder(): (text: string) => Uint8Array {
  const toByte = new Map<number, number>();
  let extra = 0;
  for (let b = 0; b < 256; b++) {
    const printable = (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff);
    toByte.set(printable ? b : 256 + extra++, b);
  }
  const encoder = new TextEncoder();
  return (text) => {
    const out = new Uint8Array(text.length);
    let n = 0;
    for (const ch of text) {
      const b = toByte.get(ch.codePointAt(0) as number);
      // A character outside the alphabet (a hand-edited vocabulary) is kept as its UTF-8 text.
      if (b === undefined) return encoder.encode(text);
      out[n++] = b;
    }
    return out.subarray(0, n);
  };
}
