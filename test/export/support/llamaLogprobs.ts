import type { LlamaModel, Token } from "node-llama-cpp";

/**
 * llama.cpp's next-token log-probabilities after `ids`, from the full softmax of the raw logits (greedy
 * sampling leaves the logits untouched). Log-probabilities are the logits up to softmax's constant, so
 * comparing them with transformers' log_softmax compares the logits.
 */
export async function llamaLogprobs(model: LlamaModel, ids: readonly number[], lora?: string): Promise<Float64Array> {
  // F32 KV cache and no flash attention: the default F16 cache alone moves logits by ~1e-2.
  const context = await model.createContext({
    contextSize: 256,
    threads: 1,
    flashAttention: false,
    experimentalKvCacheKeyType: "F32",
    experimentalKvCacheValueType: "F32",
    ...(lora ? { lora: { adapters: [{ filePath: lora }] } } : {}),
  });
  try {
    const tokens = ids as readonly Token[];
    const last = tokens.at(-1)!;
    const out = await context.getSequence().controlledEvaluate([...tokens.slice(0, -1), [last, { generateNext: { probabilities: true, options: { temperature: 0 } } }]]);
    const probs = out.at(-1)!.next!.probabilities!;
    const result = new Float64Array(probs.size);
    for (const [token, p] of probs) result[token] = Math.log(p);
    return result;
  } finally {
    await context.dispose();
  }
}

/** Largest |a_i − b_i|. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} ≠ ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs((a[i] as number) - (b[i] as number)));
  return m;
}

/** Greedy continuation of `ids` for `n` tokens (the end-of-generation token included, as transformers gives it). */
export async function llamaGreedy(model: LlamaModel, ids: readonly number[], n: number, contextSize = 2048): Promise<number[]> {
  const context = await model.createContext({ contextSize, threads: 1, flashAttention: false, experimentalKvCacheKeyType: "F32", experimentalKvCacheValueType: "F32" });
  try {
    const seq = context.getSequence();
    const out: number[] = [];
    for await (const token of seq.evaluate([...(ids as readonly Token[])], { temperature: 0, yieldEogToken: true })) {
      out.push(token as number);
      if (out.length >= n || model.isEogToken(token)) break;
    }
    return out;
  } finally {
    await context.dispose();
  }
}
