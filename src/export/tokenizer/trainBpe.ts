import { toByteLevel } from "./byteLevel.js";
import { pretokenize } from "./pretokenize.js";

export interface TrainBpeOptions {
  /** Stop after this many merges. */
  maxMerges: number;
  /** Only merge pairs seen at least this often (default 2). */
  minFrequency?: number;
}

/**
 * Train byte-level BPE merges on `corpus`: split with the Qwen2 pre-tokenizer, spell each piece in the
 * byte-level alphabet, then repeatedly merge the most frequent adjacent pair. Ties go to the
 * lexicographically smallest pair, so the result depends only on the corpus. Pair counts are updated
 * incrementally (only words containing the merged pair are touched), which keeps training fast.
 * Returns merges in rank order as `[left, right]`.
 */
export function trainBpe(corpus: string, options: TrainBpeOptions): Array<[string, string]> {
  const minFrequency = options.minFrequency ?? 2;
  const wordCounts = new Map<string, number>();
  for (const piece of pretokenize(corpus)) {
    const w = toByteLevel(piece);
    wordCounts.set(w, (wordCounts.get(w) ?? 0) + 1);
  }
  const words = [...wordCounts.entries()].map(([w, count]) => ({ syms: [...w], count }));

  // Byte-level symbols never contain a space, so "a b" is an unambiguous pair key (and GGUF's merge format).
  const pairCount = new Map<string, number>();
  const pairWords = new Map<string, Set<number>>();
  const addPairs = (wi: number, sign: 1 | -1): void => {
    const { syms, count } = words[wi] as { syms: string[]; count: number };
    for (let i = 0; i + 1 < syms.length; i++) {
      const key = `${syms[i]} ${syms[i + 1]}`;
      pairCount.set(key, (pairCount.get(key) ?? 0) + sign * count);
      if (sign > 0) {
        let set = pairWords.get(key);
        if (set === undefined) pairWords.set(key, (set = new Set()));
        set.add(wi);
      }
    }
  };
  words.forEach((_, wi) => addPairs(wi, 1));

  const merges: Array<[string, string]> = [];
  while (merges.length < options.maxMerges) {
    let best: string | undefined;
    let bestCount = minFrequency - 1;
    for (const [key, count] of pairCount) {
      if (count > bestCount || (count === bestCount && best !== undefined && key < best)) {
        best = key;
        bestCount = count;
      }
    }
    if (best === undefined) break;
    const [a, b] = best.split(" ") as [string, string];
    merges.push([a, b]);
    const merged = a + b;
    for (const wi of pairWords.get(best) ?? []) {
      const word = words[wi] as { syms: string[]; count: number };
      addPairs(wi, -1);
      const out: string[] = [];
      for (let i = 0; i < word.syms.length; i++) {
        if (i + 1 < word.syms.length && word.syms[i] === a && word.syms[i + 1] === b) {
          out.push(merged);
          i++;
        } else {
          out.push(word.syms[i] as string);
        }
      }
      word.syms = out;
      addPairs(wi, 1);
    }
    pairCount.delete(best);
    pairWords.delete(best);
  }
  return merges;
}
