import { GrammarCache, type GrammarCacheStats } from "./GrammarCache.js";
import { GRAMMAR_LIMITS } from "./limits.js";
import type { CompiledGrammar } from "./types.js";

/** The process-wide cache of compiled grammars. */
export const grammarCache = new GrammarCache<CompiledGrammar>(GRAMMAR_LIMITS.cacheEntries);

export function grammarCacheStats(): GrammarCacheStats {
  return grammarCache.stats();
}

export function clearGrammarCache(): void {
  grammarCache.clear();
}
