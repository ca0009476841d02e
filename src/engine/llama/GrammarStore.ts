import type { Llama, LlamaGrammar } from "node-llama-cpp";
import { HammerError } from "../../core/errors.js";

/** Any scalar value but NUL: free text that llama.cpp checks as UTF-8 (see core/grammar/README.md, "UTF-8"). */
export const FREE_TEXT_GBNF = "root ::= [\\x01-\\uD7FF\\uE000-\\U0010FFFF]*";

/**
 * llama.cpp grammar objects by compiled-grammar key. Parsing GBNF into a LlamaGrammar costs time
 * (rules, stacks); one grammar serves any number of concurrent generations. Bounded LRU.
 */
export class GrammarStore {
  private readonly grammars = new Map<string, Promise<LlamaGrammar>>();

  constructor(
    private readonly llama: Llama,
    readonly capacity = 64,
  ) {}

  get size(): number {
    return this.grammars.size;
  }

  get(key: string, gbnf: string): Promise<LlamaGrammar> {
    const hit = this.grammars.get(key);
    if (hit) {
      this.grammars.delete(key);
      this.grammars.set(key, hit);
      return hit;
    }
    const created = this.llama.createGrammar({ grammar: gbnf }).catch((e: unknown) => {
      this.grammars.delete(key);
      throw new HammerError("INTERNAL", `llama.cpp rejected a compiled grammar (${key.slice(0, 12)}): ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    });
    this.grammars.set(key, created);
    while (this.grammars.size > this.capacity) {
      const oldest = this.grammars.keys().next().value as string;
      this.grammars.delete(oldest);
    }
    return created;
  }
}
