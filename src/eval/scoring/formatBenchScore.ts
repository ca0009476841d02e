import type { BenchScore } from "./scoreBench.js";
import type { HammerF1 } from "../types.js";

const pct = (x: number | null): string => (x === null ? "n/a" : `${(x * 100).toFixed(2)}%`);
const num = (x: number | null): string => (x === null ? "n/a" : x.toFixed(4));

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length))) ?? [];
  return rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ")).join("\n");
}

/** Human-readable report of a score (what `hammer eval score` prints without --json). */
export function formatBenchScore(score: BenchScore, options: { maxIssues?: number } = {}): string {
  const out: string[] = [`${score.bench}  (data: ${score.dataDir})`, ""];
  const bfcl = score.parts.filter((p) => p.kind === "bfcl");
  if (bfcl.length > 0) {
    out.push(table([["category", "correct", "total", "accuracy", "missing"], ...bfcl.map((p) => [p.category, String(p.correct), String(p.total), pct(p.accuracy), String(p.missing)])]));
  }
  if (score.bfclSummary && (bfcl.length > 1 || score.bench === "bfcl:all")) {
    const s = score.bfclSummary;
    out.push("", "BFCL v3 summary");
    out.push(
      table([
        ["Non-Live AST (simple group)", pct(s.nonLiveSimpleAst)],
        ["Non-Live AST", pct(s.nonLiveAst)],
        ["Non-Live overall", pct(s.nonLiveOverall)],
        ["Live AST", pct(s.liveAst)],
        ["Live overall", pct(s.liveOverall)],
        ["Relevance", pct(s.relevance)],
        ["Irrelevance", pct(s.irrelevance)],
        ["Multi-turn", pct(s.multiTurn)],
        ["Overall", pct(s.overall)],
      ]),
    );
    if (s.missingCategories.length > 0) out.push(`(n/a: not scored: ${s.missingCategories.join(", ")})`);
  }
  const hammer = score.parts.filter((p) => p.kind === "hammer");
  if (hammer.length > 0) {
    const row = (name: string, o: HammerF1, c: HammerF1, extra: string[]): string[] => [name, num(o.f1Api), num(o.f1Param), num(c.f1Api), num(c.f1Param), ...extra];
    const rows = [["set", "F1 api", "F1 param", "F1 api (corr.)", "F1 param (corr.)", "exact", "total", "missing"]];
    for (const p of hammer) rows.push(row(p.set, p.official, p.corrected, [String(p.correct), String(p.total), String(p.missing)]));
    if (score.hammerAverage && hammer.length > 1) rows.push(row("mean", score.hammerAverage.official, score.hammerAverage.corrected, ["", "", ""]));
    out.push(table(rows));
    out.push("(F1 as in Hammer's evaluate.py — can exceed 1; corr. = one-to-one matching, bounded by 1)");
  }
  if (score.notPresent.length > 0) out.push("", `Not present in the data dir: ${score.notPresent.join(", ")}`);
  if (score.missingPredictions > 0) out.push("", `${score.missingPredictions} sample(s) had no prediction and count as failures.`);

  const errors = new Map<string, number>();
  for (const s of score.samples) if (s.errorType) errors.set(s.errorType, (errors.get(s.errorType) ?? 0) + 1);
  if (errors.size > 0) {
    out.push("", "Failures by error type");
    out.push(table([...errors].sort((a, b) => b[1] - a[1]).map(([t, n]) => [t, String(n)])));
  }
  if (score.issues.length > 0) {
    const max = options.maxIssues ?? 20;
    out.push("", `${score.issues.length} issue(s):`);
    for (const i of score.issues.slice(0, max)) out.push(`  ${i.location}: ${i.message}`);
    if (score.issues.length > max) out.push(`  … and ${score.issues.length - max} more`);
  }
  return out.join("\n");
}
