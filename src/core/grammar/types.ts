import type { CallSyntax } from "../formats/types.js";
import type { ToolChoice, ToolDef } from "../types.js";
import type { WhitespaceMode } from "./primitives.js";

/** A GBNF grammar ready for `llama.createGrammar({grammar: gbnf})`. */
export interface CompiledGrammar {
  gbnf: string;
  rootRule: "root";
  /** Stable hash of the request; equal requests share one cached grammar. */
  key: string;
  /** Constraints the grammar does not enforce (it accepts more there), one line each: `tool/json/pointer: what`. */
  warnings: readonly string[];
}

export interface ToolGrammarOptions {
  syntax: CallSyntax;
  tools: readonly ToolDef[];
  choice: ToolChoice;
  /** false: at most one call. */
  parallel: boolean;
  /** Default "canonical": exactly the separators of Python's json.dumps (`", "`, `": "`). */
  whitespace?: WhitespaceMode;
}

export interface SchemaGrammarOptions {
  whitespace?: WhitespaceMode;
  /** Names the schema in errors and warnings (default "response_format"). */
  name?: string;
}
