import type { BfclCategory } from "./categories.js";

/** A parameter of a BFCL function doc (`type` is BFCL's: string, integer, float, dict, tuple, any, Java/JS types…). */
export interface BfclParamDoc {
  type: string;
  items?: { type: string; [keyword: string]: unknown };
  [keyword: string]: unknown;
}

/** A function doc as BFCL stores it (`parameters.type` is "dict"). */
export interface BfclFunctionDoc {
  name: string;
  description?: string;
  parameters: {
    type: string;
    properties: Record<string, BfclParamDoc>;
    required: string[];
    [keyword: string]: unknown;
  };
  [keyword: string]: unknown;
}

/**
 * One expected call of a possible answer: `{funcName: {param: [allowed values…]}}`. `""` among
 * the allowed values means the parameter may be omitted; a parameter absent here must not be
 * given.
 */
export type BfclExpectedCall = Record<string, Record<string, unknown[]>>;

/** A single-turn BFCL entry joined with its possible answer. */
export interface BfclSample {
  id: string;
  category: BfclCategory;
  /** `question`: turns of chat messages, as stored. */
  question: unknown[];
  functions: BfclFunctionDoc[];
  /** null for relevance/irrelevance categories (no answer file). */
  groundTruth: BfclExpectedCall[] | null;
  /** 1-based line in the question file. */
  line: number;
}

/** A model call after decoding: BFCL's `{name: {arg: value}}`, as name and arguments. */
export interface DecodedCall {
  name: string;
  args: Record<string, unknown>;
}
