import { BFCL_CATEGORY_INFO, isBfclCategory, isMultiTurnCategory } from "../bfcl/categories.js";
import type { RunResults } from "../run/types.js";

export type ScoreSection = "BFCL v3 summary" | "BFCL v3 categories" | "Hammer sets";

/** One score of a run, keyed so that the same score of another run can be put beside it. */
export interface ScoreRow {
  key: string;
  section: ScoreSection;
  label: string;
  value: number | null;
  /** `percent` (BFCL accuracy) or `f1` (Hammer's F1 metrics, which can exceed 1). */
  kind: "percent" | "f1";
  /** `correct/total`, where it applies. */
  detail: string | null;
}

/** Where a BFCL category counts in the leaderboard's columns. */
export function bfclGroupOf(category: string): string {
  if (isMultiTurnCategory(category)) return "Multi-turn";
  if (!isBfclCategory(category)) return "";
  const info = BFCL_CATEGORY_INFO[category];
  if (info.checker === "irrelevance") return info.live ? "Live · Irrelevance" : "Irrelevance";
  if (info.checker === "relevance") return "Live · Relevance";
  if (info.live) return "Live AST";
  return info.checker === "simple" ? "Non-Live AST (simple)" : "Non-Live AST";
}

/** The key of the pooled accuracy over every BFCL category a run has. */
export const POOLED_KEY = "bfcl/pooled";

/**
 * The scores of a run in display order: BFCL's summary columns, then per-category accuracy;
 * Hammer's F1 Func-Name / F1 Args per set (evaluate.py's and the corrected variant) and their
 * average. The pooled BFCL row comes with two or more categories, or with one when `alwaysPooled`
 * (a comparison needs it beside runs that have several).
 */
export function scoreRows(r: RunResults, options: { alwaysPooled?: boolean } = {}): ScoreRow[] {
  const rows: ScoreRow[] = [];
  const s = r.bfcl_summary;
  if (s) {
    const sum = (key: string, label: string, value: number | null) => rows.push({ key: `bfcl/${key}`, section: "BFCL v3 summary", label, value, kind: "percent", detail: null });
    sum("overall", "Overall", s.overall);
    sum("non_live_ast", "Non-Live AST", s.non_live_ast);
    sum("non_live_overall", "Non-Live overall", s.non_live_overall);
    sum("live_overall", "Live", s.live_overall);
    sum("live_ast", "Live AST", s.live_ast);
    sum("relevance", "Relevance", s.relevance);
    sum("irrelevance", "Irrelevance", s.irrelevance);
    sum("multi_turn", "Multi-turn", s.multi_turn);
  }
  const bfcl = r.parts.filter((p) => p.kind === "bfcl");
  for (const p of bfcl) {
    rows.push({ key: p.part, section: "BFCL v3 categories", label: p.part.slice("bfcl:".length), value: p.accuracy, kind: "percent", detail: `${p.correct}/${p.total}` });
  }
  if (bfcl.length > 1 || (bfcl.length === 1 && options.alwaysPooled === true)) {
    // Not a BFCL column: the share of all BFCL samples run, so partial runs have one number too.
    const correct = bfcl.reduce((a, p) => a + p.correct, 0);
    const total = bfcl.reduce((a, p) => a + p.total, 0);
    rows.push({ key: POOLED_KEY, section: "BFCL v3 categories", label: "all samples run (pooled)", value: total === 0 ? null : correct / total, kind: "percent", detail: `${correct}/${total}` });
  }
  const hammer = r.parts.filter((p) => p.kind === "hammer");
  const f1 = (key: string, label: string, value: number | null, detail: string | null) => rows.push({ key, section: "Hammer sets", label, value, kind: "f1", detail });
  for (const p of hammer) {
    const name = p.part.slice("hammer:".length);
    f1(`${p.part}/f1_api`, `${name} · F1 Func-Name`, p.official?.f1_api ?? null, `${p.correct}/${p.total} exact`);
    f1(`${p.part}/f1_param`, `${name} · F1 Args`, p.official?.f1_param ?? null, null);
    f1(`${p.part}/f1_api_corrected`, `${name} · F1 Func-Name (corrected)`, p.corrected?.f1_api ?? null, null);
    f1(`${p.part}/f1_param_corrected`, `${name} · F1 Args (corrected)`, p.corrected?.f1_param ?? null, null);
  }
  const avg = r.hammer_average;
  if (avg && hammer.length > 1) {
    f1("hammer/average/f1_api", "Average · F1 Func-Name", avg.official.f1_api, null);
    f1("hammer/average/f1_param", "Average · F1 Args", avg.official.f1_param, null);
    f1("hammer/average/f1_api_corrected", "Average · F1 Func-Name (corrected)", avg.corrected.f1_api, null);
    f1("hammer/average/f1_param_corrected", "Average · F1 Args (corrected)", avg.corrected.f1_param, null);
  }
  return rows;
}
