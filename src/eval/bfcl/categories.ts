/**
 * BFCL v3 single-turn categories and how each is scored. The official runner dispatches on
 * substrings of the category name ("parallel" in name, "java" in name, …); here every category
 * maps explicitly to its checker and language, so a new name cannot silently change behaviour.
 */
export const BFCL_CATEGORIES = [
  "simple",
  "multiple",
  "parallel",
  "parallel_multiple",
  "irrelevance",
  "java",
  "javascript",
  "live_simple",
  "live_multiple",
  "live_parallel",
  "live_parallel_multiple",
  "live_irrelevance",
  "live_relevance",
] as const;

export type BfclCategory = (typeof BFCL_CATEGORIES)[number];

/** Multi-turn categories: conversations run against BFCL's simulated APIs (src/eval/multiturn). */
export const BFCL_MULTI_TURN_CATEGORIES = [
  "multi_turn_base",
  "multi_turn_miss_func",
  "multi_turn_miss_param",
  "multi_turn_long_context",
] as const;

export type MultiTurnCategory = (typeof BFCL_MULTI_TURN_CATEGORIES)[number];

/** Any BFCL v3 category a bench can name: single-turn, then multi-turn. */
export type BfclPart = BfclCategory | MultiTurnCategory;

/** Every BFCL v3 category in canonical order (what `bfcl:all` runs). */
export const BFCL_PARTS: readonly BfclPart[] = [...BFCL_CATEGORIES, ...BFCL_MULTI_TURN_CATEGORIES];

export function isMultiTurnCategory(name: string): name is MultiTurnCategory {
  return (BFCL_MULTI_TURN_CATEGORIES as readonly string[]).includes(name);
}

export function isBfclPart(name: string): name is BfclPart {
  return isBfclCategory(name) || isMultiTurnCategory(name);
}

/** Which checker scores a category (ast_checker's branches plus the relevance runner). */
export type BfclCheckerKind = "simple" | "multiple" | "parallel" | "irrelevance" | "relevance";

export type BfclLanguage = "Python" | "Java" | "JavaScript";

export interface BfclCategoryInfo {
  checker: BfclCheckerKind;
  language: BfclLanguage;
  live: boolean;
  /** Whether the category has a possible_answer file. */
  hasAnswers: boolean;
}

export const BFCL_CATEGORY_INFO: Readonly<Record<BfclCategory, BfclCategoryInfo>> = {
  simple: { checker: "simple", language: "Python", live: false, hasAnswers: true },
  multiple: { checker: "multiple", language: "Python", live: false, hasAnswers: true },
  parallel: { checker: "parallel", language: "Python", live: false, hasAnswers: true },
  parallel_multiple: { checker: "parallel", language: "Python", live: false, hasAnswers: true },
  irrelevance: { checker: "irrelevance", language: "Python", live: false, hasAnswers: false },
  java: { checker: "simple", language: "Java", live: false, hasAnswers: true },
  javascript: { checker: "simple", language: "JavaScript", live: false, hasAnswers: true },
  live_simple: { checker: "simple", language: "Python", live: true, hasAnswers: true },
  live_multiple: { checker: "multiple", language: "Python", live: true, hasAnswers: true },
  live_parallel: { checker: "parallel", language: "Python", live: true, hasAnswers: true },
  live_parallel_multiple: { checker: "parallel", language: "Python", live: true, hasAnswers: true },
  live_irrelevance: { checker: "irrelevance", language: "Python", live: true, hasAnswers: false },
  live_relevance: { checker: "relevance", language: "Python", live: true, hasAnswers: false },
};

export function isBfclCategory(name: string): name is BfclCategory {
  return (BFCL_CATEGORIES as readonly string[]).includes(name);
}

/** File name of a category's question file (and of its possible_answer file). */
export function bfclFileName(category: string): string {
  return `BFCL_v3_${category}.json`;
}

/**
 * Category of a BFCL sample id: the id without its trailing `_<index>` (`live_simple_3-2-1` →
 * `live_simple`), as BFCL derives it.
 */
export function bfclCategoryOfId(id: string): string {
  const i = id.lastIndexOf("_");
  return i < 0 ? id : id.slice(0, i);
}
