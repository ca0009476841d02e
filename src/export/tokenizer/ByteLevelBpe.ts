import { toByteLevel } from "./byteLevel.js";
import { pretokenize } from "./pretokenize.js";

/**
 * Encoder for a byte-level BPE vocabulary (plain text, no special tokens), applying merges by rank inside
 * each pre-tokenized piece as llama.cpp's "gpt2" tokenizer does. Used to check that a written vocabulary
 * tokenizes as intended and to count tokens without loading a model.
 */
export class ByteLevelBpe {
  private readonly ranks = new Map<string, number>();
  private readonly ids = new Map<string, number>();

  constructor(tokens: readonly string[], merges: readonly string[]) {
    merges.forEach((m, rank) => {
      if (!this.ranks.has(m)) this.ranks.set(m, rank);
    });
    tokens.forEach((t, id) => {
      if (!this.ids.has(t)) this.ids.set(t, id);
    });
  }

  encode(text: string): number[] {
    const out: number[] = [];
    for (const piece of pretokenize(text)) {
      for (const sym of this.mergePiece([...toByteLevel(piece)])) {
        const id = this.ids.get(sym);
        if (id !== undefined) {
          out.push(id);
          continue;
        }
        // A merge result missing from the vocabulary falls back to its single characters.
        for (const c of sym) out.push(this.ids.get(c) as number);
      }
    }
    return out;
  }

  private mergePiece(syms: string[]): string[] {
    for (;;) {
      let best = -1;
      let bestRank = Infinity;
      for (let i = 0; i + 1 < syms.length; i++) {
        const r = this.ranks.get(`${syms[i]} ${syms[i + 1]}`);
        if (r !== undefined && r < bestRank) {
          bestRank = r;
          best = i;
        }
      }
      if (best < 0) return syms;
      syms.splice(best, 2, (syms[best] as string) + (syms[best + 1] as string));
    }
  }
}
