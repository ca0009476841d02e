import type { BfclPart } from "./categories.js";
import type { BfclCategoryScore } from "../types.js";

/**
 * BFCL v3's leaderboard aggregation (eval_runner_helper.generate_leaderboard_csv, after exec
 * categories were retired). Where BFCL would count a missing category as 0, a group here is null
 * and the missing categories are listed, so partial runs are not mistaken for full ones.
 */
export interface BfclSummary {
  /** Unweighted mean of simple, java, javascript. */
  nonLiveSimpleAst: number | null;
  /** Unweighted mean of the simple group, multiple, parallel, parallel_multiple. */
  nonLiveAst: number | null;
  /** Unweighted mean of the four AST groups and irrelevance. */
  nonLiveOverall: number | null;
  /** Count-weighted accuracy over live_simple, live_multiple, live_parallel, live_parallel_multiple. */
  liveAst: number | null;
  /** Count-weighted accuracy over the four live AST categories, live_irrelevance and live_relevance. */
  liveOverall: number | null;
  /** live_relevance. */
  relevance: number | null;
  /** Unweighted mean of irrelevance and live_irrelevance. */
  irrelevance: number | null;
  /** Unweighted mean of the four multi-turn categories. */
  multiTurn: number | null;
  /** Unweighted mean of live overall, non-live overall and multi-turn (the leaderboard's Overall Acc). */
  overall: number | null;
  /** Categories a group needed but that were not scored. */
  missingCategories: BfclPart[];
}

export function summarizeBfcl(scores: readonly BfclCategoryScore[]): BfclSummary {
  const by = new Map(scores.map((s) => [s.category, s]));
  const missing = new Set<BfclPart>();
  const need = (cats: BfclPart[]): BfclCategoryScore[] | null => {
    const got = cats.map((c) => by.get(c));
    cats.forEach((c, i) => {
      if (!got[i]) missing.add(c);
    });
    return got.every((x) => x !== undefined) ? (got as BfclCategoryScore[]) : null;
  };
  const mean = (xs: Array<number | null>): number | null =>
    xs.some((x) => x === null) ? null : (xs as number[]).reduce((a, b) => a + b, 0) / xs.length;
  const weighted = (cats: BfclPart[]): number | null => {
    const got = need(cats);
    if (!got) return null;
    const total = got.reduce((a, s) => a + s.total, 0);
    return total === 0 ? null : got.reduce((a, s) => a + s.correct, 0) / total;
  };
  const acc = (c: BfclPart): number | null => need([c])?.[0]?.accuracy ?? null;

  const nonLiveSimpleAst = mean([acc("simple"), acc("java"), acc("javascript")]);
  const nonLiveAst = mean([nonLiveSimpleAst, acc("multiple"), acc("parallel"), acc("parallel_multiple")]);
  const nonLiveOverall = mean([nonLiveSimpleAst, acc("multiple"), acc("parallel"), acc("parallel_multiple"), acc("irrelevance")]);
  const liveAst = weighted(["live_simple", "live_multiple", "live_parallel", "live_parallel_multiple"]);
  const liveOverall = weighted(["live_simple", "live_multiple", "live_parallel", "live_parallel_multiple", "live_irrelevance", "live_relevance"]);
  const multiTurn = mean([acc("multi_turn_base"), acc("multi_turn_miss_func"), acc("multi_turn_miss_param"), acc("multi_turn_long_context")]);
  return {
    nonLiveSimpleAst,
    nonLiveAst,
    nonLiveOverall,
    liveAst,
    liveOverall,
    relevance: acc("live_relevance"),
    irrelevance: mean([acc("irrelevance"), acc("live_irrelevance")]),
    multiTurn,
    overall: mean([liveOverall, nonLiveOverall, multiTurn]),
    missingCategories: [...missing],
  };
}

/** BFCL v3's aggregate columns (null where a needed category was not run). */
export interface BfclSummaryJson {
  overall: number | null;
  non_live_simple_ast: number | null;
  non_live_ast: number | null;
  non_live_overall: number | null;
  live_ast: number | null;
  live_overall: number | null;
  relevance: number | null;
  irrelevance: number | null;
  multi_turn: number | null;
  missing_categories: string[];
}

/** A summary in the snake_case JSON of `eval score --json` and results.json. */
export function bfclSummaryJson(s: BfclSummary): BfclSummaryJson {
  return {
    overall: s.overall,
    non_live_simple_ast: s.nonLiveSimpleAst,
    non_live_ast: s.nonLiveAst,
    non_live_overall: s.nonLiveOverall,
    live_ast: s.liveAst,
    live_overall: s.liveOverall,
    relevance: s.relevance,
    irrelevance: s.irrelevance,
    multi_turn: s.multiTurn,
    missing_categories: [...s.missingCategories],
  };
}
