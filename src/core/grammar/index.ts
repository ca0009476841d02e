/**
 * JSON Schema → GBNF for llama.cpp: tool-call grammars in a format's call syntax and
 * response_format grammars. See README.md for the guarantees and their limits.
 */
export { compileToolGrammar } from "./compileToolGrammar.js";
export { compileSchemaGrammar, compileJsonObjectGrammar } from "./compileSchemaGrammar.js";
export { grammarCacheStats, clearGrammarCache } from "./grammarCacheStats.js";
export type { GrammarCacheStats } from "./GrammarCache.js";
export type { CompiledGrammar, ToolGrammarOptions, SchemaGrammarOptions } from "./types.js";
export type { WhitespaceMode } from "./primitives.js";
export { GRAMMAR_LIMITS, LLAMA_MAX_REPETITION } from "./limits.js";
export { GrammarLimitError, ToolChoiceError } from "./errors.js";
